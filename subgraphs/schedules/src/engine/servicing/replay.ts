import type { LocalDate } from '../../../../shared/dates/local-date';
import { toUnits } from '../amount-scale';
import { EngineError } from '../engine-error';
import { Ratio } from '../ratio';
import { previewSchedule } from '../schedule';
import type { PlanTerms } from '../terms.types';
import { compareEvents, type PlanEvent } from './events';
import { assessLateFee, lateFeeDate } from './late-fee';
import { applyPayment } from './payment.apply';
import {
  installmentStates,
  outstanding,
  versionRows,
  type InstallmentState,
  type PaymentRecord,
  type PlanState,
} from './plan-state';
import { rebuildFuture } from './rebuild';
import { allocate } from './allocation';

/**
 * The plan state at `businessDate`: the deterministic replay of `events` from the original terms.
 * Events are applied in canonical order (date, kind, id), so any permutation of a valid log gives
 * the same state; a reversed payment is replayed as if it never happened; events dated after the
 * business date are pending. Late fees and credit sweeps happen on their dates in between.
 * Throws EngineError naming the event field for an invalid log.
 */
export function replayPlan(
  terms: PlanTerms,
  events: readonly PlanEvent[],
  businessDate: LocalDate,
): PlanState {
  validateLog(terms, events);
  const original = previewSchedule(terms);
  const state: PlanState = {
    terms,
    scale: original.scale,
    businessDate,
    original,
    installments: installmentStates(original),
    installmentAmount: original.installmentAmount,
    payments: [],
    versions: [],
    credit: 0n,
    overpaid: 0n,
    penaltiesCharged: 0n,
    isPaidOff: false,
    pendingEventIds: [],
  };
  state.versions.push({
    version: 1,
    reason: 'ORIGINAL',
    effectiveDate: terms.disbursementDate,
    installmentAmount: original.installmentAmount,
    rows: versionRows(state.installments),
    changes: ['original schedule'],
  });
  const effective = events.filter((event) => !event.date.isAfter(businessDate));
  state.pendingEventIds = events
    .filter((event) => event.date.isAfter(businessDate))
    .map((e) => e.id)
    .sort();
  const reversals = new Map<string, string>();
  for (const event of effective)
    if (event.type === 'REVERSAL') reversals.set(event.paymentId, event.id);
  const clock = { lastSweep: terms.disbursementDate };
  for (const event of [...effective].sort(compareEvents)) {
    advanceTo(state, clock, event.date);
    applyEvent(state, event, reversals, events.indexOf(event));
    if (event.type === 'PAYMENT') clock.lastSweep = event.date;
  }
  advanceTo(state, clock, businessDate);
  return state;
}

// Credit sweeps on due dates, then late fees from due + grace + 1, in date order up to `date`.
function advanceTo(state: PlanState, clock: { lastSweep: LocalDate }, date: LocalDate): void {
  const graceDays = state.terms.lateFee?.graceDays ?? 0;
  for (;;) {
    let next: { date: LocalDate; row: InstallmentState; kind: 'SWEEP' | 'LATE_FEE' } | null = null;
    for (const row of state.installments) {
      if (row.dueDate.isAfter(date)) break;
      if (state.credit > 0n && row.dueDate.isAfter(clock.lastSweep)) {
        if (!next || row.dueDate.isBefore(next.date))
          next = { date: row.dueDate, row, kind: 'SWEEP' };
      }
      const feeDate = lateFeeDate(row, graceDays);
      if (state.terms.lateFee && !row.lateFeeChecked && !feeDate.isAfter(date)) {
        if (!next || feeDate.isBefore(next.date)) next = { date: feeDate, row, kind: 'LATE_FEE' };
      }
    }
    if (!next) return;
    if (next.kind === 'LATE_FEE') assessLateFee(state, next.row, next.date);
    else sweepCredit(state, next.date, clock);
  }
}

function sweepCredit(state: PlanState, date: LocalDate, clock: { lastSweep: LocalDate }): void {
  clock.lastSweep = date;
  const due = state.installments.filter((row) => !row.dueDate.isAfter(date));
  const { left } = allocate(
    state.credit,
    due,
    state.terms.allocationOrder,
    state.terms.componentOrder,
  );
  state.credit = left;
  state.isPaidOff = state.installments.every(
    (row) => outstanding(row, 'PRINCIPAL') === 0n && outstanding(row, 'INTEREST') === 0n,
  );
}

