import {
  Collection,
  Entity,
  Enum,
  Index,
  ManyToOne,
  OneToMany,
  OptionalProps,
  PrimaryKey,
  Property,
  Unique,
} from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { DecimalJsType } from '../../../shared/money/decimal-js.type';
import { Dec, type Dec as Decimal } from '../../../shared/money/money';

/** Lifecycle stored on the plan; DELINQUENT is derived at read time from the business date. */
export enum StoredPlanStatus {
  PENDING = 'PENDING',
  ACTIVE = 'ACTIVE',
  PAID_OFF = 'PAID_OFF',
  CANCELLED = 'CANCELLED',
  /** Charged off as uncollectible by an approved write-off; what is owed stays owed. */
  WRITTEN_OFF = 'WRITTEN_OFF',
}

/** An installment plan: a principal repaid in scheduled installments by one customer. */
@Entity({ tableName: 'installment_plan' })
@Index({ name: 'installment_plan_customer_idx', properties: ['customerId', 'createdAt'] })
export class InstallmentPlan {
  [OptionalProps]?: 'createdAt' | 'status' | 'creditBalance' | 'terms';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** The owning customer's id (accounts subgraph); a reference, not a foreign key. */
  @Property({ type: 'uuid' })
  customerId: string;

  @Property({ type: 'string', length: 200 })
  title: string;

  /** ISO 4217 code; every amount of the plan is in this currency. */
  @Property({ type: 'string', length: 3 })
  currency: string;

  @Property({ type: DecimalJsType, precision: 19, scale: 4 })
  principal: Decimal;

  /** Paid beyond everything due (overpayment), held for the customer. */
  @Property({ type: DecimalJsType, precision: 19, scale: 4 })
  creditBalance: Decimal = new Dec(0);

  @Enum({ items: () => StoredPlanStatus })
  status: StoredPlanStatus = StoredPlanStatus.ACTIVE;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  /**
   * The contract terms as accepted by the servicing engine's `parsePlanTerms` (decimals as strings,
   * dates "YYYY-MM-DD"); the plan's state is their replay with its events. Null for a plan opened
   * with an explicit schedule, which has nothing to replay.
   */
  @Property({ type: 'json', nullable: true })
  terms: Record<string, unknown> | null = null;

  @OneToMany(() => Installment, (i) => i.plan, { orderBy: { number: 'asc' } })
  installments = new Collection<Installment>(this);

  constructor(customerId: string, title: string, currency: string, principal: Decimal) {
    this.customerId = customerId;
    this.title = title;
    this.currency = currency;
    this.principal = principal;
  }
}

/** One scheduled installment: what is due on a calendar date, split by component, and what was paid. */
@Entity({ tableName: 'installment' })
@Unique({ name: 'installment_plan_number_unique', properties: ['plan', 'number'] })
export class Installment {
  [OptionalProps]?: 'paidPrincipal' | 'paidInterest' | 'paidFees' | 'waivedInterest' | 'waivedFees';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => InstallmentPlan, { deleteRule: 'cascade' })
  plan: InstallmentPlan;

  /** 1-based position in the schedule. */
  @Property({ type: 'integer' })
  number: number;

  /** Calendar date (no time zone), ISO "YYYY-MM-DD". */
  @Property({ type: 'string', columnType: 'date' })
  dueDate: string;

  @Property({ type: DecimalJsType, precision: 19, scale: 4 })
  principal: Decimal;

  @Property({ type: DecimalJsType, precision: 19, scale: 4 })
  interest: Decimal;

  @Property({ type: DecimalJsType, precision: 19, scale: 4 })
  fees: Decimal;

  @Property({ type: DecimalJsType, precision: 19, scale: 4 })
  paidPrincipal: Decimal = new Dec(0);

  @Property({ type: DecimalJsType, precision: 19, scale: 4 })
  paidInterest: Decimal = new Dec(0);

  @Property({ type: DecimalJsType, precision: 19, scale: 4 })
  paidFees: Decimal = new Dec(0);

  /** Interest forgiven by applied waivers (the engine replay's waived interest). */
  @Property({ type: DecimalJsType, precision: 19, scale: 4, default: 0 })
  waivedInterest: Decimal = new Dec(0);

  /** Fees forgiven by applied waivers (the engine replay's waived fees). */
  @Property({ type: DecimalJsType, precision: 19, scale: 4, default: 0 })
  waivedFees: Decimal = new Dec(0);

  constructor(
    plan: InstallmentPlan,
    row: { number: number; dueDate: string; principal: Decimal; interest: Decimal; fees: Decimal },
  ) {
    this.plan = plan;
    this.number = row.number;
    this.dueDate = row.dueDate;
    this.principal = row.principal;
    this.interest = row.interest;
    this.fees = row.fees;
  }
}

/** A payment received from the payments subgraph and applied to the plan (once: id = payment id). */
@Entity({ tableName: 'applied_payment' })
export class AppliedPayment {
  [OptionalProps]?: 'appliedAt';

  @PrimaryKey({ type: 'uuid' })
  paymentId: string;

  @ManyToOne(() => InstallmentPlan, { deleteRule: 'cascade' })
  plan: InstallmentPlan;

  @Property({ type: DecimalJsType, precision: 19, scale: 4 })
  amount: Decimal;

  @Property({ type: 'datetime' })
  appliedAt: Date = new Date();

  constructor(paymentId: string, plan: InstallmentPlan, amount: Decimal) {
    this.paymentId = paymentId;
    this.plan = plan;
    this.amount = amount;
  }
}
