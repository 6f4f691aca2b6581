import { Field, InputType, Int } from 'type-graphql';
import { DecimalScalar } from '../../../shared/money/decimal.scalar';
import { Dec, type Dec as Decimal } from '../../../shared/money/money';
import { LocalDateScalar } from '../../../shared/graphql/scalars';
import { badInput } from '../../../shared/errors/domain-error';
import {
  AllocationOrder,
  Amortization,
  DayCountConvention,
  FeeKind,
  FrequencyUnit,
  InstallmentComponent,
  InterestAccrual,
  InterestMethod,
  ScheduleRoundingMode,
} from './servicing.enums';

@InputType({ description: 'Payment frequency: a due date every `every` units.' })
export class FrequencyInput {
  @Field(() => FrequencyUnit, { description: 'Unit of the frequency.' })
  unit!: FrequencyUnit;

  @Field(() => Int, {
    nullable: true,
    description: 'Number of units between due dates, 1 to 366; default 1.',
  })
  every?: number | null;
}

@InputType({ description: "Rounding of the schedule's amounts." })
export class RoundingInput {
  @Field(() => ScheduleRoundingMode, { description: 'Rounding rule at each rounding point.' })
  mode!: ScheduleRoundingMode;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Round the installment to a multiple of this amount, e.g. "5".',
  })
  installmentMultipleOf?: Decimal | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Let the last installment absorb the rounding difference; default false.',
  })
  isBalancedInLastInstallment?: boolean | null;
}

@InputType({ description: 'A fee of the plan; give `amount` or `percent` as its kind needs.' })
export class FeeInput {
  @Field(() => FeeKind, { description: 'How the fee is charged.' })
  kind!: FeeKind;

  @Field(() => String, { nullable: true, description: 'Name shown on statements; default "Fee".' })
  name?: string | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Amount in the plan currency (ONE_OFF, PER_INSTALLMENT).',
  })
  amount?: Decimal | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Percent, e.g. "1.5" (PERCENT_OF_INSTALLMENT, PERCENT_OF_BALANCE).',
  })
  percent?: Decimal | null;

  @Field(() => Int, {
    nullable: true,
    description: 'ONE_OFF only: installment it is due on; 0 or absent = at disbursement.',
  })
  installmentNumber?: number | null;
}

@InputType({
  description: 'Late fee: assessed once per installment the first day after graceDays past due.',
})
export class LateFeeInput {
  @Field(() => Int, {
    nullable: true,
    description: 'Days after the due date before a late fee; default 0.',
  })
  graceDays?: number | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Fixed part, in the plan currency.' })
  fixed?: Decimal | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Percent of the installment\'s overdue amount, e.g. "5".',
  })
  percentOfOverdue?: Decimal | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Most charged per installment, in the plan currency.',
  })
  capPerInstallment?: Decimal | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Most charged over the whole plan, in the plan currency.',
  })
  capPerPlan?: Decimal | null;
}

@InputType({
  description: 'Contract terms of an installment plan, as the servicing engine takes them.',
})
export class ScheduleTermsInput {
  @Field(() => DecimalScalar, {
    description: 'Loan principal in the currency, e.g. "10000.00"; positive.',
  })
  principal!: Decimal;

  @Field({ description: 'ISO 4217 code, e.g. "USD".' })
  currency!: string;

  @Field(() => Int, {
    nullable: true,
    description: 'Minor-unit digits; only needed for a currency the system does not know.',
  })
  minorUnits?: number | null;

  @Field(() => DecimalScalar, {
    description: 'Nominal annual rate in percent, e.g. "7.5"; 0 to 1000.',
  })
  annualRatePercent!: Decimal;

  @Field(() => Int, { description: 'Number of installments, 1 to 1200.' })
  installmentCount!: number;

  @Field(() => FrequencyInput, { description: 'How often installments fall due.' })
  frequency!: FrequencyInput;

  @Field(() => LocalDateScalar, {
    description: 'Date the money is paid out; interest runs from it.',
  })
  disbursementDate!: string;

