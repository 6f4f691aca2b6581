import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { Payment } from './payment.entity';
import { PlanDirectoryEntry } from '../plan-directory/plan-directory.entity';
import { OutboxEvent } from '../../../shared/events/event-tables';
import { Money, isKnownCurrency } from '../../../shared/money/money';
import { badInput, conflict } from '../../../shared/errors/domain-error';
import { CurrencyMismatch, PaymentRecorded, PlanNotFound } from './payment.results';
import { PaymentType } from './payment.type';
import type { RecordPaymentInput } from './payment.inputs';

/** Topic announcing a succeeded payment to schedules. */
export const PAYMENT_RECORDED = 'payment.recorded';

const groupBy = <T>(rows: T[], key: (row: T) => string, ids: readonly string[]): T[][] =>
  ids.map((id) => rows.filter((r) => key(r) === id));

/** Payment use cases for one request; owns the transaction and the flush. */
export class PaymentService {
  readonly byId = new DataLoader<string, Payment | null>(async (ids) => {
    const rows = await this.em.find(Payment, { id: { $in: [...ids] } });
    return ids.map((id) => rows.find((p) => p.id === id) ?? null);
  });

  readonly byPlan = new DataLoader<string, Payment[]>(async (ids) =>
    groupBy(
      await this.em.find(
        Payment,
        { planId: { $in: [...ids] } },
        { orderBy: { createdAt: 'asc', id: 'asc' } },
      ),
      (p) => p.planId,
      ids,
    ),
  );

  readonly byCustomer = new DataLoader<string, Payment[]>(async (ids) =>
    groupBy(
      await this.em.find(
        Payment,
        { customerId: { $in: [...ids] } },
        { orderBy: { createdAt: 'asc', id: 'asc' } },
      ),
      (p) => p.customerId,
      ids,
    ),
  );

  constructor(
    private readonly em: EntityManager,
    private readonly onOutbox: () => void = () => undefined,
  ) {}

  /**
   * Records a succeeded payment and, in the same transaction, an outbox event for schedules.
   * A repeated idempotency key returns the first payment when the request is the same, and is a
   * CONFLICT when it differs.
   */
  async recordPayment(
    input: RecordPaymentInput,
  ): Promise<PaymentRecorded | PlanNotFound | CurrencyMismatch> {
    const amount = this.validAmount(input);
    const previous = await this.em.findOne(Payment, { idempotencyKey: input.idempotencyKey });
    if (previous) return this.replay(previous, input);
    const plan = await this.em.findOne(PlanDirectoryEntry, { planId: input.planId });
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
