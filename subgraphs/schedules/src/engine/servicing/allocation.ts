import type { AllocationOrder, Component } from '../terms.types';
import { outstanding, type AllocationStep, type InstallmentState } from './plan-state';

/**
 * Applies `amount` units to the outstanding components of `rows` (oldest first) and returns the
 * steps and what is left. COMPONENT_THEN_DUE_DATE pays each component across all rows before the
 * next component (default: penalties → fees → interest → principal); DUE_DATE_THEN_COMPONENT
 * clears each installment in component order before the next installment.
 */
export function allocate(
  amount: bigint,
  rows: readonly InstallmentState[],
  order: AllocationOrder,
  components: readonly Component[],
): { steps: AllocationStep[]; left: bigint } {
  const steps: AllocationStep[] = [];
  let left = amount;
  const pay = (row: InstallmentState, component: Component) => {
    if (left === 0n) return;
    const open = outstanding(row, component);
    if (open <= 0n) return;
    const part = open < left ? open : left;
    row.paid[component] += part;
    left -= part;
    steps.push({ installmentNumber: row.number, component, amount: part });
  };
  if (order === 'COMPONENT_THEN_DUE_DATE') {
    for (const component of components) for (const row of rows) pay(row, component);
  } else {
    for (const row of rows) for (const component of components) pay(row, component);
  }
  return { steps, left };
}
