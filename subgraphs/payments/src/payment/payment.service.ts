import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { Payment } from './payment.entity';
import { PlanDirectoryEntry } from '../plan-directory/plan-directory.entity';
import { OutboxEvent } from '../../../shared/events/event-tables';
import { Money, isKnownCurrency } from '../../../shared/money/money';
import { badInput, conflict, notFound } from '../../../shared/errors/domain-error';
import {
  authorizeRead,
  ownershipForbidden,
  UUID_PATTERN,
} from '../../../shared/auth/entity-access';
import {
  requireRead,
  requireRole,
  requireScope,
  requireSignedIn,
} from '../../../shared/auth/policy';
import type { Viewer } from '../../../shared/auth/viewer';
import type { AuditTrail } from '../../../shared/audit/audit-trail';
import { ChainedAuditTrail } from '../../../shared/audit/chained-audit-trail';
import { CurrencyMismatch, PaymentRecorded, PlanNotFound } from './payment.results';
import { PaymentType } from './payment.type';
import type { RecordPaymentInput } from './payment.inputs';

/** Topic announcing a succeeded payment to schedules. */
export const PAYMENT_RECORDED = 'payment.recorded';

const isUuid = (id: string): boolean => UUID_PATTERN.test(id);

const groupBy = <T>(rows: T[], key: (row: T) => string, ids: readonly string[]): T[][] =>
  ids.map((id) => rows.filter((r) => key(r) === id));

/** Payment use cases for one request; owns the transaction and the flush. */
export class PaymentService {
  private readonly byId = new DataLoader<string, Payment | null>(async (ids) => {
    // an id that is not a UUID matches nothing, and must not fail the batch on a bad cast
    const rows = await this.em.find(Payment, { id: { $in: ids.filter(isUuid) } });
    return ids.map((id) => rows.find((p) => p.id === id) ?? null);
  });

  private readonly byPlan = new DataLoader<string, Payment[]>(async (ids) =>
    groupBy(
      await this.em.find(
        Payment,
        { planId: { $in: ids.filter(isUuid) } },
        { orderBy: { createdAt: 'asc', id: 'asc' } },
      ),
      (p) => p.planId,
      ids,
    ),
  );

  private readonly byCustomer = new DataLoader<string, Payment[]>(async (ids) =>
    groupBy(
      await this.em.find(
        Payment,
        { customerId: { $in: ids.filter(isUuid) } },
        { orderBy: { createdAt: 'asc', id: 'asc' } },
      ),
      (p) => p.customerId,
      ids,
    ),
  );

