import { Dec, type DecValue } from '../../../shared/money/money';

/**
 * Spreadsheet time-value-of-money functions in exact decimal (34 significant digits), with Excel's
 * argument order and sign convention: money paid out is negative, money received positive;
 * `rate` is per period (a fraction, not a percent); `type` 0 = payments at the end of each
 * period, 1 = at the beginning. Results are not rounded.
 */

/** A spreadsheet error value (Excel's #NUM! / #DIV/0!) raised by the functions below. */
export class SpreadsheetError extends Error {
  constructor(
    readonly code: '#NUM!' | '#DIV/0!',
    message: string,
  ) {
    super(message);
    this.name = 'SpreadsheetError';
  }
}

type PaymentType = 0 | 1;
const d = (v: DecValue) => new Dec(v);

function checkType(type: number): PaymentType {
  if (type !== 0 && type !== 1) throw new SpreadsheetError('#NUM!', 'type must be 0 or 1');
  return type;
}

/** (1 + rate)^nper; nper may be fractional (then via exp/ln at 34 digits). */
function growth(rate: Dec, nper: Dec): Dec {
  const base = rate.plus(1);
  if (base.lte(0) && !nper.isInteger())
    throw new SpreadsheetError('#NUM!', '(1 + rate) must be positive');
  return base.pow(nper);
}

/** PV(rate, nper, pmt, [fv], [type]): present value of a series of payments. */
export function PV(rate: DecValue, nper: DecValue, pmt: DecValue, fv: DecValue = 0, type = 0): Dec {
  const [r, n, p, f, t] = [d(rate), d(nper), d(pmt), d(fv), checkType(type)];
  if (r.isZero()) return p.times(n).plus(f).negated();
  const g = growth(r, n);
  const annuity = p.times(r.times(t).plus(1)).times(g.minus(1)).div(r);
  return f.plus(annuity).div(g).negated();
}

/** FV(rate, nper, pmt, [pv], [type]): future value after `nper` payments. */
export function FV(rate: DecValue, nper: DecValue, pmt: DecValue, pv: DecValue = 0, type = 0): Dec {
  const [r, n, p, v, t] = [d(rate), d(nper), d(pmt), d(pv), checkType(type)];
  if (r.isZero()) return v.plus(p.times(n)).negated();
  const g = growth(r, n);
  return v
    .times(g)
    .plus(p.times(r.times(t).plus(1)).times(g.minus(1)).div(r))
    .negated();
}

/** PMT(rate, nper, pv, [fv], [type]): the level payment; Excel: PMT(8%/12,10,10000) = -1037.03. */
export function PMT(rate: DecValue, nper: DecValue, pv: DecValue, fv: DecValue = 0, type = 0): Dec {
  const [r, n, v, f, t] = [d(rate), d(nper), d(pv), d(fv), checkType(type)];
  if (n.isZero()) throw new SpreadsheetError('#NUM!', 'nper must not be zero');
  if (r.isZero()) return v.plus(f).div(n).negated();
  const g = growth(r, n);
  const denominator = r.times(t).plus(1).times(g.minus(1));
  if (denominator.isZero()) throw new SpreadsheetError('#DIV/0!', 'rate and nper give no annuity');
  return f.plus(v.times(g)).times(r).div(denominator).negated();
}

/** IPMT(rate, per, nper, pv, [fv], [type]): interest part of payment `per` (1-based). */
export function IPMT(
  rate: DecValue,
  per: DecValue,
  nper: DecValue,
  pv: DecValue,
  fv: DecValue = 0,
  type = 0,
): Dec {
  const [r, k, n, t] = [d(rate), d(per), d(nper), checkType(type)];
  if (k.lt(1) || k.gt(n)) throw new SpreadsheetError('#NUM!', 'per must be between 1 and nper');
  if (t === 1 && k.eq(1)) return new Dec(0);
  const payment = PMT(r, n, pv, fv, t);
  // Interest on the balance left after per − 1 payments (numpy-financial _rbl).
  const interest = FV(r, k.minus(1), payment, pv, t).times(r);
  return t === 1 ? interest.div(r.plus(1)) : interest;
}

/** PPMT(rate, per, nper, pv, [fv], [type]): principal part of payment `per` = PMT − IPMT. */
export function PPMT(
  rate: DecValue,
  per: DecValue,
  nper: DecValue,
  pv: DecValue,
  fv: DecValue = 0,
  type = 0,
): Dec {
  return PMT(rate, nper, pv, fv, type).minus(IPMT(rate, per, nper, pv, fv, type));
}

function checkCumulative(rate: Dec, nper: Dec, pv: Dec, start: Dec, end: Dec): void {
  if (rate.lte(0) || nper.lte(0) || pv.lte(0)) {
    throw new SpreadsheetError('#NUM!', 'rate, nper and pv must be positive');
  }
  if (!start.isInteger() || !end.isInteger() || start.lt(1) || end.lt(start) || end.gt(nper)) {
    throw new SpreadsheetError('#NUM!', 'need 1 ≤ start ≤ end ≤ nper');
  }
}

