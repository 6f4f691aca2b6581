import Decimal from 'decimal.js';

/**
 * The project's Decimal constructor: 34 significant digits (IEEE 754 decimal128), banker's
 * rounding by default. A clone, because `Decimal.set` would change every library's config.
 * Every module imports `Dec` from here, never `decimal.js` directly.
 */
export const Dec = Decimal.clone({
  precision: 34,
  rounding: Decimal.ROUND_HALF_EVEN,
  toExpNeg: -40,
  toExpPos: 40,
});
export type Dec = Decimal;
export type DecValue = Decimal.Value;

/** Named rounding rules; every rounding in the code base says which one it applies. */
export type RoundingMode = 'HALF_EVEN' | 'HALF_UP' | 'DOWN' | 'UP';

const ROUNDING: Record<RoundingMode, Decimal.Rounding> = {
  HALF_EVEN: Decimal.ROUND_HALF_EVEN,
  HALF_UP: Decimal.ROUND_HALF_UP,
  DOWN: Decimal.ROUND_DOWN,
  UP: Decimal.ROUND_UP,
};

/** decimal.js rounding constant for a named mode. */
export const decimalRounding = (mode: RoundingMode): Decimal.Rounding => ROUNDING[mode];

/**
 * ISO 4217 minor-unit digits. Extend the table, never hard-code 2.
 * Source: ISO 4217 list one (SIX Financial Information).
 */
const MINOR_DIGITS: Readonly<Record<string, number>> = {
  USD: 2,
  EUR: 2,
  GBP: 2,
  CHF: 2,
  CAD: 2,
  AUD: 2,
  NZD: 2,
  SEK: 2,
  NOK: 2,
  DKK: 2,
  PLN: 2,
  CZK: 2,
  MXN: 2,
  BRL: 2,
  INR: 2,
  CNY: 2,
  HKD: 2,
  SGD: 2,
  ZAR: 2,
  TRY: 2,
  JPY: 0,
  KRW: 0,
  ISK: 0,
  CLP: 0,
  VND: 0,
  KWD: 3,
  BHD: 3,
  OMR: 3,
  JOD: 3,
  TND: 3,
};

/** An ISO 4217 currency code this system knows the minor units of. */
export type CurrencyCode = string;

/** True when `code` is an ISO 4217 code in the minor-units table. */
export function isKnownCurrency(code: string): code is CurrencyCode {
  return Object.prototype.hasOwnProperty.call(MINOR_DIGITS, code);
}

/** Number of minor-unit digits of a currency (USD 2, JPY 0, KWD 3); throws for unknown codes. */
export function minorDigits(currency: CurrencyCode): number {
  if (!isKnownCurrency(currency)) throw new RangeError(`Unknown currency ${currency}`);
  return MINOR_DIGITS[currency];
}

/** All currencies the table knows, sorted. */
export const knownCurrencies = (): string[] => Object.keys(MINOR_DIGITS).sort();

/** An exact, immutable amount in one currency, never holding more decimals than the currency allows. */
export class Money {
  private constructor(
    readonly amount: Decimal,
    readonly currency: CurrencyCode,
  ) {}

  /** Exact amount; throws RangeError if `value` has more decimals than the currency's minor units. */
  static of(value: DecValue, currency: CurrencyCode): Money {
    const digits = minorDigits(currency);
    const amount = new Dec(value);
    if (!amount.isFinite()) throw new RangeError(`${String(value)} is not a finite amount`);
    if (amount.decimalPlaces() > digits) {
      throw new RangeError(
        `${amount.toFixed()} has more decimals than ${currency} allows (${digits})`,
      );
    }
    return new Money(amount, currency);
  }

  /** Rounds any decimal to the currency's minor units with the named rule. */
  static rounded(value: DecValue, currency: CurrencyCode, mode: RoundingMode): Money {
    const amount = new Dec(value).toDecimalPlaces(minorDigits(currency), ROUNDING[mode]);
    return new Money(amount, currency);
  }

  static zero(currency: CurrencyCode): Money {
    return Money.of(0, currency);
  }

