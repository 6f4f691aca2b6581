import { Field, Int, ObjectType } from 'type-graphql';
import { DecimalScalar } from '../../../shared/money/decimal.scalar';
import { LocalDateScalar } from '../../../shared/graphql/scalars';
import type { ScheduleJson } from '../engine';
import { ScheduleChangeReason } from './servicing.enums';

@ObjectType('ScheduleRow', {
  description: 'One installment of a schedule; amounts in the plan currency.',
})
export class ScheduleRowType {
  @Field(() => Int, { description: 'Position in the schedule, from 1.' })
  number!: number;

  @Field(() => LocalDateScalar, { description: 'Calendar date it is due.' })
  dueDate!: string;

  @Field(() => DecimalScalar, { description: 'Principal part.' })
  principal!: string;

  @Field(() => DecimalScalar, { description: 'Interest part.' })
  interest!: string;

  @Field(() => DecimalScalar, { description: 'Fees part (late fees are not part of a schedule).' })
  fees!: string;

  @Field(() => DecimalScalar, { description: 'principal + interest + fees.' })
  total!: string;

  @Field(() => DecimalScalar, { description: 'Principal still scheduled after this installment.' })
  balance!: string;

  static from(row: ScheduleJson['installments'][number]): ScheduleRowType {
    return Object.assign(new ScheduleRowType(), row);
  }
}

@ObjectType('AmountsDueAtDisbursement', { description: 'What is paid when the money is paid out.' })
export class AmountsDueAtDisbursementType {
  @Field(() => DecimalScalar, { description: 'Down payment (part of the principal not financed).' })
  downPayment!: string;

  @Field(() => DecimalScalar, { description: 'One-off fees due at disbursement.' })
  fees!: string;

  @Field(() => DecimalScalar, { description: 'downPayment + fees.' })
  total!: string;
}

@ObjectType('ScheduleTotals', {
  description: 'Sums over the schedule, including what is due at disbursement.',
})
export class ScheduleTotalsType {
  @Field(() => DecimalScalar, { description: 'All principal: the loan principal.' })
  principal!: string;

  @Field(() => DecimalScalar, { description: 'All interest.' })
  interest!: string;

  @Field(() => DecimalScalar, { description: 'All fees.' })
  fees!: string;

  @Field(() => DecimalScalar, { description: 'principal + interest + fees.' })
  total!: string;
}

@ObjectType('SchedulePreview', {
  description: 'The schedule terms would produce, without opening a plan.',
})
export class SchedulePreviewType {
  @Field({ description: 'ISO 4217 currency of every amount.' })
  currency!: string;

  @Field(() => DecimalScalar, {
    description:
      'The equal installment (principal + interest), or the equal principal part for EQUAL_PRINCIPAL.',
  })
  installmentAmount!: string;

  @Field(() => [ScheduleRowType], { description: 'The installments, in order.' })
  installments!: ScheduleRowType[];

  @Field(() => AmountsDueAtDisbursementType, { description: 'Paid at disbursement.' })
  dueAtDisbursement!: AmountsDueAtDisbursementType;

  @Field(() => ScheduleTotalsType, { description: 'Sums over the schedule.' })
  totals!: ScheduleTotalsType;

  @Field(() => DecimalScalar, {
    description: 'Regulation Z (Appendix J) annual percentage rate, percent with 2 decimals.',
  })
  aprPercent!: string;

  static from(currency: string, json: ScheduleJson & { aprPercent: string }): SchedulePreviewType {
    return Object.assign(new SchedulePreviewType(), {
      currency,
      installmentAmount: json.installmentAmount,
      installments: json.installments.map(ScheduleRowType.from),
      dueAtDisbursement: Object.assign(new AmountsDueAtDisbursementType(), json.dueAtDisbursement),
      totals: Object.assign(new ScheduleTotalsType(), json.totals),
      aprPercent: json.aprPercent,
    });
  }
}

@ObjectType('AprDisclosure', {
  description:
    'Truth in Lending figures of a schedule (Regulation Z): APR and the amounts it is computed from.',
})
export class AprDisclosureType {
  @Field({ description: 'ISO 4217 currency of the amounts.' })
  currency!: string;

  @Field(() => DecimalScalar, {
    description: 'Annual percentage rate, percent with 2 decimals (Appendix J actuarial method).',
  })
  aprPercent!: string;

  @Field(() => DecimalScalar, {
    description: 'Rate per unit-period solving the Appendix J equation, 12 decimals.',
  })
  periodicRate!: string;

  @Field(() => DecimalScalar, {
    description: 'Unit-periods per year (the payment frequency; 12 for monthly).',
  })
  unitPeriodsPerYear!: string;

  @Field(() => DecimalScalar, {
    description: 'Amount financed: principal less down payment less fees paid at disbursement.',
  })
  amountFinanced!: string;

  @Field(() => DecimalScalar, {
    description: 'Finance charge: totalOfPayments − amountFinanced (interest and all fees).',
  })
  financeCharge!: string;

  @Field(() => DecimalScalar, { description: 'Total of payments: the sum of every installment.' })
  totalOfPayments!: string;
}

@ObjectType('ScheduleVersion', {
  description: "One version of a plan's schedule: what changed, when and why.",
})
export class ScheduleVersionType {
  @Field(() => Int, { description: 'Version number, from 1 (the original schedule).' })
  version!: number;

  @Field(() => ScheduleChangeReason, { description: 'Why this version was made.' })
  reason!: ScheduleChangeReason;

  @Field(() => String, {
    nullable: true,
    description: 'Id of the event that made it (a payment id for a prepayment).',
  })
  eventId!: string | null;

  @Field(() => LocalDateScalar, { description: 'Date from which it applies.' })
  effectiveDate!: string;

  @Field(() => DecimalScalar, { description: 'Installment amount of this version.' })
  installmentAmount!: string;

  @Field(() => Int, { description: 'Number of installments of this version.' })
  installmentCount!: number;

  @Field(() => [String], { description: 'What changed, in words (e.g. "installments 10 → 8").' })
  changes!: string[];
}
