import type { LocalDate } from '../../../../shared/dates/local-date';
import { roundUnits, toUnits } from '../amount-scale';
import { Ratio } from '../ratio';
import {
  outstanding,
  type InstallmentState,
  type PenaltyCharge,
  type PlanState,
} from './plan-state';

/** The first day a late fee can be assessed on a row: due date + grace days + 1. */
export const lateFeeDate = (row: InstallmentState, graceDays: number): LocalDate =>
  row.dueDate.addDays(graceDays + 1);

/**
 * Assesses the plan's late fee on `row` at `date` if principal, interest or fees of it are still
 * unpaid: fixed + percentOfOverdue % × overdue (rounded with the plan's rule), capped per
 * installment and by what is left of the per-plan cap. Marks the row checked either way.
 */
export function assessLateFee(
  state: PlanState,
  row: InstallmentState,
  date: LocalDate,
): PenaltyCharge | null {
  row.lateFeeChecked = true;
  const policy = state.terms.lateFee;
  if (!policy) return null;
  const overdue =
    outstanding(row, 'PRINCIPAL') + outstanding(row, 'INTEREST') + outstanding(row, 'FEE');
  if (overdue <= 0n) return null;
  const digits = state.scale.digits;
  let computed = policy.fixed ? toUnits(policy.fixed, digits) : 0n;
  if (policy.percentOfOverdue) {
    computed += roundUnits(
      Ratio.parse(policy.percentOfOverdue).times(Ratio.of(overdue, 100n)),
      state.scale,
    );
  }
  let charged = computed;
  let cappedBy: PenaltyCharge['cappedBy'] = 'NONE';
  if (policy.capPerInstallment) {
    const cap = toUnits(policy.capPerInstallment, digits) - row.due.PENALTY;
    if (charged > cap) [charged, cappedBy] = [cap, 'PER_INSTALLMENT'];
  }
  if (policy.capPerPlan) {
    const cap = toUnits(policy.capPerPlan, digits) - state.penaltiesCharged;
    if (charged > cap) [charged, cappedBy] = [cap, 'PER_PLAN'];
  }
  if (charged < 0n) charged = 0n;
  if (charged === 0n && computed === 0n) return null;
  const charge: PenaltyCharge = { date, overdue, computed, charged, cappedBy };
  row.penalties.push(charge);
  row.due.PENALTY += charged;
  state.penaltiesCharged += charged;
  return charge;
}
