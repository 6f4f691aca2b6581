import { LocalDate, daysInYear, isLeapYear, daysInMonth } from '../../../shared/dates/local-date';
import { Ratio } from './ratio';

/** Day-count conventions for interest accrual (ISDA 2006 §4.16 names). */
export type DayCount = '30/360' | 'ACT/360' | 'ACT/364' | 'ACT/365F' | 'ACT/ACT';

export const DAY_COUNTS: readonly DayCount[] = [
  '30/360',
  'ACT/360',
  'ACT/364',
  'ACT/365F',
  'ACT/ACT',
];

/** The day count's parts for an explanation: days counted and the year basis (ACT/ACT: split). */
export interface DayCountDetail {
  readonly convention: DayCount;
  readonly days: number;
  /** Year length used as divisor; for ACT/ACT the per-year split is in `segments`. */
  readonly yearDays: number;
  readonly segments?: readonly { readonly days: number; readonly yearDays: number }[];
  readonly fraction: Ratio;
}

/**
 * Year fraction between two dates (start inclusive, end exclusive) as an exact ratio.
 * - 30/360: US (SIA / "30/360 US") with the end-of-February rules.
 * - ACT/360, ACT/364, ACT/365F: actual days over 360, 364, 365 (365 also in leap years).
 * - ACT/ACT: ISDA, days in leap years over 366 plus days in other years over 365.
 */
export function yearFraction(start: LocalDate, end: LocalDate, convention: DayCount): Ratio {
  return dayCountDetail(start, end, convention).fraction;
}

/** Year fraction with the days and divisors that produced it. */
export function dayCountDetail(
  start: LocalDate,
  end: LocalDate,
  convention: DayCount,
): DayCountDetail {
  switch (convention) {
    case '30/360': {
      const days = days30360(start, end);
      return { convention, days, yearDays: 360, fraction: Ratio.of(BigInt(days), 360n) };
    }
    case 'ACT/360':
    case 'ACT/364':
    case 'ACT/365F': {
      const days = start.daysUntil(end);
      const yearDays = convention === 'ACT/360' ? 360 : convention === 'ACT/364' ? 364 : 365;
      return { convention, days, yearDays, fraction: Ratio.of(BigInt(days), BigInt(yearDays)) };
    }
    case 'ACT/ACT':
      return actActIsda(start, end);
  }
}

/** Days in a year for per-period accrual by days: 360, 364 or 365 (ACT/ACT uses 365). */
export function yearDaysOf(convention: DayCount): number {
  return convention === '30/360' || convention === 'ACT/360'
    ? 360
    : convention === 'ACT/364'
      ? 364
      : 365;
}

// SIA Standard Securities Calculation Methods, 30/360 US: Feb month-end counts as day 30.
function days30360(start: LocalDate, end: LocalDate): number {
  let d1 = start.day;
  let d2 = end.day;
  const isLastOfFeb = (d: LocalDate) => d.month === 2 && d.day === daysInMonth(d.year, 2);
  if (isLastOfFeb(start) && isLastOfFeb(end)) d2 = 30;
  if (isLastOfFeb(start)) d1 = 30;
  if (d2 === 31 && d1 >= 30) d2 = 30;
  if (d1 === 31) d1 = 30;
  return 360 * (end.year - start.year) + 30 * (end.month - start.month) + (d2 - d1);
}

function actActIsda(start: LocalDate, end: LocalDate): DayCountDetail {
  const segments: { days: number; yearDays: number }[] = [];
  let fraction = Ratio.ZERO;
  let cursor = start;
  while (cursor.isBefore(end)) {
    const nextYear = LocalDate.of(cursor.year + 1, 1, 1);
    const stop = nextYear.isBefore(end) ? nextYear : end;
    const days = cursor.daysUntil(stop);
    const yearDays = daysInYear(cursor.year);
    segments.push({ days, yearDays });
    fraction = fraction.plus(Ratio.of(BigInt(days), BigInt(yearDays)));
    cursor = stop;
  }
  const days = start.daysUntil(end);
  const yearDays = isLeapYear(start.year) ? 366 : 365;
  return { convention: 'ACT/ACT', days, yearDays, segments, fraction };
}
