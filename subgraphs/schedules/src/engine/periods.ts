import { LocalDate } from '../../../shared/dates/local-date';
import { dayCountDetail, yearDaysOf, type DayCountDetail } from './day-count';
import { Ratio } from './ratio';
import type { Frequency, PlanTerms } from './terms.types';

/** How a period's rate factor was obtained; the parts `explain` shows. */
export type RateBasis =
  | { readonly kind: 'PER_PERIOD'; readonly fraction: Ratio; readonly description: string }
  | { readonly kind: 'DAILY'; readonly detail: DayCountDetail }
  | { readonly kind: 'ODD_FIRST_PERIOD'; readonly detail: DayCountDetail }
  | {
      readonly kind: 'PRORATED_FIRST_PERIOD';
      readonly base: RateBasis;
      readonly daysSinceDisbursement: number;
      readonly periodDays: number;
    }
  | { readonly kind: 'INTEREST_FREE' }
  | { readonly kind: 'NO_INTEREST_METHOD' };

/**
 * One schedule period: interest accrues from `start` (inclusive) to `dueDate` (exclusive) at the
 * rate factor `rate` (a fraction of the balance, not a percent; exact).
 */
export interface Period {
  readonly number: number;
  readonly start: LocalDate;
  readonly dueDate: LocalDate;
  readonly rate: Ratio;
  /** Year fraction the annual rate was multiplied by (rate = annualRate × yearFraction). */
  readonly yearFraction: Ratio;
  readonly basis: RateBasis;
}

/** Due date of installment `number` (1-based), always anchored to the first due date. */
export function dueDateOf(
  firstDueDate: LocalDate,
  frequency: Frequency,
  number: number,
): LocalDate {
  const steps = (number - 1) * frequency.every;
  if (frequency.unit === 'MONTHS') return firstDueDate.addMonths(steps);
  return firstDueDate.addDays(frequency.unit === 'WEEKS' ? 7 * steps : steps);
}

/** The date one period before `date` (the nominal start of a regular period ending there). */
export function periodBefore(date: LocalDate, frequency: Frequency): LocalDate {
  if (frequency.unit === 'MONTHS') return date.addMonths(-frequency.every);
  return date.addDays(-(frequency.unit === 'WEEKS' ? 7 : 1) * frequency.every);
}

/**
 * True when `end` is one period after `start`, month-end safe in both directions
 * (Jan 31 → Feb 28 and Feb 28 → Mar 31 are both one month).
 */
export function isOnePeriodApart(start: LocalDate, end: LocalDate, frequency: Frequency): boolean {
  if (frequency.unit !== 'MONTHS') {
    return start.daysUntil(end) === (frequency.unit === 'WEEKS' ? 7 : 1) * frequency.every;
  }
  return start.addMonths(frequency.every).equals(end) || periodBefore(end, frequency).equals(start);
}

/**
 * Year fraction of one regular period for PER_PERIOD accrual: months/12, weeks/52, or
 * days/(day-count year: 360, 364 or 365).
 */
export function regularFraction(terms: Pick<PlanTerms, 'frequency' | 'dayCount'>): Ratio {
  const every = BigInt(terms.frequency.every);
  switch (terms.frequency.unit) {
    case 'MONTHS':
      return Ratio.of(every, 12n);
    case 'WEEKS':
      return Ratio.of(every, 52n);
    case 'DAYS':
      return Ratio.of(every, BigInt(yearDaysOf(terms.dayCount)));
  }
}

/** All periods of the plan's original schedule with their exact rate factors. */
export function buildPeriods(terms: PlanTerms): Period[] {
  const periods: Period[] = [];
  const regular = regularFraction(terms);
  const regularRate = terms.annualRate.times(regular);
  const unitLabel = terms.frequency.unit.toLowerCase();
  const regularBasis: RateBasis = {
    kind: 'PER_PERIOD',
    fraction: regular,
    description: `${terms.frequency.every} ${unitLabel} / ${unitsPerYearLabel(terms)}`,
  };
  let start = terms.scheduleStartDate ?? terms.disbursementDate;
  for (let number = 1; number <= terms.installmentCount; number += 1) {
    const dueDate = dueDateOf(terms.firstDueDate, terms.frequency, number);
    const period = periodRate(terms, number, start, dueDate, regularRate, regularBasis);
    periods.push(period);
    start = dueDate;
  }
  return periods;
}

function unitsPerYearLabel(terms: PlanTerms): string {
  if (terms.frequency.unit === 'MONTHS') return '12 months per year';
  if (terms.frequency.unit === 'WEEKS') return '52 weeks per year';
  return `${yearDaysOf(terms.dayCount)} days per year (${terms.dayCount})`;
}

function periodRate(
  terms: PlanTerms,
  number: number,
  start: LocalDate,
  dueDate: LocalDate,
  regularRate: Ratio,
  regularBasis: RateBasis & { kind: 'PER_PERIOD' },
): Period {
  if (terms.interestMethod === 'NONE') {
    return {
      number,
      start,
      dueDate,
      rate: Ratio.ZERO,
      yearFraction: Ratio.ZERO,
      basis: { kind: 'NO_INTEREST_METHOD' },
    };
  }
  if (number <= terms.interestFreePeriods) {
    return {
      number,
      start,
      dueDate,
      rate: Ratio.ZERO,
      yearFraction: Ratio.ZERO,
      basis: { kind: 'INTEREST_FREE' },
    };
  }
  let basis: RateBasis;
  let fraction: Ratio;
  if (terms.interestAccrual === 'DAILY') {
    const detail = dayCountDetail(start, dueDate, terms.dayCount);
    basis = { kind: 'DAILY', detail };
    fraction = detail.fraction;
  } else if (number === 1 && !isOnePeriodApart(start, dueDate, terms.frequency)) {
    const detail = dayCountDetail(start, dueDate, terms.dayCount);
    basis = { kind: 'ODD_FIRST_PERIOD', detail };
    fraction = detail.fraction;
  } else {
    if (number > 1 || !terms.scheduleStartDate?.isBefore(terms.disbursementDate)) {
      return {
        number,
        start,
        dueDate,
        rate: regularRate,
        yearFraction: regularBasis.fraction,
        basis: regularBasis,
      };
    }
    basis = regularBasis;
    fraction = regularBasis.fraction;
  }
  if (number === 1 && terms.scheduleStartDate?.isBefore(terms.disbursementDate)) {
    const daysSinceDisbursement = terms.disbursementDate.daysUntil(dueDate);
    const periodDays = start.daysUntil(dueDate);
    fraction = fraction.times(Ratio.of(BigInt(daysSinceDisbursement), BigInt(periodDays)));
    basis = { kind: 'PRORATED_FIRST_PERIOD', base: basis, daysSinceDisbursement, periodDays };
  }
  return {
    number,
    start,
    dueDate,
    rate: terms.annualRate.times(fraction),
    yearFraction: fraction,
    basis,
  };
}
