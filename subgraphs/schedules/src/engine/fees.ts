import { roundUnits, toUnits, type AmountScale } from './amount-scale';
import { Ratio } from './ratio';
import type { FeeTerms } from './terms.types';

/** One fee charged on an installment (or at disbursement), in units of the plan's scale. */
export interface FeeLine {
  readonly name: string;
  readonly kind: FeeTerms['kind'] | 'LATE_FEE';
  readonly amount: bigint;
  /** For percentage fees: the percent and the base it was applied to (units). */
  readonly percent?: string;
  readonly base?: bigint;
}

/** The parts of an installment a fee can depend on (units). */
export interface FeeBase {
  readonly number: number;
  readonly principal: bigint;
  readonly interest: bigint;
  readonly openingBalance: bigint;
}

/**
 * Fees of one installment, each rounded separately with the plan's rule: fixed per-installment
 * amounts, one-off fees on this installment, percent × (principal + interest), percent × opening
 * principal balance. Percents are percent strings ("1.5" = 1.5 %).
 */
export function installmentFees(
  fees: readonly FeeTerms[],
  row: FeeBase,
  scale: AmountScale,
): FeeLine[] {
  const lines: FeeLine[] = [];
  for (const fee of fees) {
    switch (fee.kind) {
      case 'ONE_OFF':
        if (fee.installmentNumber === row.number) lines.push(fixed(fee, scale));
        break;
      case 'PER_INSTALLMENT':
        lines.push(fixed(fee, scale));
        break;
      case 'PERCENT_OF_INSTALLMENT':
        lines.push(percentOf(fee.name, fee.kind, fee.percent, row.principal + row.interest, scale));
        break;
      case 'PERCENT_OF_BALANCE':
        lines.push(percentOf(fee.name, fee.kind, fee.percent, row.openingBalance, scale));
        break;
    }
  }
  return lines;
}

/** One-off fees due at disbursement (installmentNumber 0). */
export function disbursementFees(fees: readonly FeeTerms[], scale: AmountScale): FeeLine[] {
  return fees
    .filter((fee) => fee.kind === 'ONE_OFF' && fee.installmentNumber === 0)
    .map((fee) => fixed(fee as FeeTerms & { amount: string }, scale));
}

/** Sum of fee lines (units). */
export const sumFees = (lines: readonly FeeLine[]): bigint =>
  lines.reduce((total, line) => total + line.amount, 0n);

function fixed(fee: FeeTerms & { amount: string }, scale: AmountScale): FeeLine {
  return { name: fee.name, kind: fee.kind, amount: toUnits(fee.amount, scale.digits) };
}

/** percent % of `base` units, rounded once with the scale's rule. */
export function percentOf(
  name: string,
  kind: FeeLine['kind'],
  percent: string,
  base: bigint,
  scale: AmountScale,
): FeeLine {
  const amount = roundUnits(Ratio.parse(percent).times(Ratio.of(base, 100n)), scale);
  return { name, kind, amount, percent, base };
}
