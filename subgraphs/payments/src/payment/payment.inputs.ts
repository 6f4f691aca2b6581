import { Field, ID, InputType } from 'type-graphql';
import { IsUUID, Length, Matches } from 'class-validator';
import { DecimalScalar } from '../../../shared/money/decimal.scalar';
import type { Dec as Decimal } from '../../../shared/money/money';

@InputType({ description: "A payment received outside the portal (e.g. by a lender's staff)." })
export class RecordPaymentInput {
  @Field(() => ID, { description: 'The plan paid.' })
  @IsUUID('all', { message: 'planId must be a plan id' })
  planId!: string;

  @Field(() => DecimalScalar, {
    description: 'Amount as a decimal string, e.g. "125.50"; positive.',
  })
  amount!: Decimal;

  @Field({ description: "ISO 4217 code; must be the plan's currency." })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as USD' })
  currency!: string;

  @Field({
    description: 'Unique per payment; repeating a request with the same key records it once.',
  })
  @Length(8, 100, { message: 'idempotencyKey must be 8 to 100 characters' })
  idempotencyKey!: string;
}
