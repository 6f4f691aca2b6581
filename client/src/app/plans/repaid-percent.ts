import { Money } from './plan-queries';

/**
 * Share of a plan already repaid, as a whole percentage 0–100, for the progress bar only.
 *
 * DISPLAY ONLY: this is the one place the client turns amounts into numbers. Binary floats
 * are fine for a bar width and a rounded label; they must never feed a balance, a payment or
 * anything sent back to the server (the server owns all money arithmetic).
 */
export function repaidPercent(paid: Money, totalRepayable: Money): number {
  const total = Number(totalRepayable.amount);
  const repaid = Number(paid.amount);
  if (!Number.isFinite(total) || !Number.isFinite(repaid) || total <= 0) return 0;
  const percent = Math.floor((repaid / total) * 100);
  return Math.min(100, Math.max(0, percent));
}
