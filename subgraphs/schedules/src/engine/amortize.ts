import type { RoundingMode } from '../../../shared/money/money';
import { annuityPayment } from './annuity';
import { roundToMultiple, type AmountScale } from './amount-scale';
import type { Period } from './periods';
import { Ratio, roundDiv } from './ratio';
import type { Amortization, InterestMethod } from './terms.types';

/**
 * One amortised row in bigint units of the plan's scale (see AmountScale). Interest is
 * round(openingBalance × rate) with the plan's rule; principal = installment − interest;
 * balance = principal outstanding after the row (never negative).
 */
export interface AmortizedRow {
  readonly period: Period;
  readonly openingBalance: bigint;
  readonly principal: bigint;
  readonly interest: bigint;
  readonly balance: bigint;
  /** Unrounded interest units for `explain` (balance × rate [+ carried extra]). */
  readonly exactInterest: Ratio | null;
}

/** What to amortise: a balance over periods, and the method's parameters. */
export interface AmortizationInput {
  readonly scale: AmountScale;
  readonly periods: readonly Period[];
  readonly principal: bigint;
  readonly amortization: Amortization;
  readonly interestMethod: InterestMethod;
  /** Leading periods that pay interest only. */
  readonly graceCount: number;
  /** Installment rounding multiple in units (1 = plain minor units). */
  readonly multiple: bigint;
  readonly balanceLastInstallment: boolean;
  /** REDUCE_TERM: keep this installment (or equal principal part) and stop once repaid. */
  readonly fixedInstallment?: bigint;
  /** Interest units already earned in the first period before the balance changed (exact). */
  readonly firstPeriodExtraInterest?: Ratio;
  /** FLAT: the yearly fraction of one period, for total interest = P × annual × n × fraction. */
  readonly flat?: { readonly annualRate: Ratio; readonly periodFraction: Ratio };
}

/** An amortised schedule: its rows and the equal installment (or equal principal part) used. */
export interface Amortized {
  readonly rows: AmortizedRow[];
  /** Installment (principal + interest) for equal installments, principal part for EQUAL_PRINCIPAL. */
  readonly installment: bigint;
  readonly exactInstallment: Ratio | null;
}

/** Builds the rows; dispatches on interest method and amortization. */
export function amortize(input: AmortizationInput): Amortized {
  if (input.interestMethod === 'FLAT' && input.flat) return amortizeFlat(input, input.flat);
  if (input.amortization === 'EQUAL_PRINCIPAL') return amortizeEqualPrincipal(input);
  if (input.amortization === 'INTEREST_ONLY_BALLOON') return runRows(input, 0n, 'BALLOON', null);
  return amortizeAnnuity(input);
}

function amortizeAnnuity(input: AmortizationInput): Amortized {
  const { scale, periods, graceCount } = input;
  const amortizing = periods.slice(graceCount);
  let exact: Ratio | null = null;
  let emi: bigint;
  if (input.fixedInstallment !== undefined) {
    emi = input.fixedInstallment;
  } else {
    let base = Ratio.of(input.principal);
    const extra = input.firstPeriodExtraInterest;
    // Interest already earned in an amortising first period is repaid like principal due one
    // period later: worth extra / (1 + r_1) today.
    if (extra && graceCount === 0) base = base.plus(extra.div(Ratio.ONE.plus(amortizing[0].rate)));
    exact = annuityPayment(
      base,
      amortizing.map((p) => p.rate),
    );
    emi = roundToMultiple(exact, input.multiple, scale.mode);
  }
  let result = runRows(input, emi, 'ANNUITY', exact);
  if (input.balanceLastInstallment && input.fixedInstallment === undefined) {
    result = balanceLast(input, result, amortizing.length);
  }
  return result;
}

