import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { DecimalJsType } from '../../../shared/money/decimal-js.type';
import type { Dec as Decimal } from '../../../shared/money/money';

export enum PaymentStatus {
  PENDING = 'PENDING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
  REVERSED = 'REVERSED',
}

/** Money received towards a plan. Immutable once succeeded; corrections are new records. */
@Entity({ tableName: 'payment' })
@Index({ name: 'payment_plan_idx', properties: ['planId', 'createdAt'] })
@Index({ name: 'payment_customer_idx', properties: ['customerId', 'createdAt'] })
export class Payment {
  [OptionalProps]?: 'createdAt' | 'status';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  planId: string;

  /** Copied from the plan directory so `Customer.payments` needs no call to schedules. */
  @Property({ type: 'uuid' })
  customerId: string;

  @Property({ type: DecimalJsType, precision: 19, scale: 4 })
  amount: Decimal;

  @Property({ type: 'string', length: 3 })
  currency: string;

  @Enum({ items: () => PaymentStatus })
  status: PaymentStatus = PaymentStatus.SUCCEEDED;

  /** Client-chosen key: a retried request with the same key records nothing new. */
  @Property({ type: 'string', length: 100, unique: true })
  idempotencyKey: string;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  constructor(init: {
    planId: string;
    customerId: string;
    amount: Decimal;
    currency: string;
    idempotencyKey: string;
  }) {
    this.planId = init.planId;
    this.customerId = init.customerId;
    this.amount = init.amount;
    this.currency = init.currency;
    this.idempotencyKey = init.idempotencyKey;
  }
}
