import type { LocalDate } from '../../../../shared/dates/local-date';
import { amortize } from '../amortize';
import { formatUnits } from '../amount-scale';
import { installmentFees, sumFees } from '../fees';
import { buildPeriods, type Period } from '../periods';
import { Ratio } from '../ratio';
import { multipleUnits } from '../schedule';
import type { PlanTerms } from '../terms.types';
import {
  versionRows,
  zeroAmounts,
  type InstallmentState,
  type PlanState,
  type ScheduleVersion,
} from './plan-state';

/** Why the rest of a schedule is re-amortised, and with what. */
export interface RebuildRequest {
  readonly reason: Exclude<ScheduleVersion['reason'], 'ORIGINAL' | 'PAYOFF'>;
  readonly eventId: string;
  readonly date: LocalDate;
  /** Index of the first installment to rebuild (its due date is after `date`). */
  readonly fromIndex: number;
  /** Principal to amortise over the rebuilt installments (units). */
  readonly principal: bigint;
  /** Interest units already earned in the first rebuilt period (mid-period prepayment). */
  readonly carriedInterest?: Ratio;
  /** RESCHEDULE: new terms (rate, count) the periods are rebuilt from. */
  readonly terms?: PlanTerms;
  readonly notes: readonly string[];
}

/**
 * Re-amortises installments from `fromIndex` on: REDUCE_TERM keeps the installment and drops
 * installments at the end; REDUCE_INSTALLMENT and RESCHEDULE keep the count (or the new count) and
 * compute a new installment. Payments already on those rows (principal prepayments) stay; scheduled
 * fees are recomputed; charges from events stay. Records a schedule version.
 */
export function rebuildFuture(state: PlanState, request: RebuildRequest): void {
  const terms = request.terms ?? state.terms;
  const before = state.installments.slice(request.fromIndex);
  const periods = periodsFor(state, request, terms);
  const isFlat = terms.interestMethod === 'FLAT';
  const keepTerm = request.reason === 'PREPAYMENT_REDUCE_TERM';
  const fixed = keepTerm
    ? isFlat
      ? before[0].due.PRINCIPAL - before[0].paid.PRINCIPAL
      : state.installmentAmount
    : undefined;
  const result = amortize({
    scale: state.scale,
    periods: isFlat ? periods.map((p) => ({ ...p, rate: Ratio.ZERO })) : periods,
    principal: request.principal,
    amortization: isFlat ? 'EQUAL_PRINCIPAL' : terms.amortization,
    interestMethod: isFlat ? 'NONE' : terms.interestMethod,
    graceCount: Math.max(0, terms.principalGracePeriods - request.fromIndex),
    multiple: multipleUnits(terms, state.scale),
    balanceLastInstallment: terms.rounding.balanceLastInstallment,
    fixedInstallment: fixed,
    firstPeriodExtraInterest: request.carriedInterest,
  });
  const previousCount = state.installments.length;
  const previousAmount = state.installmentAmount;
  const rebuilt = result.rows.map((row, index) => {
    const target = before[index] ?? newInstallment(row.period);
    target.number = row.period.number;
    target.dueDate = row.period.dueDate;
    target.period = row.period;
    target.openingBalance = row.openingBalance;
    target.exactInterest = row.exactInterest;
    target.carriedInterest = index === 0 ? (request.carriedInterest ?? null) : null;
    target.due.PRINCIPAL = row.principal + target.paid.PRINCIPAL;
    target.due.INTEREST =
      (isFlat ? (before[index]?.due.INTEREST ?? 0n) : row.interest) + target.paid.INTEREST;
    target.scheduledFees = installmentFees(
      terms.fees,
      { ...row, number: row.period.number },
      state.scale,
    );
    return target;
  });
  const dropped = before.slice(rebuilt.length);
  const last = rebuilt[rebuilt.length - 1];
  for (const row of dropped) last.chargedFees.push(...row.chargedFees);
  for (const row of rebuilt) {
    row.due.FEE =
      sumFees(row.scheduledFees) + row.chargedFees.reduce((sum, fee) => sum + fee.amount, 0n);
    if (row.waived.FEE > row.due.FEE) row.waived.FEE = row.due.FEE;
  }
  state.installments = [...state.installments.slice(0, request.fromIndex), ...rebuilt];
  if (!keepTerm) state.installmentAmount = result.installment;
  const money = (units: bigint) => formatUnits(units, state.scale);
  state.versions.push({
    version: state.versions.length + 1,
    reason: request.reason,
    eventId: request.eventId,
    effectiveDate: request.date,
    installmentAmount: state.installmentAmount,
    rows: versionRows(state.installments),
    changes: [
      ...request.notes,
      `installments ${previousCount} → ${state.installments.length}`,
      `installment amount ${money(previousAmount)} → ${money(state.installmentAmount)}`,
    ],
  });
}

function periodsFor(state: PlanState, request: RebuildRequest, terms: PlanTerms): Period[] {
  if (request.terms) return buildPeriods(terms).slice(request.fromIndex);
  return state.installments.slice(request.fromIndex).map((row) => row.period);
}

function newInstallment(period: Period): InstallmentState {
  return {
    number: period.number,
    dueDate: period.dueDate,
    period,
    openingBalance: 0n,
    exactInterest: null,
    due: zeroAmounts(),
    paid: zeroAmounts(),
    waived: zeroAmounts(),
    scheduledFees: [],
    chargedFees: [],
    penalties: [],
    lateFeeChecked: false,
    carriedInterest: null,
  };
}
