import type { LocalDate } from '../../../../shared/dates/local-date';
import { formatUnits } from '../amount-scale';
import { EngineError } from '../engine-error';
import type { PlanTerms } from '../terms.types';
import type { PlanEvent, PrepaymentStrategy } from './events';
import { daysPastDue, delinquencyBucket } from './payoff';
import {
  COMPONENTS,
  outstanding,
  outstandingTotal,
  type ComponentAmounts,
  type InstallmentState,
  type PlanState,
} from './plan-state';
import { replayPlan } from './replay';

type AmountsJson = { principal: string; interest: string; fees: string; penalties: string };

/** Status of an installment at the business date. */
export type InstallmentStatus = 'PAID' | 'OVERDUE' | 'DUE_TODAY' | 'PARTIALLY_PAID' | 'UPCOMING';

function installmentStatus(row: InstallmentState, businessDate: LocalDate): InstallmentStatus {
  if (outstandingTotal(row) === 0n) return 'PAID';
  if (row.dueDate.isBefore(businessDate)) return 'OVERDUE';
  if (row.dueDate.equals(businessDate)) return 'DUE_TODAY';
  const paid = COMPONENTS.some((c) => row.paid[c] > 0n);
  return paid ? 'PARTIALLY_PAID' : 'UPCOMING';
}

/**
 * The plan state as JSON with decimal strings (currency minor digits): installments with what is
 * due, paid, waived and outstanding per component; payments with their allocation; schedule
 * versions with what changed and why; delinquency at the business date.
 */
export function planStateToJson(state: PlanState) {
  const money = (units: bigint) => formatUnits(units, state.scale);
  const amounts = (a: ComponentAmounts): AmountsJson => ({
    principal: money(a.PRINCIPAL),
    interest: money(a.INTEREST),
    fees: money(a.FEE),
    penalties: money(a.PENALTY),
  });
  const sum = (pick: (row: InstallmentState) => bigint) =>
    state.installments.reduce((s, r) => s + pick(r), 0n);
  const dpd = daysPastDue(state);
  return {
    businessDate: state.businessDate.toString(),
    status: state.isPaidOff ? 'PAID_OFF' : dpd > 0 ? 'DELINQUENT' : 'ACTIVE',
    installmentAmount: money(state.installmentAmount),
    principalOutstanding: money(sum((r) => outstanding(r, 'PRINCIPAL'))),
    totalOutstanding: money(sum(outstandingTotal)),
    overdue: money(sum((r) => (r.dueDate.isBefore(state.businessDate) ? outstandingTotal(r) : 0n))),
    daysPastDue: dpd,
    delinquencyBucket: delinquencyBucket(dpd),
    credit: money(state.credit),
    overpaid: money(state.overpaid),
    penaltiesCharged: money(state.penaltiesCharged),
    installments: state.installments.map((row) => ({
      number: row.number,
      dueDate: row.dueDate.toString(),
      status: installmentStatus(row, state.businessDate),
      due: amounts(row.due),
      paid: amounts(row.paid),
      waived: amounts(row.waived),
      outstanding: money(outstandingTotal(row)),
    })),
    payments: state.payments.map((p) => ({
      id: p.id,
      date: p.date.toString(),
      amount: money(p.amount),
      status: p.status,
      reversedBy: p.reversedBy ?? null,
      prepayment: p.prepayment ?? null,
      heldAsCredit: money(p.heldAsCredit),
      overpaid: money(p.overpaid),
      allocations: p.allocations.map((s) => ({
        installmentNumber: s.installmentNumber,
        component: s.component,
        amount: money(s.amount),
      })),
    })),
    versions: state.versions.map((v) => ({
      version: v.version,
      reason: v.reason,
      eventId: v.eventId ?? null,
      effectiveDate: v.effectiveDate.toString(),
      installmentAmount: money(v.installmentAmount),
      installmentCount: v.rows.length,
      changes: [...v.changes],
    })),
    pendingEventIds: [...state.pendingEventIds],
  };
}

/**
 * What a payment would do, without recording it: replays the log plus the payment (id
 * "preview") and returns its allocation and the resulting state.
 */
export function paymentPreview(
  terms: PlanTerms,
  events: readonly PlanEvent[],
  businessDate: LocalDate,
  payment: { amount: string; date?: LocalDate; prepayment?: PrepaymentStrategy },
) {
  const date = payment.date ?? businessDate;
  if (date.isAfter(businessDate))
    throw new EngineError('date', 'must not be after the business date');
  const id = 'preview';
  if (events.some((e) => e.id === id)) throw new EngineError('events', 'id "preview" is reserved');
  const preview: PlanEvent = {
    type: 'PAYMENT',
    id,
    date,
    amount: payment.amount,
    prepayment: payment.prepayment,
  };
  const after = planStateToJson(replayPlan(terms, [...events, preview], businessDate));
  const applied = after.payments.find((p) => p.id === id);
  return { payment: applied ?? null, after };
}
