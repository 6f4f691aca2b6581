import { Money, Dec, type Dec as Decimal } from '../../../shared/money/money';
import { StoredPlanStatus, type Installment, type InstallmentPlan } from './plan.entity';

/** Display status of an installment on a business date. */
export enum InstallmentStatus {
  UPCOMING = 'UPCOMING',
  DUE = 'DUE',
  PARTIALLY_PAID = 'PARTIALLY_PAID',
  PAID = 'PAID',
  OVERDUE = 'OVERDUE',
}

/** Plan status as shown: the stored lifecycle, or DELINQUENT when an installment is overdue. */
export enum PlanStatus {
  PENDING = 'PENDING',
  ACTIVE = 'ACTIVE',
  PAID_OFF = 'PAID_OFF',
  DELINQUENT = 'DELINQUENT',
  CANCELLED = 'CANCELLED',
  WRITTEN_OFF = 'WRITTEN_OFF',
}

type Components = Pick<
  Installment,
  | 'principal'
  | 'interest'
  | 'fees'
  | 'paidPrincipal'
  | 'paidInterest'
  | 'paidFees'
  | 'waivedInterest'
  | 'waivedFees'
>;

/** Amount due on an installment: principal + interest + fees (no rounding; all in minor units). */
export const installmentTotal = (i: Components): Decimal =>
  i.principal.plus(i.interest).plus(i.fees);
/** Amount paid towards an installment, all components. */
export const installmentPaid = (i: Components): Decimal =>
  i.paidPrincipal.plus(i.paidInterest).plus(i.paidFees);
/** Forgiven on an installment by applied waivers (interest and fees). */
export const installmentWaived = (i: Components): Decimal => i.waivedInterest.plus(i.waivedFees);
/**
 * Still owed on an installment: total − paid − waived (never negative: allocation never pays
 * beyond what is open, and a waiver never forgives more than is open).
 */
export const installmentRemaining = (i: Components): Decimal =>
  installmentTotal(i).minus(installmentPaid(i)).minus(installmentWaived(i));

/**
 * Sums over the plan, as Money in its currency. `paid` counts what was allocated to installments
 * plus the credit held for later due dates (money the customer has paid); `waived` what applied
 * waivers forgave; `outstanding` is what is still owed after all of them, never below zero (an
 * overpayment stays visible as credit).
 */
export function planTotals(plan: InstallmentPlan, installments: readonly Installment[]) {
  const totalRepayable = installments.reduce((a, i) => a.plus(installmentTotal(i)), new Dec(0));
  const paid = installments
    .reduce((a, i) => a.plus(installmentPaid(i)), new Dec(0))
    .plus(plan.creditBalance);
  const waived = installments.reduce((a, i) => a.plus(installmentWaived(i)), new Dec(0));
  return {
    totalRepayable: Money.of(totalRepayable, plan.currency),
    paid: Money.of(paid, plan.currency),
    waived: Money.of(waived, plan.currency),
    outstanding: Money.of(Dec.max(totalRepayable.minus(paid).minus(waived), 0), plan.currency),
    credit: Money.of(plan.creditBalance, plan.currency),
  };
}

/**
 * The first installment not fully paid, in schedule order, once `credit` (paid ahead, held for
 * later due dates) has covered the earliest open amounts; undefined when nothing is left to pay.
 */
export function nextUnpaid(
  installments: readonly Installment[],
  credit: Decimal = new Dec(0),
): Installment | undefined {
  let left = credit;
  for (const i of [...installments].sort((a, b) => a.number - b.number)) {
    const remaining = installmentRemaining(i);
    if (remaining.lte(0)) continue;
    if (left.gte(remaining)) {
      left = left.minus(remaining);
      continue;
    }
    return i;
  }
  return undefined;
}

/**
 * Status on `today` (ISO date; string order is date order): PAID when nothing remains, OVERDUE
 * after its due date, PARTIALLY_PAID when some was paid, DUE for the next one to pay, else UPCOMING.
 */
export function installmentStatus(
  i: Installment,
  today: string,
  next: Installment | undefined,
): InstallmentStatus {
  if (installmentRemaining(i).lte(0)) return InstallmentStatus.PAID;
  if (i.dueDate < today) return InstallmentStatus.OVERDUE;
  if (installmentPaid(i).gt(0)) return InstallmentStatus.PARTIALLY_PAID;
  return next && next.id === i.id ? InstallmentStatus.DUE : InstallmentStatus.UPCOMING;
}

export function planStatus(
  plan: InstallmentPlan,
  installments: readonly Installment[],
  today: string,
): PlanStatus {
  if (plan.status !== StoredPlanStatus.ACTIVE) return plan.status as unknown as PlanStatus;
  if (planTotals(plan, installments).outstanding.isZero()) return PlanStatus.PAID_OFF;
  const overdue = installments.some((i) => i.dueDate < today && installmentRemaining(i).gt(0));
  return overdue ? PlanStatus.DELINQUENT : PlanStatus.ACTIVE;
}

/**
 * Applies `amount` to installments oldest first, and within each installment fees → interest →
 * principal (the default waterfall). Mutates the installments' paid components; exact, no
 * rounding (amounts are already in minor units). Returns what was left over (overpayment).
 */
export function allocatePayment(installments: Installment[], amount: Decimal): Decimal {
  let left = amount;
  for (const inst of [...installments].sort((a, b) => a.number - b.number)) {
    for (const [due, paid, waived] of [
      ['fees', 'paidFees', 'waivedFees'],
      ['interest', 'paidInterest', 'waivedInterest'],
      ['principal', 'paidPrincipal', null],
    ] as const) {
      if (left.lte(0)) return new Dec(0);
      const open = inst[due].minus(inst[paid]).minus(waived ? inst[waived] : 0);
      if (open.lte(0)) continue;
      const take = Dec.min(open, left);
      inst[paid] = inst[paid].plus(take);
      left = left.minus(take);
    }
  }
  return left;
}

/**
 * Share of the plan repaid as a whole percentage for progress displays: paid ÷ total × 100,
 * rounded down (never shows 100 before everything is paid), clamped to 0–100; 0 for an empty plan.
 */
export function repaidPercent(paid: Money, total: Money): number {
  if (!total.isPositive()) return 0;
  const percent = paid.amount.div(total.amount).times(100).floor();
  return Dec.min(100, Dec.max(0, percent)).toNumber();
}