function applyEvent(
  state: PlanState,
  event: PlanEvent,
  reversals: Map<string, string>,
  index: number,
): void {
  const units = (amount: string) => toUnits(amount, state.scale.digits);
  switch (event.type) {
    case 'DISBURSEMENT':
    case 'REVERSAL':
      return;
    case 'PAYMENT': {
      const reversedBy = reversals.get(event.id);
      const record: PaymentRecord = {
        id: event.id,
        date: event.date,
        amount: units(event.amount),
        status: reversedBy ? 'REVERSED' : 'APPLIED',
        prepayment: event.prepayment,
        allocations: [],
        heldAsCredit: 0n,
        overpaid: 0n,
        reversedBy,
      };
      state.payments.push(record);
      if (!reversedBy) applyPayment(state, record, event.prepayment);
      return;
    }
    case 'FEE': {
      const row = event.installmentNumber
        ? installment(state, event.installmentNumber, index)
        : (state.installments.find((r) => !r.dueDate.isBefore(event.date)) ??
          state.installments[state.installments.length - 1]);
      row.chargedFees.push({ eventId: event.id, name: event.name, amount: units(event.amount) });
      row.due.FEE += units(event.amount);
      return;
    }
    case 'WAIVER': {
      const row = installment(state, event.installmentNumber, index);
      const open = outstanding(row, event.component);
      const amount = event.amount ? units(event.amount) : open;
      if (amount > open)
        throw new EngineError(`events[${index}].amount`, 'is more than is outstanding');
      row.waived[event.component] += amount;
      return;
    }
    case 'RESCHEDULE':
      return reschedule(state, event, index);
  }
}

function reschedule(
  state: PlanState,
  event: PlanEvent & { type: 'RESCHEDULE' },
  index: number,
): void {
  const fromIndex = state.installments.findIndex((row) => row.dueDate.isAfter(event.date));
  if (fromIndex < 0)
    throw new EngineError(`events[${index}].date`, 'no installment is due after this date');
  const remaining = event.remainingInstallments ?? state.installments.length - fromIndex;
  const annualRatePercent = event.annualRatePercent ?? state.terms.annualRatePercent;
  const terms: PlanTerms = {
    ...state.terms,
    annualRatePercent,
    annualRate: Ratio.parse(annualRatePercent).div(Ratio.of(100n)),
    installmentCount: fromIndex + remaining,
  };
  const principal = state.installments
    .slice(fromIndex)
    .reduce((sum, row) => sum + outstanding(row, 'PRINCIPAL'), 0n);
  rebuildFuture(state, {
    reason: 'RESCHEDULE',
    eventId: event.id,
    date: event.date,
    fromIndex,
    principal,
    terms,
    notes: [`${event.reason}: rate ${state.terms.annualRatePercent}% → ${annualRatePercent}%`],
  });
}

function installment(state: PlanState, number: number, index: number): InstallmentState {
  const row = state.installments.find((r) => r.number === number);
  if (!row)
    throw new EngineError(
      `events[${index}].installmentNumber`,
      `installment ${number} does not exist`,
    );
  return row;
}

function validateLog(terms: PlanTerms, events: readonly PlanEvent[]): void {
  const ids = new Set<string>();
  const payments = new Map<string, LocalDate>();
  const reversed = new Set<string>();
  events.forEach((event, index) => {
    if (ids.has(event.id))
      throw new EngineError(`events[${index}].id`, `duplicate event id ${event.id}`);
    ids.add(event.id);
    if (event.date.isBefore(terms.disbursementDate)) {
      throw new EngineError(`events[${index}].date`, 'must not be before disbursementDate');
    }
    if (event.type === 'DISBURSEMENT' && !event.date.equals(terms.disbursementDate)) {
      throw new EngineError(`events[${index}].date`, 'must equal disbursementDate');
    }
    if (event.type === 'PAYMENT') payments.set(event.id, event.date);
  });
  events.forEach((event, index) => {
    if (event.type !== 'REVERSAL') return;
    const paid = payments.get(event.paymentId);
    if (!paid) throw new EngineError(`events[${index}].paymentId`, `no payment ${event.paymentId}`);
    if (reversed.has(event.paymentId))
      throw new EngineError(`events[${index}].paymentId`, 'payment already reversed');
    if (event.date.isBefore(paid))
      throw new EngineError(`events[${index}].date`, 'must not be before the payment');
    reversed.add(event.paymentId);
  });
}