/** Sum of `perPeriod(k)` over periods start..end, after Excel's argument checks. */
function cumulative(
  rate: DecValue,
  nper: DecValue,
  pv: DecValue,
  start: DecValue,
  end: DecValue,
  perPeriod: (r: Dec, k: number, n: Dec, v: Dec) => Dec,
): Dec {
  const [r, n, v, s, e] = [d(rate), d(nper), d(pv), d(start), d(end)];
  checkCumulative(r, n, v, s, e);
  let total = new Dec(0);
  for (let k = s.toNumber(); k <= e.toNumber(); k += 1) total = total.plus(perPeriod(r, k, n, v));
  return total;
}

/** CUMIPMT(rate, nper, pv, start, end, type): interest paid in periods start..end (negative). */
export const CUMIPMT = (
  rate: DecValue,
  nper: DecValue,
  pv: DecValue,
  start: DecValue,
  end: DecValue,
  type = 0,
): Dec => cumulative(rate, nper, pv, start, end, (r, k, n, v) => IPMT(r, k, n, v, 0, type));

/** CUMPRINC(rate, nper, pv, start, end, type): principal paid in periods start..end (negative). */
export const CUMPRINC = (
  rate: DecValue,
  nper: DecValue,
  pv: DecValue,
  start: DecValue,
  end: DecValue,
  type = 0,
): Dec => cumulative(rate, nper, pv, start, end, (r, k, n, v) => PPMT(r, k, n, v, 0, type));

/** NPER(rate, pmt, pv, [fv], [type]): number of periods; #NUM! when no solution exists. */
export function NPER(rate: DecValue, pmt: DecValue, pv: DecValue, fv: DecValue = 0, type = 0): Dec {
  const [r, p, v, f, t] = [d(rate), d(pmt), d(pv), d(fv), checkType(type)];
  if (r.isZero()) {
    if (p.isZero()) throw new SpreadsheetError('#NUM!', 'pmt must not be zero when rate is zero');
    return v.plus(f).div(p).negated();
  }
  const z = p.times(r.times(t).plus(1)).div(r);
  const numerator = z.minus(f);
  const denominator = z.plus(v);
  if (denominator.isZero() || numerator.div(denominator).lte(0) || r.lte(-1)) {
    throw new SpreadsheetError('#NUM!', 'no number of periods solves these values');
  }
  return numerator.div(denominator).ln().div(r.plus(1).ln());
}

/**
 * RATE(nper, pmt, pv, [fv], [type], [guess]): rate per period by Newton's method from `guess`
 * (default 0.1), to |Δ| < 1e-28; #NUM! when it does not converge in 100 steps.
 */
export function RATE(
  nper: DecValue,
  pmt: DecValue,
  pv: DecValue,
  fv: DecValue = 0,
  type = 0,
  guess: DecValue = '0.1',
): Dec {
  const [n, p, v, f, t] = [d(nper), d(pmt), d(pv), d(fv), checkType(type)];
  if (n.lte(0)) throw new SpreadsheetError('#NUM!', 'nper must be positive');
  let r = d(guess);
  const tolerance = new Dec('1e-28');
  for (let step = 0; step < 100; step += 1) {
    if (r.lte(-1)) break;
    const { value, slope } = rateEquation(r, n, p, v, f, t);
    if (slope.isZero()) break;
    const next = r.minus(value.div(slope));
    if (next.minus(r).abs().lt(tolerance)) return next;
    r = next;
  }
  throw new SpreadsheetError('#NUM!', 'RATE did not converge');
}

// f(r) = pv·g + pmt(1 + r·t)(g − 1)/r + fv with g = (1+r)^n, and f'(r); the r → 0 limit is
// pv + pmt·n + fv with slope pv·n + pmt·(n(n−1)/2 + t·n).
function rateEquation(
  r: Dec,
  n: Dec,
  p: Dec,
  v: Dec,
  f: Dec,
  t: PaymentType,
): { value: Dec; slope: Dec } {
  if (r.isZero()) {
    return {
      value: v.plus(p.times(n)).plus(f),
      slope: v.times(n).plus(p.times(n.times(n.minus(1)).div(2).plus(n.times(t)))),
    };
  }
  const g = growth(r, n);
  const dg = n.times(g).div(r.plus(1));
  const k = r.times(t).plus(1);
  const value = v
    .times(g)
    .plus(p.times(k).times(g.minus(1)).div(r))
    .plus(f);
  const annuitySlope = p.times(
    new Dec(t)
      .times(g.minus(1))
      .div(r)
      .plus(k.times(dg.times(r).minus(g.minus(1))).div(r.times(r))),
  );
  return { value, slope: v.times(dg).plus(annuitySlope) };
}
