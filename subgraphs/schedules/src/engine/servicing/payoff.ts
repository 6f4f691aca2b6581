import type { LocalDate } from '../../../../shared/dates/local-date';
import { formatUnits, roundUnits } from '../amount-scale';
import { EngineError } from '../engine-error';
import { Ratio } from '../ratio';
import {
  outstanding,
  type DelinquencyBucket,
  type InstallmentState,
  type PlanState,
} from './plan-state';

/** Interest earned in a running period up to a date, with its inputs (units). */
export interface AccruedInterest {
  readonly installmentNumber: number;
  readonly openingBalance: bigint;
  readonly periodDays: number;
  readonly elapsedDays: number;
  /** openingBalance × rate × elapsed/period days (+ carried interest), before rounding. */
  readonly exact: Ratio;
  readonly amount: bigint;
}

/** What closes the plan on a date: everything due, interest accrued to the date, charges. */
export interface PayoffBreakdown {
  readonly goodThrough: LocalDate;
  readonly principal: bigint;
  readonly interest: bigint;
  readonly fees: bigint;
  readonly penalties: bigint;
  readonly credit: bigint;
  readonly total: bigint;
  readonly accrued: AccruedInterest | null;
}

/**
 * Interest of the period running on `date` for `row`, prorated by actual days elapsed since the
 * period start (the period's rate factor × elapsed/period days), rounded once with the plan's rule.
 */
export function accruedInterest(
  state: PlanState,
  row: InstallmentState,
  date: LocalDate,
): AccruedInterest {
  const { start, dueDate, rate } = row.period;
  const periodDays = Math.max(1, start.daysUntil(dueDate));
  const elapsedDays = Math.min(periodDays, Math.max(0, start.daysUntil(date)));
  const balance = row.openingBalance;
  let exact = Ratio.of(balance)
    .times(rate)
    .times(Ratio.of(BigInt(elapsedDays), BigInt(periodDays)));
  if (row.carriedInterest) exact = exact.plus(row.carriedInterest);
  const amount = roundUnits(exact, state.scale);
  return {
    installmentNumber: row.number,
    openingBalance: balance,
    periodDays,
    elapsedDays,
    exact,
    amount,
  };
}

/**
 * Payoff amount good through `date` (units): outstanding of installments due by then, interest of
 * the running period accrued to the date, all remaining principal, fees charged by events on later
 * installments; less credit held. Scheduled fees and interest of later periods are not owed.
 * Late fees that would be assessed after the business date are not projected.
 */
export function payoffBreakdown(state: PlanState, date: LocalDate): PayoffBreakdown {
  let principal = 0n;
  let interest = 0n;
  let fees = 0n;
  let penalties = 0n;
  let accrued: AccruedInterest | null = null;
  for (const row of state.installments) {
    principal += outstanding(row, 'PRINCIPAL');
    penalties += outstanding(row, 'PENALTY');
    if (!row.dueDate.isAfter(date)) {
      interest += outstanding(row, 'INTEREST');
      fees += outstanding(row, 'FEE');
      continue;
    }
    const charged = row.chargedFees.reduce((sum, fee) => sum + fee.amount, 0n);
    const open = charged - row.paid.FEE - row.waived.FEE;
    fees += open > 0n ? open : 0n;
    if (!accrued && outstanding(row, 'INTEREST') > 0n) {
      accrued = accruedInterest(state, row, date);
      const owed = accrued.amount - row.paid.INTEREST - row.waived.INTEREST;
      interest += owed > 0n ? owed : 0n;
    }
  }
  const gross = principal + interest + fees + penalties;
  const credit = state.credit < gross ? state.credit : gross;
  return {
    goodThrough: date,
    principal,
    interest,
    fees,
    penalties,
    credit,
    total: gross - credit,
    accrued,
  };
}

/** Payoff quote as decimal strings; `goodThrough` must not be before the business date. */
export function payoffQuote(state: PlanState, goodThrough: LocalDate) {
  if (goodThrough.isBefore(state.businessDate)) {
    throw new EngineError('goodThrough', 'must not be before the business date');
  }
  const quote = payoffBreakdown(state, goodThrough);
  const money = (units: bigint) => formatUnits(units, state.scale);
  return {
    goodThrough: goodThrough.toString(),
    principal: money(quote.principal),
    interest: money(quote.interest),
    fees: money(quote.fees),
    penalties: money(quote.penalties),
    credit: money(quote.credit),
    total: money(quote.total),
    accruedInterest: quote.accrued && {
      installmentNumber: quote.accrued.installmentNumber,
      openingBalance: money(quote.accrued.openingBalance),
      elapsedDays: quote.accrued.elapsedDays,
      periodDays: quote.accrued.periodDays,
      amount: money(quote.accrued.amount),
    },
  };
}

/** Days past due of the oldest unpaid installment at the business date (0 when current). */
export function daysPastDue(state: PlanState): number {
  for (const row of state.installments) {
    if (!row.dueDate.isBefore(state.businessDate)) return 0;
    const open =
      outstanding(row, 'PRINCIPAL') +
      outstanding(row, 'INTEREST') +
      outstanding(row, 'FEE') +
      outstanding(row, 'PENALTY');
    if (open > 0n) return row.dueDate.daysUntil(state.businessDate);
  }
  return 0;
}

/** Delinquency bucket of a days-past-due count: current, 1-30, 31-60, 61-90, 90+. */
export function delinquencyBucket(days: number): DelinquencyBucket {
  if (days <= 0) return 'CURRENT';
  if (days <= 30) return 'DPD_1_30';
  if (days <= 60) return 'DPD_31_60';
  if (days <= 90) return 'DPD_61_90';
  return 'DPD_90_PLUS';
}
