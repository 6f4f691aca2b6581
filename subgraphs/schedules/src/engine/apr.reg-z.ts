import { Dec } from '../../../shared/money/money';
import type { LocalDate } from '../../../shared/dates/local-date';
import { EngineError } from './engine-error';
import { Ratio } from './ratio';
import { unitPeriodsPerYear, unitTime, type UnitPeriod } from './unit-periods';

/** A payment at `t` whole unit-periods plus fraction `f` after the advance; amount positive. */
export interface TimedPayment {
  readonly amount: Dec;
  readonly t: number;
  readonly f: Ratio;
}

/** The APR, the unit-period rate it came from, and the unit-periods per year used. */
export interface AprResult {
  /** Nominal annual rate in percent, rounded HALF_UP to 2 decimals (Reg Z § 1026.22). */
  readonly aprPercent: Dec;
  /** Rate per unit-period solved to |Δ| ≤ 1e-12 (a fraction, not a percent). */
  readonly periodicRate: Dec;
  readonly unitPeriodsPerYear: Ratio;
}

const TOLERANCE = new Dec('1e-15');

/**
 * Regulation Z Appendix J actuarial APR for a single advance `amountFinanced` at time 0:
 * solves the general equation (b)(8), A = Σ P_j / ((1 + f_j·i)(1 + i)^t_j), for the unit-period
 * rate i (simple interest on the fractional unit-period), then APR = i × unit-periods per year.
 */
export function aprFromTimedPayments(
  amountFinanced: Dec,
  payments: readonly TimedPayment[],
  perYear: Ratio,
): AprResult {
  if (payments.length === 0) throw new EngineError('payments', 'must not be empty');
  if (!amountFinanced.gt(0)) throw new EngineError('amountFinanced', 'must be greater than zero');
  const sorted = [...payments].sort((a, b) => a.t - b.t);
  const total = sorted.reduce((sum, p) => sum.plus(p.amount), new Dec(0));
  if (total.lte(amountFinanced)) {
    return {
      aprPercent: new Dec(0).toDecimalPlaces(2),
      periodicRate: new Dec(0),
      unitPeriodsPerYear: perYear,
    };
  }
  let rate = floatGuess(amountFinanced, sorted);
  for (let step = 0; step < 60; step += 1) {
    const { value, slope } = presentValue(rate, sorted);
    const next = rate.minus(value.minus(amountFinanced).div(slope));
    const done = next.minus(rate).abs().lte(TOLERANCE);
    rate = next;
    if (done) break;
  }
  const aprPercent = rate.times(perYear.toDec()).times(100).toDecimalPlaces(2, Dec.ROUND_HALF_UP);
  return { aprPercent, periodicRate: rate.toDecimalPlaces(15), unitPeriodsPerYear: perYear };
}

/**
 * APR of dated payments after an advance on `advanceDate`. Without a unit-period, a single
 * payment less than a year away uses the term as the unit-period ((b)(3)); otherwise the
 * unit-period defaults to one month.
 */
export function aprFromDatedPayments(
  amountFinanced: Dec,
  advanceDate: LocalDate,
  payments: readonly { amount: Dec; date: LocalDate }[],
  unitPeriod?: UnitPeriod,
  perYearOverride?: Ratio,
): AprResult {
  payments.forEach((p, index) => {
    if (p.date.isBefore(advanceDate)) {
      throw new EngineError(`payments[${index}].date`, 'must not be before advanceDate');
    }
  });
  if (!unitPeriod && payments.length === 1) {
    const termDays = advanceDate.daysUntil(payments[0].date);
    if (termDays > 0 && advanceDate.addMonths(12).isAfter(payments[0].date)) {
      const perYear = perYearOverride ?? Ratio.of(365n, BigInt(termDays));
      return aprFromTimedPayments(
        amountFinanced,
        [{ amount: payments[0].amount, t: 1, f: Ratio.ZERO }],
        perYear,
      );
    }
  }
  const period = unitPeriod ?? { unit: 'MONTH', every: 1 };
  const timed = payments.map((p) => ({
    amount: p.amount,
    ...unitTime(advanceDate, p.date, period),
  }));
  return aprFromTimedPayments(amountFinanced, timed, perYearOverride ?? unitPeriodsPerYear(period));
}

// Present value Σ P/((1+f i)(1+i)^t) and its derivative in i, exact at 34 digits. Payments are
// sorted by t so (1+i)^t grows by repeated multiplication.
function presentValue(rate: Dec, payments: readonly TimedPayment[]): { value: Dec; slope: Dec } {
  const growth = rate.plus(1);
  let power = new Dec(1);
  let powerT = 0;
  let value = new Dec(0);
  let slope = new Dec(0);
  for (const payment of payments) {
    while (powerT < payment.t) {
      power = power.times(growth);
      powerT += 1;
    }
    const f = payment.f.isZero() ? null : payment.f.toDec();
    const simple = f ? f.times(rate).plus(1) : new Dec(1);
    const term = payment.amount.div(simple.times(power));
    value = value.plus(term);
    const logSlope = (f ? f.div(simple) : new Dec(0)).plus(new Dec(payment.t).div(growth));
    slope = slope.minus(term.times(logSlope));
  }
  return { value, slope };
}

// A starting point from binary-float Newton: rates are not money, and every digit of the answer
// is then re-derived in decimal by the Newton steps above.
function floatGuess(amountFinanced: Dec, payments: readonly TimedPayment[]): Dec {
  const a = amountFinanced.toNumber();
  const flows = payments.map((p) => ({
    p: p.amount.toNumber(),
    t: p.t,
    f: Number(p.f.num) / Number(p.f.den),
  }));
  let i = 0.01;
  for (let step = 0; step < 100; step += 1) {
    let v = 0;
    let d = 0;
    for (const { p, t, f } of flows) {
      const term = p / ((1 + f * i) * Math.pow(1 + i, t));
      v += term;
      d -= term * (f / (1 + f * i) + t / (1 + i));
    }
    const next = i - (v - a) / d;
    if (!Number.isFinite(next) || next <= -0.99) return new Dec('0.01');
    if (Math.abs(next - i) < 1e-14) return new Dec(next.toPrecision(15));
    i = next;
  }
  return new Dec(i.toPrecision(15));
}
