/**
 * A calendar date without time or time zone ("2025-03-01"). Built on a day number (days since
 * 1970-01-01, proleptic Gregorian) so that day arithmetic never passes through JS `Date` and never
 * drifts with the host's time zone.
 */
export class LocalDate {
  private constructor(
    readonly year: number,
    readonly month: number,
    readonly day: number,
    /** Days since 1970-01-01 (negative before). */
    readonly epochDay: number,
  ) {}

  /** A date from its parts; throws RangeError for an impossible date (e.g. 2025-02-29). */
  static of(year: number, month: number, day: number): LocalDate {
    if (!Number.isInteger(year) || year < 1 || year > 9999)
      throw new RangeError(`Bad year ${year}`);
    if (!Number.isInteger(month) || month < 1 || month > 12)
      throw new RangeError(`Bad month ${month}`);
    if (!Number.isInteger(day) || day < 1 || day > daysInMonth(year, month)) {
      throw new RangeError(`Bad day ${year}-${month}-${day}`);
    }
    return new LocalDate(year, month, day, toEpochDay(year, month, day));
  }

  /** Parses exactly `YYYY-MM-DD`; throws RangeError otherwise. */
  static parse(iso: string): LocalDate {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
    if (!match) throw new RangeError(`"${iso}" is not an ISO date (YYYY-MM-DD)`);
    return LocalDate.of(Number(match[1]), Number(match[2]), Number(match[3]));
  }

  /** True when `iso` is a valid `YYYY-MM-DD` calendar date. */
  static isValid(iso: string): boolean {
    try {
      LocalDate.parse(iso);
      return true;
    } catch {
      // parse throws RangeError for malformed input; this predicate turns it into false.
      return false;
    }
  }

  /** The date `epochDay` days after 1970-01-01. */
  static fromEpochDay(epochDay: number): LocalDate {
    const [y, m, d] = fromEpochDay(epochDay);
    return new LocalDate(y, m, d, epochDay);
  }

  /** This date moved by `days` calendar days (negative moves back). */
  addDays(days: number): LocalDate {
    return LocalDate.fromEpochDay(this.epochDay + days);
  }

  /**
   * This date moved by `months` calendar months, the day clamped to the target month's length
   * (Jan 31 + 1 month = Feb 28/29). To keep month-end schedules on the anchor day (Jan 31 → Feb 29
   * → Mar 31), always add to the original anchor, never chain the results.
   */
  addMonths(months: number): LocalDate {
    const index = this.year * 12 + (this.month - 1) + months;
    const year = Math.floor(index / 12);
    const month = index - year * 12 + 1;
    return LocalDate.of(year, month, Math.min(this.day, daysInMonth(year, month)));
  }

  /** Actual calendar days from this date to `other` (positive when `other` is later). */
  daysUntil(other: LocalDate): number {
    return other.epochDay - this.epochDay;
  }

  compare(other: LocalDate): -1 | 0 | 1 {
    return this.epochDay < other.epochDay ? -1 : this.epochDay > other.epochDay ? 1 : 0;
  }

  isBefore(other: LocalDate): boolean {
    return this.epochDay < other.epochDay;
  }

  isAfter(other: LocalDate): boolean {
    return this.epochDay > other.epochDay;
  }

  equals(other: LocalDate): boolean {
    return this.epochDay === other.epochDay;
  }

  /** True when this is the last day of its month. */
  isEndOfMonth(): boolean {
    return this.day === daysInMonth(this.year, this.month);
  }

  /** ISO 8601 calendar date, `YYYY-MM-DD`. */
  toString(): string {
    const pad = (n: number, w: number) => String(n).padStart(w, '0');
    return `${pad(this.year, 4)}-${pad(this.month, 2)}-${pad(this.day, 2)}`;
  }

  toJSON(): string {
    return this.toString();
  }
}

/** True for Gregorian leap years (divisible by 4, except centuries not divisible by 400). */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in a month (1-12) of a year. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Number of days in a year: 366 in leap years, else 365. */
export function daysInYear(year: number): number {
  return isLeapYear(year) ? 366 : 365;
}

// Howard Hinnant's days_from_civil / civil_from_days: exact integer arithmetic, no Date object.
function toEpochDay(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function fromEpochDay(epochDay: number): [number, number, number] {
  const z = epochDay + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}