// Issue rule: if |last − EMI| in minor units > ⌊n/2⌋, try EMI + round(diff/n) and keep it when
// the last installment gets closer to the others.
function balanceLast(input: AmortizationInput, first: Amortized, n: number): Amortized {
  const gap = (a: Amortized) => {
    const last = a.rows[a.rows.length - 1];
    return last.principal + last.interest - a.installment;
  };
  const diff = gap(first);
  const minorUnit = input.scale.unit / 10n ** BigInt(input.scale.displayDigits);
  const abs = (v: bigint) => (v < 0n ? -v : v);
  if (abs(diff) <= BigInt(Math.floor(n / 2)) * minorUnit) return first;
  const step = roundToMultiple(Ratio.of(diff, BigInt(n)), input.multiple, input.scale.mode);
  if (step === 0n) return first;
  const second = runRows(input, first.installment + step, 'ANNUITY', first.exactInstallment);
  return abs(gap(second)) < abs(diff) ? second : first;
}

function amortizeEqualPrincipal(input: AmortizationInput): Amortized {
  const count = BigInt(input.periods.length - input.graceCount);
  const part = input.fixedInstallment ?? roundDiv(input.principal, count, input.scale.mode);
  return runRows(input, part, 'EQUAL_PRINCIPAL', Ratio.of(input.principal, count));
}

function amortizeFlat(
  input: AmortizationInput,
  flat: { annualRate: Ratio; periodFraction: Ratio },
): Amortized {
  const { scale, periods, graceCount, principal } = input;
  const n = BigInt(periods.length);
  const term = flat.annualRate.times(flat.periodFraction).times(Ratio.of(n));
  const totalInterest = roundDiv(principal * term.num, term.den, scale.mode);
  const perInterest = roundDiv(totalInterest, n, scale.mode);
  const exact = Ratio.of(principal, n - BigInt(graceCount)).plus(Ratio.of(totalInterest, n));
  const installment = input.fixedInstallment ?? roundToMultiple(exact, input.multiple, scale.mode);
  const rows: AmortizedRow[] = [];
  let balance = principal;
  let interestLeft = totalInterest;
  periods.forEach((period, index) => {
    const isLast = index === periods.length - 1;
    const interest = isLast
      ? interestLeft
      : perInterest < interestLeft
        ? perInterest
        : interestLeft;
    let part = index < graceCount ? 0n : isLast ? balance : installment - interest;
    part = clamp(part, balance);
    rows.push({
      period,
      openingBalance: balance,
      principal: part,
      interest,
      balance: balance - part,
      exactInterest: Ratio.of(totalInterest, n),
    });
    balance -= part;
    interestLeft -= interest;
  });
  return { rows, installment, exactInstallment: exact };
}

type RowKind = 'ANNUITY' | 'EQUAL_PRINCIPAL' | 'BALLOON';

// The hot loop: bigint units only, one exact rounding of balance × rate per row.
function runRows(
  input: AmortizationInput,
  amount: bigint,
  kind: RowKind,
  exact: Ratio | null,
): Amortized {
  const { periods, graceCount } = input;
  const mode: RoundingMode = input.scale.mode;
  const stopWhenRepaid = input.fixedInstallment !== undefined;
  const extra = input.firstPeriodExtraInterest;
  const rows: AmortizedRow[] = [];
  let balance = input.principal;
  const last = periods.length - 1;
  for (let index = 0; index <= last; index += 1) {
    const period = periods[index];
    const { num, den } = period.rate;
    let interest: bigint;
    let exactInterest: Ratio | null = null;
    if (index === 0 && extra) {
      exactInterest = Ratio.of(balance).times(period.rate).plus(extra);
      interest = roundDiv(exactInterest.num, exactInterest.den, mode);
    } else {
      interest = num === 0n ? 0n : roundDiv(balance * num, den, mode);
    }
    let principal: bigint;
    if (index < graceCount) principal = 0n;
    else if (index === last) principal = balance;
    else if (kind === 'ANNUITY') principal = clamp(amount - interest, balance);
    else if (kind === 'EQUAL_PRINCIPAL') principal = clamp(amount, balance);
    else principal = 0n;
    rows.push({
      period,
      openingBalance: balance,
      principal,
      interest,
      balance: balance - principal,
      exactInterest,
    });
    balance -= principal;
    if (stopWhenRepaid && balance === 0n) break;
  }
  return { rows, installment: amount, exactInstallment: exact };
}

const clamp = (value: bigint, max: bigint): bigint => (value < 0n ? 0n : value > max ? max : value);