  /** Sum of amounts in one currency; `zero(currency)` for an empty list. */
  static sum(items: readonly Money[], currency: CurrencyCode): Money {
    return items.reduce((acc, m) => acc.plus(m), Money.zero(currency));
  }

  get minorDigits(): number {
    return minorDigits(this.currency);
  }

  plus(other: Money): Money {
    this.assertSameCurrency(other);
    return new Money(this.amount.plus(other.amount), this.currency);
  }

  minus(other: Money): Money {
    this.assertSameCurrency(other);
    return new Money(this.amount.minus(other.amount), this.currency);
  }

  /** Multiplies by a rate or factor, then rounds to minor units with the named rule. */
  times(factor: DecValue, mode: RoundingMode): Money {
    return Money.rounded(this.amount.times(factor), this.currency, mode);
  }

  negated(): Money {
    return new Money(this.amount.negated(), this.currency);
  }

  /** The smaller of two amounts in the same currency. */
  min(other: Money): Money {
    this.assertSameCurrency(other);
    return this.amount.lte(other.amount) ? this : other;
  }

  /** The larger of two amounts in the same currency. */
  max(other: Money): Money {
    this.assertSameCurrency(other);
    return this.amount.gte(other.amount) ? this : other;
  }

  compare(other: Money): -1 | 0 | 1 {
    this.assertSameCurrency(other);
    return this.amount.comparedTo(other.amount) as -1 | 0 | 1;
  }

  equals(other: Money): boolean {
    return this.currency === other.currency && this.amount.eq(other.amount);
  }

  isZero(): boolean {
    return this.amount.isZero();
  }

  isNegative(): boolean {
    return this.amount.isNegative() && !this.amount.isZero();
  }

  isPositive(): boolean {
    return this.amount.gt(0);
  }

  /**
   * Splits a non-negative amount into `count` exact parts that sum to the whole; the first parts
   * get the extra minor units (dinero.js remainder rule).
   */
  split(count: number): Money[] {
    if (!Number.isInteger(count) || count < 1)
      throw new RangeError('count must be a positive integer');
    return this.allocate(Array.from({ length: count }, () => 1));
  }

  /**
   * Allocates a non-negative amount in proportion to `ratios` (non-negative, not all zero). Each part
   * is rounded down to minor units; the leftover minor units go one each to the first parts, so the
   * parts always sum exactly to the whole.
   */
  allocate(ratios: readonly DecValue[]): Money[] {
    if (this.isNegative()) throw new RangeError('Cannot allocate a negative amount');
    const weights = ratios.map((r) => new Dec(r));
    if (weights.some((w) => w.isNegative())) throw new RangeError('Ratios must be non-negative');
    const total = weights.reduce((a, w) => a.plus(w), new Dec(0));
    if (total.isZero()) throw new RangeError('Ratios must not all be zero');
    const digits = this.minorDigits;
    const unit = new Dec(10).pow(-digits);
    const parts = weights.map((w) =>
      this.amount.times(w).div(total).toDecimalPlaces(digits, Decimal.ROUND_DOWN),
    );
    let leftover = this.amount
      .minus(parts.reduce((a, p) => a.plus(p), new Dec(0)))
      .div(unit)
      .toNumber();
    for (let i = 0; leftover > 0; i = (i + 1) % parts.length) {
      if (weights[i].isZero()) continue;
      parts[i] = parts[i].plus(unit);
      leftover -= 1;
    }
    return parts.map((p) => new Money(p, this.currency));
  }

  /** The amount with exactly the currency's minor digits, e.g. "125.50", "1250" for JPY. */
  toFixed(): string {
    return this.amount.toFixed(this.minorDigits);
  }

  toJSON(): { amount: string; currency: string } {
    return { amount: this.toFixed(), currency: this.currency };
  }

  private assertSameCurrency(other: Money): void {
    if (other.currency !== this.currency) {
      throw new RangeError(`Currency mismatch: ${this.currency} and ${other.currency}`);
    }
  }
}
