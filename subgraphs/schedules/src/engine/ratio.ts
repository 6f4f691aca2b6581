import { Dec, type RoundingMode } from '../../../shared/money/money';

/**
 * An exact rational number `num / den` over bigints (den > 0). Rates and day-count fractions are
 * kept as ratios so that `balance × rate` can be computed without any intermediate rounding:
 * 7.5 % / 12 is 1/160 exactly, 30/365 days stays 6/73, and rounding happens once, at a named point.
 */
export class Ratio {
  private constructor(
    readonly num: bigint,
    readonly den: bigint,
  ) {}

  static readonly ZERO = new Ratio(0n, 1n);
  static readonly ONE = new Ratio(1n, 1n);

  /** `num / den`, reduced; throws RangeError when `den` is zero. */
  static of(num: bigint, den: bigint = 1n): Ratio {
    if (den === 0n) throw new RangeError('Ratio denominator must not be zero');
    if (den < 0n) return Ratio.of(-num, -den);
    const g = gcd(num < 0n ? -num : num, den);
    return g > 1n ? new Ratio(num / g, den / g) : new Ratio(num, den);
  }

  /**
   * `num / den` without reducing (den > 0): for huge intermediate values (annuity factors) whose
   * gcd would cost more than it saves; only rounding and comparison are used on them.
   */
  static unreduced(num: bigint, den: bigint): Ratio {
    if (den <= 0n) throw new RangeError('Ratio denominator must be positive');
    return new Ratio(num, den);
  }

  /** Exact value of a plain decimal string such as "7.125" or "-0.05" (no exponent). */
  static parse(decimal: string): Ratio {
    const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(decimal.trim());
    if (!match) throw new RangeError(`"${decimal}" is not a plain decimal`);
    const fraction = match[3] ?? '';
    const magnitude = BigInt(match[2] + fraction);
    return Ratio.of(match[1] === '-' ? -magnitude : magnitude, 10n ** BigInt(fraction.length));
  }

  /** Exact value of a Dec (finite). */
  static fromDec(value: Dec): Ratio {
    return Ratio.parse(value.toFixed());
  }

  plus(other: Ratio): Ratio {
    return Ratio.of(this.num * other.den + other.num * this.den, this.den * other.den);
  }

  minus(other: Ratio): Ratio {
    return Ratio.of(this.num * other.den - other.num * this.den, this.den * other.den);
  }

  times(other: Ratio): Ratio {
    return Ratio.of(this.num * other.num, this.den * other.den);
  }

  div(other: Ratio): Ratio {
    return Ratio.of(this.num * other.den, this.den * other.num);
  }

  isZero(): boolean {
    return this.num === 0n;
  }

  compare(other: Ratio): -1 | 0 | 1 {
    const a = this.num * other.den;
    const b = other.num * this.den;
    return a < b ? -1 : a > b ? 1 : 0;
  }

  equals(other: Ratio): boolean {
    return this.num === other.num && this.den === other.den;
  }

  /** Decimal approximation at the project precision (34 significant digits, HALF_EVEN). */
  toDec(): Dec {
    return new Dec(this.num.toString()).div(this.den.toString());
  }

  /** "a/b" for explanations ("1/160"), or the integer when the denominator is 1. */
  toFractionString(): string {
    return this.den === 1n ? this.num.toString() : `${this.num}/${this.den}`;
  }
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/**
 * `numerator / denominator` rounded to an integer with the named rule (denominator > 0).
 * Exact: the remainder decides, never a float. HALF_EVEN ties go to the even integer.
 */
export function roundDiv(numerator: bigint, denominator: bigint, mode: RoundingMode): bigint {
  let q = numerator / denominator;
  let r = numerator % denominator;
  if (r < 0n) {
    q -= 1n;
    r += denominator;
  }
  if (r === 0n) return q;
  switch (mode) {
    case 'DOWN':
      return q < 0n ? q + 1n : q;
    case 'UP':
      return q < 0n ? q : q + 1n;
    case 'HALF_UP': {
      const twice = 2n * r;
      if (twice > denominator) return q + 1n;
      if (twice < denominator) return q;
      return q < 0n ? q : q + 1n;
    }
    case 'HALF_EVEN': {
      const twice = 2n * r;
      if (twice > denominator) return q + 1n;
      if (twice < denominator) return q;
      return q % 2n === 0n ? q : q + 1n;
    }
  }
}

/** A ratio rounded to an integer with the named rule. */
export const roundRatio = (value: Ratio, mode: RoundingMode): bigint =>
  roundDiv(value.num, value.den, mode);
