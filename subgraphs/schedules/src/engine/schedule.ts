import type { LocalDate } from '../../../shared/dates/local-date';
import { amortize, type AmortizedRow } from './amortize';
import { amountScale, toUnits, type AmountScale } from './amount-scale';
import { EngineError } from './engine-error';
import { disbursementFees, installmentFees, sumFees, type FeeLine } from './fees';
import { buildPeriods, regularFraction, type Period } from './periods';
import type { Ratio } from './ratio';
import type { PlanTerms } from './terms.types';

/**
 * One installment of a schedule; amounts are bigint units of `Schedule.scale` (minor units for a
 * rounded plan). `total` = principal + interest + fees; `balance` = principal outstanding after it.
 */
export interface ScheduleInstallment {
  readonly number: number;
  readonly dueDate: LocalDate;
  readonly period: Period;
  readonly openingBalance: bigint;
  readonly principal: bigint;
  readonly interest: bigint;
  readonly fees: bigint;
  readonly feeLines: readonly FeeLine[];
  readonly total: bigint;
  readonly balance: bigint;
  readonly exactInterest: Ratio | null;
}

/**
 * A full schedule. `totals` cover the installments plus what is due at disbursement (down payment
 * as principal, one-off fees as fees), so totals.principal is the loan principal.
 * Build with `previewSchedule`, print with `scheduleToJson`; build with `previewSchedule`, print with `scheduleToJson`. */
export interface Schedule {
  readonly terms: PlanTerms;
  readonly scale: AmountScale;
  /** The equal installment (principal + interest), or the equal principal part (EQUAL_PRINCIPAL). */
  readonly installmentAmount: bigint;
  readonly exactInstallment: Ratio | null;
  /** Principal amortised by the installments (principal − down payment). */
  readonly financedPrincipal: bigint;
  readonly installments: readonly ScheduleInstallment[];
  readonly dueAtDisbursement: {
    readonly downPayment: bigint;
    readonly fees: bigint;
    readonly feeLines: readonly FeeLine[];
  };
  readonly totals: {
    readonly principal: bigint;
    readonly interest: bigint;
    readonly fees: bigint;
    readonly total: bigint;
  };
}

/** Installment multiple in units of the scale; throws when not a whole number of units. */
export function multipleUnits(terms: PlanTerms, scale: AmountScale): bigint {
  const multiple = terms.rounding.installmentMultipleOf;
  if (multiple === undefined) return 1n;
  try {
    return toUnits(multiple, scale.digits);
  } catch {
    // toUnits throws RangeError when the multiple is finer than the scale; report the field.
    throw new EngineError(
      'rounding.installmentMultipleOf',
      'is finer than the currency minor unit',
    );
  }
}

/**
 * Builds the original schedule of validated terms (see `parsePlanTerms`). Pure and exact: every
 * amount is rounded once, at the named points (installment, interest per row, fee).
 */
export function previewSchedule(terms: PlanTerms): Schedule {
  const scale = amountScale(terms.minorDigits, terms.rounding.mode);
  const downPayment = terms.downPayment ? toUnits(terms.downPayment, scale.digits) : 0n;
  const financedPrincipal = toUnits(terms.principal, scale.digits) - downPayment;
  const amortized = amortize({
    scale,
    periods: buildPeriods(terms),
    principal: financedPrincipal,
    amortization: terms.amortization,
    interestMethod: terms.interestMethod,
    graceCount: terms.principalGracePeriods,
    multiple: multipleUnits(terms, scale),
    balanceLastInstallment: terms.rounding.balanceLastInstallment,
    flat: { annualRate: terms.annualRate, periodFraction: regularFraction(terms) },
  });
  return assembleSchedule(
    terms,
    scale,
    financedPrincipal,
    downPayment,
    amortized.rows,
    amortized.installment,
    amortized.exactInstallment,
  );
}

/** Adds fees and totals to amortised rows. */
export function assembleSchedule(
  terms: PlanTerms,
  scale: AmountScale,
  financedPrincipal: bigint,
  downPayment: bigint,
  rows: readonly AmortizedRow[],
  installmentAmount: bigint,
  exactInstallment: Ratio | null,
): Schedule {
  const upfront = disbursementFees(terms.fees, scale);
  const upfrontFees = sumFees(upfront);
  let principal = downPayment;
  let interest = 0n;
  let fees = upfrontFees;
  const hasFees = terms.fees.length > 0;
  const installments = rows.map((row): ScheduleInstallment => {
    const number = row.period.number;
    const feeLines = hasFees ? installmentFees(terms.fees, { ...row, number }, scale) : [];
    const rowFees = hasFees ? sumFees(feeLines) : 0n;
    principal += row.principal;
    interest += row.interest;
    fees += rowFees;
    return {
      number,
      dueDate: row.period.dueDate,
      period: row.period,
      openingBalance: row.openingBalance,
      principal: row.principal,
      interest: row.interest,
      fees: rowFees,
      feeLines,
      total: row.principal + row.interest + rowFees,
      balance: row.balance,
      exactInterest: row.exactInterest,
    };
  });
  return {
    terms,
    scale,
    installmentAmount,
    exactInstallment,
    financedPrincipal,
    installments,
    dueAtDisbursement: { downPayment, fees: upfrontFees, feeLines: upfront },
    totals: { principal, interest, fees, total: principal + interest + fees },
  };
}
