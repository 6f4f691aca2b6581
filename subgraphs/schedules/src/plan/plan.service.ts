import { randomUUID } from 'node:crypto';
import { LoadStrategy, type EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { AppliedPayment, Installment, InstallmentPlan } from './plan.entity';
import { OutboxEvent } from '../../../shared/events/event-tables';
import { Money, Dec, isKnownCurrency, type Dec as Decimal } from '../../../shared/money/money';
import { badInput, notFound } from '../../../shared/errors/domain-error';
import { parsePlanTerms, previewSchedule, scheduleToJson } from '../engine';
import { engineCall } from './engine-call';
import type { AppliedWaiverRecord } from './plan-events';
import { appliedWaivers } from '../servicing-actions/applied-waivers';
import { UUID_PATTERN } from '../../../shared/auth/entity-access';

/** Today's business date as ISO "YYYY-MM-DD" (a clock the domain is given, never Date.now inside). */
export type BusinessClock = () => string;

export interface OpenPlanInput {
  customerId: string;
  title: string;
  currency: string;
  principal: Decimal;
  installments: { dueDate: string; principal: Decimal; interest: Decimal; fees: Decimal }[];
}

/** Topic announcing a new plan to the payments subgraph (which keeps a directory of payable plans). */
export const PLAN_OPENED = 'plan.opened';

/** Plan use cases for one request or event; owns transactions and flushes. */
export class PlanService {
  /** One SELECT for the plans plus one for their installments, whatever the number of ids. */
  readonly byId = new DataLoader<string, InstallmentPlan | null>(async (ids) => {
    const rows = await this.em.find(
      InstallmentPlan,
      { id: { $in: [...ids] } },
      { populate: ['installments'], strategy: LoadStrategy.JOINED },
    );
    const map = new Map(rows.map((p) => [p.id, p]));
    return ids.map((id) => map.get(id) ?? null);
  });

  readonly byCustomer = new DataLoader<string, InstallmentPlan[]>(async (customerIds) => {
    const rows = await this.em.find(
      InstallmentPlan,
      // a customer id that is not a UUID has no plans, and must not fail the batch on a bad cast
      { customerId: { $in: customerIds.filter((id) => UUID_PATTERN.test(id)) } },
      {
        populate: ['installments'],
        strategy: LoadStrategy.JOINED,
        orderBy: { createdAt: 'asc', id: 'asc' },
      },
    );
    return customerIds.map((id) => rows.filter((p) => p.customerId === id));
  });

  constructor(
    private readonly em: EntityManager,
    readonly today: BusinessClock,
    private readonly onOutbox: () => void = () => undefined,
  ) {}

  /** Forgets what this unit of work loaded, so the next reads see the database as it is now. */
  clearCache(): void {
    this.byId.clearAll();
    this.byCustomer.clearAll();
    this.em.clear();
  }

  async get(id: string): Promise<InstallmentPlan> {
    const plan = await this.byId.load(id);
    if (!plan) throw notFound('InstallmentPlan', id);
    return plan;
  }

  /**
   * Opens a plan with an explicit schedule. The installments' principal must sum exactly to the
   * plan principal; every amount must fit the currency's minor units. Announces the plan to payments
   * through the outbox, in the same transaction.
   */
  async openPlan(input: OpenPlanInput): Promise<InstallmentPlan> {
    return this.create(input, null);
  }

  /**
   * Opens a plan from contract terms (the JSON `parsePlanTerms` accepts): validates them with the
   * engine (BAD_USER_INPUT naming `terms.<field>`), stores the engine's schedule as the installments
   * and keeps the terms, so the plan can be replayed, previewed and explained later. The plan's
   * principal is what the installments repay: the terms' principal less any down payment.
   */
  async openPlanFromTerms(
    customerId: string,
    title: string,
    rawTerms: Record<string, unknown>,
  ): Promise<InstallmentPlan> {
    const terms = engineCall('terms', () => parsePlanTerms(rawTerms));
    // A NONE schedule keeps sub-cent amounts; a stored plan holds minor units only.
    if (terms.rounding.mode === 'NONE')
      throw badInput('terms.rounding.mode', 'A plan needs a rounding mode other than NONE.');
    const schedule = scheduleToJson(engineCall('terms', () => previewSchedule(terms)));
    const installments = schedule.installments.map((i) => ({
      dueDate: i.dueDate,
      principal: new Dec(i.principal),
      interest: new Dec(i.interest),
      fees: new Dec(i.fees),
    }));
    const principal = installments.reduce((sum, i) => sum.plus(i.principal), new Dec(0));
    return this.create(
      { customerId, title, currency: terms.currency, principal, installments },
      rawTerms,
    );
  }

  /** Applied waivers of a plan, oldest first (the source of its WAIVER events). */
  appliedWaivers(planId: string): Promise<AppliedWaiverRecord[]> {
    return appliedWaivers(this.em, planId);
  }

  /** Applied payments of a plan, oldest first (the source of its PAYMENT events). */
  appliedPayments(planId: string): Promise<AppliedPayment[]> {
    return this.em.find(
      AppliedPayment,
      { plan: planId },
      { orderBy: { appliedAt: 'asc', paymentId: 'asc' } },
    );
  }

  private async create(
    input: OpenPlanInput,
    terms: Record<string, unknown> | null,
  ): Promise<InstallmentPlan> {
    validateOpenPlan(input);
    const plan = await this.em.transactional(async (em) => {
      const created = new InstallmentPlan(
        input.customerId,
        input.title,
        input.currency,
        input.principal,
      );
      created.terms = terms;
      input.installments.forEach((row, index) =>
        created.installments.add(new Installment(created, { ...row, number: index + 1 })),
      );
      em.persist(created);
      em.persist(
        new OutboxEvent(randomUUID(), 'payments', PLAN_OPENED, {
          planId: created.id,
          customerId: created.customerId,
          currency: created.currency,
        }),
      );
      return created;
    });
    this.onOutbox();
    return plan;
  }
}

function validateOpenPlan(input: OpenPlanInput): void {
  if (!isKnownCurrency(input.currency))
    throw badInput('currency', `Unknown ISO 4217 currency ${input.currency}.`);
  if (input.title.trim().length === 0 || input.title.length > 200)
    throw badInput('title', 'Title must be 1 to 200 characters.');
  if (input.installments.length < 1 || input.installments.length > 1200) {
    throw badInput('installments', 'A plan has 1 to 1200 installments.');
  }
  const money = (v: Decimal, field: string) => {
    try {
      const m = Money.of(v, input.currency);
      if (m.isNegative()) throw new RangeError('must not be negative');
      return m;
    } catch (error) {
      // Money.of throws RangeError for too many decimals; report it against the field
      throw badInput(field, `${field}: ${(error as Error).message}`);
    }
  };
  if (!money(input.principal, 'principal').isPositive())
    throw badInput('principal', 'Principal must be positive.');
  let sum = new Dec(0);
  input.installments.forEach((row, i) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(row.dueDate))
      throw badInput(`installments.${i}.dueDate`, 'Due dates are ISO calendar dates.');
    if (i > 0 && row.dueDate <= input.installments[i - 1].dueDate) {
      throw badInput(`installments.${i}.dueDate`, 'Due dates must increase.');
    }
    sum = sum.plus(money(row.principal, `installments.${i}.principal`).amount);
    money(row.interest, `installments.${i}.interest`);
    money(row.fees, `installments.${i}.fees`);
  });
  if (!sum.eq(input.principal))
    throw badInput('installments', 'Installment principals must sum to the plan principal.');
}