  /** Owner and currency of plans, from the directory: one SELECT for N plans. */
  private readonly directory = new DataLoader<string, PlanDirectoryEntry | null>(async (ids) => {
    const rows = await this.em.find(PlanDirectoryEntry, { planId: { $in: ids.filter(isUuid) } });
    return ids.map((id) => rows.find((p) => p.planId === id) ?? null);
  });

  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Viewer,
    private readonly onOutbox: () => void = () => undefined,
    private readonly audit: AuditTrail = new ChainedAuditTrail(),
  ) {}

  /**
   * The payment if the viewer may read it (customers their own, staff all, keys with
   * `payments:read`; a customer gets FORBIDDEN for an unknown id too); null when there is none.
   */
  async find(id: string): Promise<Payment | null> {
    requireSignedIn(this.viewer);
    const payment = await this.byId.load(id);
    return authorizeRead(this.viewer, 'payments:read', payment, (p) => p.customerId);
  }

  /** As `find`, NOT_FOUND when there is none. */
  async get(id: string): Promise<Payment> {
    const payment = await this.find(id);
    if (!payment) throw notFound('Payment', id);
    return payment;
  }

  /**
   * Payments of a plan, oldest first. A customer must own the plan (its directory entry says who
   * does; an unknown plan is FORBIDDEN for them, like another's); staff and keys with
   * `payments:read` see any plan's, none for an unknown plan.
   */
  async ofPlan(planId: string): Promise<Payment[]> {
    requireSignedIn(this.viewer);
    requireScope(this.viewer, 'payments:read');
    if (this.viewer.role === 'CUSTOMER') {
      const plan = await this.directory.load(planId);
      if (plan?.customerId !== this.viewer.customerId) throw ownershipForbidden();
    }
    return this.byPlan.load(planId);
  }

  /** Payments of a customer on any plan, oldest first, if the viewer may read them. */
  ofCustomer(customerId: string): Promise<Payment[]> {
    requireRead(this.viewer, customerId, 'payments:read');
    return this.byCustomer.load(customerId);
  }

  /**
   * Records a succeeded payment and, in the same transaction, an outbox event for schedules.
   * A repeated idempotency key returns the first payment when the request is the same, and is a
   * CONFLICT when it differs. Customers for their own plans (another's or an unknown plan is
   * FORBIDDEN), agents and admins for any, API keys with `payments:write`; never auditors.
   */
  async recordPayment(
    input: RecordPaymentInput,
  ): Promise<PaymentRecorded | PlanNotFound | CurrencyMismatch> {
    // AUDITOR is read-only; API keys need payments:write; customers pay their own plans only
    requireRole(this.viewer, 'CUSTOMER', 'AGENT', 'ADMIN', 'SERVICE');
    requireScope(this.viewer, 'payments:write');
    const amount = this.validAmount(input);
    const plan = await this.directory.load(input.planId);
    if (this.viewer.role === 'CUSTOMER' && plan?.customerId !== this.viewer.customerId)
      throw ownershipForbidden();
    const previous = await this.em.findOne(Payment, { idempotencyKey: input.idempotencyKey });
    if (previous) return this.replay(previous, input);
    if (!plan)
      return Object.assign(new PlanNotFound(), {
        code: 'PLAN_NOT_FOUND',
        message: `No payable plan ${input.planId}.`,
      });
    if (plan.currency !== input.currency) {
      return Object.assign(new CurrencyMismatch(), {
        code: 'CURRENCY_MISMATCH',
        message: `This plan is in ${plan.currency}.`,
        planCurrency: plan.currency,
      });
    }
    const payment = new Payment({ ...input, amount: amount.amount, customerId: plan.customerId });
    try {
      await this.em.transactional(async (em) => {
        em.persist(payment);
        em.persist(
          new OutboxEvent(randomUUID(), 'schedules', PAYMENT_RECORDED, {
            paymentId: payment.id,
            planId: payment.planId,
            amount: amount.toFixed(),
            currency: payment.currency,
          }),
        );
        // who recorded which money for which plan, from where: committed with the payment
        await this.audit.record(em, this.viewer, {
          action: 'payment.recorded',
          entityType: 'Payment',
          entityId: payment.id,
          after: {
            planId: payment.planId,
            customerId: payment.customerId,
            amount: amount.toFixed(),
            currency: payment.currency,
            idempotencyKey: payment.idempotencyKey,
          },
        });
      });
    } catch (error) {
      // two identical requests raced past the lookup above: the unique key let one in; answer as a replay
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
      const winner = await this.em
        .fork()
        .findOneOrFail(Payment, { idempotencyKey: input.idempotencyKey });
      return this.replay(winner, input);
    }
    this.onOutbox();
    return Object.assign(new PaymentRecorded(), { payment: PaymentType.from(payment) });
  }

  private validAmount(input: RecordPaymentInput): Money {
    if (!isKnownCurrency(input.currency))
      throw badInput('input.currency', `Unknown ISO 4217 currency ${input.currency}.`);
    let amount: Money;
    try {
      amount = Money.of(input.amount, input.currency);
    } catch (error) {
      // Money.of refuses more decimals than the currency has; report it against the field
      throw badInput('input.amount', (error as Error).message);
    }
    if (!amount.isPositive())
      throw badInput('input.amount', 'The amount must be greater than zero.');
    return amount;
  }

  private replay(previous: Payment, input: RecordPaymentInput): PaymentRecorded {
    const same =
      previous.planId === input.planId &&
      previous.currency === input.currency &&
      previous.amount.eq(input.amount);
    if (!same)
      throw conflict('This idempotencyKey was already used for a different payment.', {
        field: 'input.idempotencyKey',
      });
    return Object.assign(new PaymentRecorded(), { payment: PaymentType.from(previous) });
  }
}
