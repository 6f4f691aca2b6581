import type { LocalDate } from '../../../../shared/dates/local-date';
import { formatUnits } from '../amount-scale';
import { Ratio } from '../ratio';
import { allocate } from './allocation';
import type { PrepaymentStrategy } from './events';
import { payoffBreakdown } from './payoff';
import {
  outstanding,
  versionRows,
  type InstallmentState,
  type PaymentRecord,
  type PlanState,
} from './plan-state';
import { rebuildFuture } from './rebuild';

/**
 * Applies a payment of `amount` units on `date`: first to everything due by then (allocation
 * order of the plan), then, for what is left: closes the plan if it covers the payoff amount;
 * else with a prepayment strategy pays principal and re-amortises the rest; else holds it as
 * credit for the next due dates. Money beyond the whole plan is recorded as overpaid.
 */
export function applyPayment(
  state: PlanState,
  record: PaymentRecord,
  strategy: PrepaymentStrategy | undefined,
): void {
  const { date } = record;
  const pool = record.amount + state.credit;
  state.credit = 0n;
  const due = state.installments.filter((row) => !row.dueDate.isAfter(date));
  const first = allocate(pool, due, state.terms.allocationOrder, state.terms.componentOrder);
  record.allocations.push(...first.steps);
  let left = first.left;
  const futureIndex = state.installments.findIndex((row) => row.dueDate.isAfter(date));
  const hasFuture =
    futureIndex >= 0 &&
    state.installments.slice(futureIndex).some((row) => outstanding(row, 'PRINCIPAL') > 0n);
  if (left > 0n && hasFuture) {
    const payoff = payoffBreakdown(state, date);
    if (left >= payoff.total) left = closePlan(state, record, futureIndex, left);
    else if (strategy) left = prepayPrincipal(state, record, futureIndex, left, strategy);
    else {
      state.credit = left;
      record.heldAsCredit = left;
      left = 0n;
    }
  }
  if (left > 0n) {
    state.overpaid += left;
    record.overpaid = left;
  }
  state.isPaidOff = state.installments.every(
    (row) => outstanding(row, 'PRINCIPAL') === 0n && outstanding(row, 'INTEREST') === 0n,
  );
}

function closePlan(
  state: PlanState,
  record: PaymentRecord,
  futureIndex: number,
  left: bigint,
): bigint {
  const payoff = payoffBreakdown(state, record.date);
  const future = state.installments.slice(futureIndex);
  for (const row of future) {
    const isRunning = payoff.accrued?.installmentNumber === row.number;
    row.due.INTEREST = isRunning ? payoff.accrued!.amount : row.paid.INTEREST + row.waived.INTEREST;
    if (row.due.INTEREST < row.paid.INTEREST + row.waived.INTEREST)
      row.due.INTEREST = row.paid.INTEREST + row.waived.INTEREST;
    const charged = row.chargedFees.reduce((sum, fee) => sum + fee.amount, 0n);
    row.scheduledFees = [];
    row.due.FEE = charged > row.paid.FEE + row.waived.FEE ? charged : row.paid.FEE + row.waived.FEE;
  }
  const step = allocate(left, future, 'DUE_DATE_THEN_COMPONENT', state.terms.componentOrder);
  record.allocations.push(...step.steps);
  state.versions.push({
    version: state.versions.length + 1,
    reason: 'PAYOFF',
    eventId: record.id,
    effectiveDate: record.date,
    installmentAmount: state.installmentAmount,
    rows: versionRows(state.installments),
    changes: [
      `paid off on ${record.date.toString()}: interest accrued to the date, later interest and scheduled fees cancelled`,
    ],
  });
  return step.left;
}

function prepayPrincipal(
  state: PlanState,
  record: PaymentRecord,
  futureIndex: number,
  left: bigint,
  strategy: PrepaymentStrategy,
): bigint {
  const future = state.installments.slice(futureIndex);
  const principalLeft = future.reduce((sum, row) => sum + outstanding(row, 'PRINCIPAL'), 0n);
  const prepaid = left < principalLeft ? left : principalLeft;
  const running = future[0];
  const carried = carriedInterest(running, prepaid, record.date);
  rebuildFuture(state, {
    reason: strategy === 'REDUCE_TERM' ? 'PREPAYMENT_REDUCE_TERM' : 'PREPAYMENT_REDUCE_INSTALLMENT',
    eventId: record.id,
    date: record.date,
    fromIndex: futureIndex,
    principal: principalLeft - prepaid,
    carriedInterest: carried,
    notes: [
      `principal prepaid ${formatUnits(prepaid, state.scale)} on ${record.date.toString()} (${record.id})`,
    ],
  });
  // The prepaid principal stays on the running installment as paid, so principal still sums to
  // the loan and the allocation can be shown.
  const row = state.installments[futureIndex];
  row.due.PRINCIPAL += prepaid;
  row.paid.PRINCIPAL += prepaid;
  record.allocations.push({
    installmentNumber: row.number,
    component: 'PRINCIPAL',
    amount: prepaid,
  });
  return left - prepaid;
}

// Interest the prepaid principal earned from the period start to the payment date:
// prepaid × r_k × elapsed/period days, plus what earlier prepayments in the period carried.
function carriedInterest(row: InstallmentState, prepaid: bigint, date: LocalDate): Ratio {
  const { start, dueDate, rate } = row.period;
  const periodDays = Math.max(1, start.daysUntil(dueDate));
  const elapsed = Math.min(periodDays, Math.max(0, start.daysUntil(date)));
  const earned = Ratio.of(prepaid)
    .times(rate)
    .times(Ratio.of(BigInt(elapsed), BigInt(periodDays)));
  return row.carriedInterest ? row.carriedInterest.plus(earned) : earned;
}
