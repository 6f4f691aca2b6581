import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DecimalScalar } from '../../../shared/money/decimal.scalar';
import { Money } from '../../../shared/money/money';
import { DateTimeScalar } from '../../../shared/graphql/scalars';
import { ENTITY_DESCRIPTIONS, entityStub } from '../../../shared/graphql/entity-stub';
import { PaymentStatus, type Payment } from './payment.entity';

registerEnumType(PaymentStatus, {
  name: 'PaymentStatus',
  description: 'Where a payment is in its life.',
  valuesConfig: {
    PENDING: { description: 'Started, not yet settled.' },
    SUCCEEDED: { description: 'Received and applied to the plan.' },
    FAILED: { description: 'Declined or not completed; nothing was taken.' },
    REVERSED: { description: 'Returned to the customer after succeeding.' },
  },
});

/** Stub of the schedules subgraph's InstallmentPlan, extended here with `payments`. */
export const PlanRef = entityStub('InstallmentPlan', ENTITY_DESCRIPTIONS.InstallmentPlan);
export type PlanRef = InstanceType<typeof PlanRef>;

/** Stub of the accounts subgraph's Customer, extended here with `payments`. */
export const CustomerRef = entityStub('Customer', ENTITY_DESCRIPTIONS.Customer);
export type CustomerRef = InstanceType<typeof CustomerRef>;

@Directive('@key(fields: "id")')
@ObjectType('Payment', { description: 'Money received towards an installment plan.' })
export class PaymentType {
  @Field(() => ID, { description: 'Stable identifier.' })
  id!: string;

  @Field(() => DecimalScalar, { description: "Amount received, with the currency's minor digits." })
  amount!: string;

  @Field({ description: 'ISO 4217 currency code.' })
  currency!: string;

  @Field(() => PaymentStatus, { description: 'Where the payment is in its life.' })
  status!: PaymentStatus;

  @Field(() => DateTimeScalar, { description: 'When the payment was recorded (UTC).' })
  createdAt!: Date;

  @Field(() => PlanRef, { description: 'The plan the payment is for.' })
  plan!: PlanRef;

  static from(p: Payment): PaymentType {
    return Object.assign(new PaymentType(), {
      id: p.id,
      amount: Money.of(p.amount, p.currency).toFixed(),
      currency: p.currency,
      status: p.status,
      createdAt: p.createdAt,
      plan: PlanRef.of(p.planId),
    });
  }
}
