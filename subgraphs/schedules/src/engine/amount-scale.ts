import { Dec, type RoundingMode } from '../../../shared/money/money';
import { Ratio, roundDiv } from './ratio';

/** A schedule rounding mode: a named rule, or NONE (full precision, rounded only for display). */
export type ScheduleRoundingMode = RoundingMode | 'NONE';

/** Decimal places kept internally when rounding is NONE: far below any currency's minor unit. */
export const FULL_PRECISION_DIGITS = 20;

/**
 * How the engine holds amounts: as bigint counts of `10^-digits` (minor units for a rounded plan,
 * 10^-20 for NONE), rounded with `mode` at each named rounding point. Display always shows the
 * currency's `displayDigits`, rounding HALF_EVEN when the internal scale is finer.
 */
export interface AmountScale {
  readonly digits: number;
  readonly displayDigits: number;
  readonly mode: RoundingMode;
  readonly isFullPrecision: boolean;
  /** 10^digits as a bigint. */
  readonly unit: bigint;
}

/** The scale for a currency's minor digits and a schedule rounding mode. */
export function amountScale(minorDigits: number, mode: ScheduleRoundingMode): AmountScale {
  const isFullPrecision = mode === 'NONE';
  const digits = isFullPrecision ? Math.max(FULL_PRECISION_DIGITS, minorDigits) : minorDigits;
  return {
    digits,
    displayDigits: minorDigits,
    mode: isFullPrecision ? 'HALF_EVEN' : mode,
    isFullPrecision,
    unit: 10n ** BigInt(digits),
  };
}

/**
 * Exact units of a decimal string at `digits` places; throws RangeError when the value has more
 * decimals than the scale holds (amounts are never silently rounded on the way in).
 */
export function toUnits(decimal: string, digits: number): bigint {
  const value = Ratio.parse(decimal).times(Ratio.of(10n ** BigInt(digits)));
  if (value.den !== 1n) throw new RangeError(`${decimal} has more than ${digits} decimals`);
  return value.num;
}

/** Units at `digits` places as a plain decimal string with exactly `digits` decimals. */
export function unitsToString(units: bigint, digits: number): string {
  if (digits === 0) return units.toString();
  const negative = units < 0n;
  const text = (negative ? -units : units).toString().padStart(digits + 1, '0');
  const cut = text.length - digits;
  return `${negative ? '-' : ''}${text.slice(0, cut)}.${text.slice(cut)}`;
}

/** Units of `scale` written for display with the currency's minor digits (HALF_EVEN if finer). */
export function formatUnits(units: bigint, scale: AmountScale): string {
  if (scale.digits === scale.displayDigits) return unitsToString(units, scale.digits);
  const shift = 10n ** BigInt(scale.digits - scale.displayDigits);
  return unitsToString(roundDiv(units, shift, 'HALF_EVEN'), scale.displayDigits);
}

/** Units as a Dec amount (exact). */
export const unitsToDec = (units: bigint, digits: number): Dec =>
  new Dec(unitsToString(units, digits));

/** A ratio of units rounded to whole units with the scale's rule. */
export const roundUnits = (value: Ratio, scale: AmountScale): bigint =>
  roundDiv(value.num, value.den, scale.mode);

/** Rounds `units` to a multiple of `multiple` units with the scale's rule (multiple ≥ 1). */
export const roundToMultiple = (value: Ratio, multiple: bigint, mode: RoundingMode): bigint =>
  roundDiv(value.num, value.den * multiple, mode) * multiple;
