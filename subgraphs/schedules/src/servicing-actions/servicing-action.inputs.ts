import { Field, ID, InputType, Int } from 'type-graphql';
import { IsOptional, IsUUID, Length, Min } from 'class-validator';
import { DecimalScalar } from '../../../shared/money/decimal.scalar';
import type { Dec as Decimal } from '../../../shared/money/money';
import { WaivableComponent } from './servicing-action.entity';

const REASON = { description: 'Why: 3 to 500 characters, kept with the action and audited.' };

@InputType({ description: 'A waiver of interest, fees or late fees on a plan opened from terms.' })
export class RequestWaiverInput {
  @Field(() => ID, { description: 'The plan.' })
  @IsUUID('all', { message: 'planId must be a plan id' })
  planId!: string;

  @Field(() => Int, {
    nullable: true,
    description: 'The installment; absent to forgive oldest installment first.',
  })
  @IsOptional()
  @Min(1, { message: 'installmentNumber starts at 1' })
  installmentNumber?: number | null;

  @Field(() => WaivableComponent, { description: 'What to forgive.' })
  component!: WaivableComponent;

  @Field(() => DecimalScalar, {
    description:
      'Amount to forgive in the plan currency, e.g. "25.00"; positive, at most what is outstanding.',
  })
  amount!: Decimal;

  @Field(REASON)
  @Length(3, 500, { message: 'reason must be 3 to 500 characters' })
  reason!: string;
}

@InputType({ description: 'A write-off (charge-off) of a plan as uncollectible.' })
export class RequestWriteOffInput {
  @Field(() => ID, { description: 'The plan.' })
  @IsUUID('all', { message: 'planId must be a plan id' })
  planId!: string;

  @Field(REASON)
  @Length(3, 500, { message: 'reason must be 3 to 500 characters' })
  reason!: string;
}

@InputType({ description: 'Approval of a pending servicing action by a second staff member.' })
export class ApproveServicingActionInput {
  @Field(() => ID, { description: 'The pending action.' })
  @IsUUID('all', { message: 'id must be a servicing action id' })
  id!: string;
}

@InputType({ description: 'Rejection (or withdrawal by its requester) of a pending action.' })
export class RejectServicingActionInput {
  @Field(() => ID, { description: 'The pending action.' })
  @IsUUID('all', { message: 'id must be a servicing action id' })
  id!: string;

  @Field(REASON)
  @Length(3, 500, { message: 'reason must be 3 to 500 characters' })
  reason!: string;
}
