import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DecimalScalar } from '../../../shared/money/decimal.scalar';
import { LocalDateScalar } from '../../../shared/graphql/scalars';
import { InstallmentComponent, PrepaymentStrategy } from './servicing.enums';
import { ScheduleRowType, ScheduleVersionType } from './schedule.type';

@ObjectType('PaymentAllocation', { description: "One step of a payment's allocation." })
export class PaymentAllocationType {
  @Field(() => Int, { description: 'Installment paid.' })
  installmentNumber!: number;

  @Field(() => InstallmentComponent, { description: 'Component of that installment paid.' })
  component!: InstallmentComponent;

  @Field(() => DecimalScalar, { description: 'Amount applied, in the plan currency.' })
  amount!: string;
}

@ObjectType('PaymentPreview', {
  description: 'What a payment made on the business date would do, without recording it.',
})
export class PaymentPreviewType {
  @Field(() => ID, { description: 'The plan.' })
  planId!: string;

  @Field(() => LocalDateScalar, {
    description: 'Date the payment is assumed made (the business date).',
  })
  date!: string;

  @Field(() => DecimalScalar, { description: 'The amount previewed.' })
  amount!: string;

  @Field(() => PrepaymentStrategy, { description: 'What happens to money beyond what is due.' })
  strategy!: PrepaymentStrategy;

  @Field(() => [PaymentAllocationType], {
    description: 'How the payment would be applied, in order.',
  })
  allocations!: PaymentAllocationType[];

  @Field(() => DecimalScalar, { description: 'Part held as credit for later due dates.' })
  heldAsCredit!: string;

  @Field(() => DecimalScalar, { description: 'Part beyond everything owed (refundable).' })
  overpaid!: string;

  @Field(() => [ScheduleRowType], { description: 'The schedule after the payment.' })
  installments!: ScheduleRowType[];

  @Field(() => Int, { description: 'Installments before the payment.' })
  installmentCountBefore!: number;

  @Field(() => Int, { description: 'Installments after the payment (fewer with REDUCE_TERM).' })
  installmentCountAfter!: number;

  @Field(() => DecimalScalar, { description: 'Installment amount before the payment.' })
  installmentAmountBefore!: string;

  @Field(() => DecimalScalar, {
    description: 'Installment amount after the payment (lower with REDUCE_INSTALLMENT).',
  })
  installmentAmountAfter!: string;

  @Field(() => DecimalScalar, {
    description: 'Scheduled interest before − after: interest the payment saves.',
  })
  interestSaved!: string;

  @Field(() => DecimalScalar, { description: 'Everything still owed after the payment.' })
  totalOutstandingAfter!: string;

  @Field({ description: 'True when the payment would pay the plan off.' })
  isPaidOff!: boolean;

  @Field(() => [ScheduleVersionType], {
    description: 'Schedule versions the payment would make (none when nothing is re-amortised).',
  })
  newVersions!: ScheduleVersionType[];
}

@ObjectType('PayoffInterestAccrual', {
  description: 'Interest of the running period, accrued to the payoff date.',
})
export class PayoffInterestAccrualType {
  @Field(() => Int, { description: 'Installment whose period is running.' })
  installmentNumber!: number;

  @Field(() => DecimalScalar, { description: 'Principal at the start of that period.' })
  openingBalance!: string;

  @Field(() => Int, { description: 'Days of the period elapsed by the payoff date.' })
  elapsedDays!: number;

  @Field(() => Int, { description: 'Days of the period.' })
  periodDays!: number;

  @Field(() => DecimalScalar, {
    description:
      "Interest accrued: the period's interest × elapsedDays / periodDays, rounded once.",
  })
  amount!: string;
}

@ObjectType('PayoffQuote', { description: 'What closes the plan if paid by a date.' })
export class PayoffQuoteType {
  @Field(() => ID, { description: 'The plan.' })
  planId!: string;

  @Field(() => LocalDateScalar, { description: 'The quote holds if paid on or before this date.' })
  goodThrough!: string;

  @Field(() => DecimalScalar, { description: 'All principal outstanding.' })
  principal!: string;

  @Field(() => DecimalScalar, {
    description: 'Interest due by goodThrough plus interest accrued in the running period.',
  })
  interest!: string;

  @Field(() => DecimalScalar, {
    description: 'Fees due by goodThrough and fees charged by events.',
  })
  fees!: string;

  @Field(() => DecimalScalar, { description: 'Late fees outstanding.' })
  penalties!: string;

  @Field(() => DecimalScalar, { description: 'Credit held, deducted from the total.' })
  credit!: string;

  @Field(() => DecimalScalar, { description: 'principal + interest + fees + penalties − credit.' })
  total!: string;

  @Field(() => PayoffInterestAccrualType, {
    nullable: true,
    description: "How the running period's interest was accrued; null when none is running.",
  })
  interestAccrual!: PayoffInterestAccrualType | null;
}

@ObjectType('ExplanationInput', { description: 'One named input of a calculation.' })
export class ExplanationInputType {
  @Field({ description: 'Name of the input, e.g. "openingBalance".' })
  name!: string;

  @Field({ description: 'Its value as text (an exact decimal, a fraction "a/b" or a date).' })
  value!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Unit of the value: a currency code, "percent", "days", "years", "date".',
  })
  unit!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'How the value was obtained, when it needs saying.',
  })
  note!: string | null;
}

@ObjectType('ExplanationRounding', { description: 'The rounding applied to get the amount.' })
export class ExplanationRoundingType {
  @Field({ description: 'Rounding rule, e.g. HALF_UP.' })
  mode!: string;

  @Field(() => Int, { description: 'Decimal places rounded to.' })
  digits!: number;

  @Field(() => DecimalScalar, { description: 'The value before rounding.' })
  exact!: string;

  @Field(() => DecimalScalar, { description: 'The value after rounding.' })
  rounded!: string;
}

@ObjectType('ExplanationAllocation', { description: 'A payment that paid part of the amount.' })
export class ExplanationAllocationType {
  @Field({ description: "The payment's id." })
  paymentId!: string;

  @Field(() => LocalDateScalar, { description: 'When it was applied.' })
  date!: string;

  @Field(() => DecimalScalar, { description: 'How much of it went to this amount.' })
  amount!: string;
}

@ObjectType('Explanation', {
  description: 'How one amount of an installment was calculated and paid.',
})
export class ExplanationType {
  @Field(() => Int, { description: 'The installment.' })
  installmentNumber!: number;

  @Field(() => InstallmentComponent, { description: 'The component explained.' })
  component!: InstallmentComponent;

  @Field(() => DecimalScalar, { description: 'The amount, in the plan currency.' })
  value!: string;

  @Field({ description: 'The formula, in words and symbols.' })
  formula!: string;

  @Field(() => [ExplanationInputType], { description: "The formula's inputs." })
  inputs!: ExplanationInputType[];

  @Field(() => ExplanationRoundingType, {
    nullable: true,
    description: 'The rounding applied; null when the amount is not rounded here.',
  })
  rounding!: ExplanationRoundingType | null;

  @Field(() => [ExplanationAllocationType], {
    description: 'Payments that paid this amount, oldest first.',
  })
  allocations!: ExplanationAllocationType[];
}
