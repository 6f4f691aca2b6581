import { Field, ObjectType, createUnionType } from 'type-graphql';
import { UserError } from '../../../shared/errors/user-error';
import { PaymentType } from './payment.type';

@ObjectType({
  description: 'The payment was recorded (or had been, for a repeated idempotency key).',
})
export class PaymentRecorded {
  @Field(() => PaymentType, { description: 'The recorded payment.' })
  payment!: PaymentType;
}

@ObjectType({ implements: UserError, description: 'No payable plan has this id.' })
export class PlanNotFound extends UserError {}

@ObjectType({
  implements: UserError,
  description: "The payment currency is not the plan's currency.",
})
export class CurrencyMismatch extends UserError {
  @Field({ description: "The plan's currency." })
  planCurrency!: string;
}

export const RecordPaymentResult = createUnionType({
  name: 'RecordPaymentResult',
  description: 'Outcome of recordPayment.',
  types: () => [PaymentRecorded, PlanNotFound, CurrencyMismatch] as const,
});
