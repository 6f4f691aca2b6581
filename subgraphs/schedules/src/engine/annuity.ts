import { Ratio } from './ratio';

/**
 * The exact equal installment that amortises `principal` over periods with rate factors `rates`
 * (fractions per period, not percents): EMI = P·Π(1+r_k) / f_n with f_1 = 1 and
 * f_k = 1 + f_{k-1}(1+r_k). With all r_k = r this is PMT: P·r(1+r)^n / ((1+r)^n − 1); with all
 * r_k = 0 it is P/n. Unrounded: the caller rounds once (to minor units or a multiple).
 */
export function annuityPayment(principal: Ratio, rates: readonly Ratio[]): Ratio {
  const n = rates.length;
  if (n === 0) throw new RangeError('annuityPayment needs at least one period');
  const first = rates[0];
  if (rates.every((r) => r === first || r.equals(first)))
    return uniformAnnuity(principal, first, n);
  // Unreduced bigints: A = Π(D_k + N_k), F_n by the recurrence over common denominators
  // B_k = Π_{j≤k, j≥2} D_j, so EMI = P·A / (D_1·F_n). No gcd in the loop (numbers grow linearly).
  let a = first.den + first.num;
  let f = 1n;
  let b = 1n;
  for (let k = 1; k < n; k += 1) {
    const { num, den } = rates[k];
    a *= den + num;
    f = b * den + f * (den + num);
    b *= den;
  }
  return Ratio.unreduced(principal.num * a, principal.den * first.den * f);
}

function uniformAnnuity(principal: Ratio, rate: Ratio, n: number): Ratio {
  if (rate.isZero()) return Ratio.unreduced(principal.num, principal.den * BigInt(n));
  const { num, den } = rate;
  const grown = (den + num) ** BigInt(n);
  const base = den ** BigInt(n);
  return Ratio.unreduced(principal.num * grown * num, principal.den * den * (grown - base));
}
