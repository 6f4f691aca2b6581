import type { LocalDate } from '../../../shared/dates/local-date';
import { Ratio } from './ratio';

/** Regulation Z Appendix J unit-period kinds. */
export type UnitPeriodKind = 'DAY' | 'WEEK' | 'SEMIMONTH' | 'MONTH' | 'YEAR';

/** A unit-period of `every` units (e.g. MONTH × 3 = quarterly). */
export interface UnitPeriod {
  readonly unit: UnitPeriodKind;
  readonly every: number;
}

/** Time from the advance to a payment: `t` whole unit-periods plus a fraction `f` (0 ≤ f < 1). */
export interface UnitTime {
  readonly t: number;
  readonly f: Ratio;
}

/** Unit-periods per year: 12/k months, 24 semimonths, 52/k weeks, 365/k days, 1/k years. */
export function unitPeriodsPerYear(period: UnitPeriod): Ratio {
  const every = BigInt(period.every);
  switch (period.unit) {
    case 'MONTH':
      return Ratio.of(12n, every);
    case 'SEMIMONTH':
      return Ratio.of(24n, every);
    case 'WEEK':
      return Ratio.of(52n, every);
    case 'DAY':
      return Ratio.of(365n, every);
    case 'YEAR':
      return Ratio.of(1n, every);
  }
}

/**
 * Appendix J (b)(5): whole unit-periods and the fractional unit-period between the advance and a
 * payment. Months (and years) are counted back from the payment date, leftover days as a fraction
 * of a 30-day month (365-day year); a semimonth is 15 days; weeks and days are counted in days.
 */
export function unitTime(from: LocalDate, to: LocalDate, period: UnitPeriod): UnitTime {
  const every = period.every;
  if (period.unit === 'DAY' || period.unit === 'WEEK') {
    const length = (period.unit === 'WEEK' ? 7 : 1) * every;
    const days = from.daysUntil(to);
    return { t: Math.floor(days / length), f: Ratio.of(BigInt(days % length), BigInt(length)) };
  }
  const months = monthsBack(from, to);
  const leftoverDays = from.daysUntil(to.addMonths(-months));
  if (period.unit === 'YEAR') {
    const years = Math.floor(months / 12);
    const spareDays = from.daysUntil(to.addMonths(-12 * years));
    const t = Math.floor(years / every);
    const rest = (years - t * every) * 365 + spareDays;
    return { t, f: Ratio.of(BigInt(rest), BigInt(365 * every)) };
  }
  if (period.unit === 'SEMIMONTH') {
    let halves = 2 * months;
    let days = leftoverDays;
    if (days >= 15) {
      halves += 1;
      days -= 15;
    }
    const t = Math.floor(halves / every);
    return { t, f: Ratio.of(BigInt((halves - t * every) * 15 + days), BigInt(15 * every)) };
  }
  const t = Math.floor(months / every);
  const rest = (months - t * every) * 30 + leftoverDays;
  return { t, f: Ratio.of(BigInt(rest), BigInt(30 * every)) };
}

/** Whole months counted back from `to` without passing `from` (day clamped at month end). */
function monthsBack(from: LocalDate, to: LocalDate): number {
  let months = (to.year - from.year) * 12 + (to.month - from.month);
  while (months > 0 && to.addMonths(-months).isBefore(from)) months -= 1;
  return Math.max(months, 0);
}