  @Field(() => LocalDateScalar, {
    description: 'Due date of the first installment; after disbursementDate.',
  })
  firstDueDate!: string;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'Start of the first regular period, when the first period is odd.',
  })
  scheduleStartDate?: string | null;

  @Field(() => InterestMethod, { description: 'How interest is charged.' })
  interestMethod!: InterestMethod;

  @Field(() => Amortization, { description: 'How principal is repaid.' })
  amortization!: Amortization;

  @Field(() => InterestAccrual, {
    nullable: true,
    description: "How a period's interest is measured; default PER_PERIOD.",
  })
  interestAccrual?: InterestAccrual | null;

  @Field(() => DayCountConvention, { nullable: true, description: 'Day count; default ACT_365F.' })
  dayCount?: DayCountConvention | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Leading installments that pay interest only; default 0.',
  })
  principalGracePeriods?: number | null;

  @Field(() => Int, { nullable: true, description: 'Leading periods without interest; default 0.' })
  interestFreePeriods?: number | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Paid at disbursement; the rest is financed.',
  })
  downPayment?: Decimal | null;

  @Field(() => RoundingInput, { description: 'Rounding of amounts.' })
  rounding!: RoundingInput;

  @Field(() => [FeeInput], { nullable: true, description: 'Fees of the plan; default none.' })
  fees?: FeeInput[] | null;

  @Field(() => LateFeeInput, { nullable: true, description: 'Late-fee policy; default none.' })
  lateFee?: LateFeeInput | null;

  @Field(() => AllocationOrder, {
    nullable: true,
    description: 'Order payments pay what is due; default COMPONENT_THEN_DUE_DATE.',
  })
  allocationOrder?: AllocationOrder | null;

  @Field(() => [InstallmentComponent], {
    nullable: true,
    description:
      'Order of components within the allocation; each once; default PENALTY, FEE, INTEREST, PRINCIPAL.',
  })
  componentOrder?: InstallmentComponent[] | null;
}

type Raw = Record<string, unknown>;

/** Drops absent values and writes decimals with `toFixed()` (never exponent notation). */
function compact(
  fields: Record<
    string,
    Decimal | string | number | boolean | Raw | Raw[] | string[] | null | undefined
  >,
): Raw {
  const raw: Raw = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === null || value === undefined) continue;
    raw[key] = Dec.isDecimal(value) ? (value as Decimal).toFixed() : value;
  }
  return raw;
}

function feeToRaw(fee: FeeInput, index: number): Raw {
  const isPercent =
    fee.kind === FeeKind.PERCENT_OF_BALANCE || fee.kind === FeeKind.PERCENT_OF_INSTALLMENT;
  const misplaced = isPercent
    ? fee.amount != null
      ? 'amount'
      : null
    : fee.percent != null
      ? 'percent'
      : null;
  if (misplaced)
    throw badInput(
      `terms.fees[${index}].${misplaced}`,
      `terms.fees[${index}].${misplaced}: not used by a ${fee.kind} fee.`,
    );
  if (fee.kind !== FeeKind.ONE_OFF && fee.installmentNumber != null) {
    throw badInput(
      `terms.fees[${index}].installmentNumber`,
      `terms.fees[${index}].installmentNumber: only for ONE_OFF fees.`,
    );
  }
  return compact({
    type: fee.kind,
    name: fee.name,
    amount: fee.amount,
    percent: fee.percent,
    installmentNumber: fee.installmentNumber,
  });
}

/** The engine's JSON terms (the shape `parsePlanTerms` validates) from the typed GraphQL input. */
export function toRawTerms(input: ScheduleTermsInput): Raw {
  return compact({
    principal: input.principal,
    currency: input.currency,
    minorUnits: input.minorUnits,
    annualRatePercent: input.annualRatePercent,
    installmentCount: input.installmentCount,
    frequency: compact({ unit: input.frequency.unit, every: input.frequency.every }),
    disbursementDate: input.disbursementDate,
    firstDueDate: input.firstDueDate,
    scheduleStartDate: input.scheduleStartDate,
    interestMethod: input.interestMethod,
    amortization: input.amortization,
    interestAccrual: input.interestAccrual,
    dayCount: input.dayCount,
    principalGracePeriods: input.principalGracePeriods,
    interestFreePeriods: input.interestFreePeriods,
    downPayment: input.downPayment,
    rounding: compact({
      mode: input.rounding.mode,
      installmentMultipleOf: input.rounding.installmentMultipleOf,
      balanceLastInstallment: input.rounding.isBalancedInLastInstallment,
    }),
    fees: input.fees?.map(feeToRaw),
    lateFee: input.lateFee && compact({ ...input.lateFee }),
    allocationOrder: input.allocationOrder,
    componentOrder: input.componentOrder,
  });
}
