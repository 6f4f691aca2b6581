import { LocalDate } from '../../../shared/dates/local-date';
import { Dec } from '../../../shared/money/money';
import { parsePlanTerms, planStateToJson, replayPlan } from '../engine';
import {
  planEventLog,
  utcCalendarDate,
  type AppliedPaymentRecord,
  type AppliedWaiverRecord,
} from './plan-events';
import { StoredPlanStatus, type InstallmentPlan } from './plan.entity';

/**
 * Makes the stored paid and waived amounts of a plan with terms the engine's replay of its event
 * log (payments and applied waivers), so the
 * figures the portal shows are exactly what `explain`, `schedule` and `payoffQuote` explain:
 * allocation by the plan's waterfall, money paid before a due date held as credit until then,
 * anything beyond the whole plan kept as credit. The replay runs at the later of the business date
 * and the last payment's date, so a payment is never left pending. Only an ACTIVE plan becomes
 * PAID_OFF (a written-off plan stays written off when recoveries pay it). `installments` must be
 * loaded.
 */
export function storeReplayedState(
  plan: InstallmentPlan,
  payments: readonly AppliedPaymentRecord[],
  today: string,
  waivers: readonly AppliedWaiverRecord[] = [],
): void {
  if (!plan.terms) throw new Error(`plan ${plan.id} has no terms to replay`);
  const terms = parsePlanTerms(plan.terms);
  const businessDate = payments
    .map((p) => utcCalendarDate(p.appliedAt))
    .reduce((latest, date) => (date.isAfter(latest) ? date : latest), LocalDate.parse(today));
  const state = planStateToJson(
    replayPlan(terms, planEventLog(terms, payments, waivers), businessDate),
  );
  const rows = new Map(plan.installments.getItems().map((row) => [row.number, row]));
  for (const replayed of state.installments) {
    const row = rows.get(replayed.number);
    // payments carry no reschedule, so the replay keeps the stored rows; a missing row is a bug
    if (!row)
      throw new Error(
        `replay of plan ${plan.id} produced installment ${replayed.number}, which is not stored`,
      );
    row.paidPrincipal = new Dec(replayed.paid.principal);
    row.paidInterest = new Dec(replayed.paid.interest);
    row.paidFees = new Dec(replayed.paid.fees);
    row.waivedInterest = new Dec(replayed.waived.interest);
    row.waivedFees = new Dec(replayed.waived.fees);
  }
  plan.creditBalance = new Dec(state.credit).plus(state.overpaid);
  if (state.status === 'PAID_OFF' && plan.status === StoredPlanStatus.ACTIVE)
    plan.status = StoredPlanStatus.PAID_OFF;
}
