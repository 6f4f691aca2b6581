import type { EntityManager } from '@mikro-orm/postgresql';
import { LocalDate } from '../../../shared/dates/local-date';
import { Money, minorDigits } from '../../../shared/money/money';
import { MoneyType } from '../../../shared/money/money.type';
import { parsePlanTerms, planStateToJson, replayPlan } from '../engine';
import { engineCall } from '../plan/engine-call';
import { planTotals } from '../plan/plan-balance';
import { planEventLog } from '../plan/plan-events';
import { storeReplayedState } from '../plan/plan-replay';
import { AppliedPayment, StoredPlanStatus, type InstallmentPlan } from '../plan/plan.entity';
import { appliedWaivers, waiverRecord } from './applied-waivers';
import {
  ServicingActionKind,
  ServicingActionStatus,
  type ServicingAction,
} from './servicing-action.entity';
import {
  AmountExceedsOutstanding,
  InstallmentNotFound,
  PlanNotServiceable,
  outcome,
} from './servicing-action.results';
import { splitWaiver } from './waiver-lines';

/** Why an action cannot apply to its plan now, as the union member the UI renders. */
export type ApplyRefusal = AmountExceedsOutstanding | PlanNotServiceable | InstallmentNotFound;

const notServiceable = (message: string) =>
  outcome(PlanNotServiceable, 'PLAN_NOT_SERVICEABLE', message);

/** CHECK: only say whether the action could apply now; APPLY: make it take effect. */
export type ApplyMode = 'CHECK' | 'APPLY';

/**
 * Makes an action take effect on its plan (locked by the caller, installments loaded), on the
 * business date `today`, or says why it cannot. Nothing is changed when it is refused or when
 * `mode` is CHECK.
 * - WAIVER: split over the installments by the engine's replay of the plan at `today` (amount
 *   at most what is outstanding), then the stored balances become the replay with the waiver
 *   added, exactly as payments store them: stored = replay holds after every change.
 * - WRITE_OFF: a charge-off, not forgiveness: the plan becomes WRITTEN_OFF and the action records
 *   what was outstanding; the event log and balances are untouched (later payments are
 *   recoveries and still apply). The engine has no principal waiver, and forgiving a debt is a
 *   separate decision (a waiver).
 */
export async function applyAction(
  em: EntityManager,
  action: ServicingAction,
  plan: InstallmentPlan,
  today: string,
  mode: ApplyMode,
): Promise<ApplyRefusal | null> {
  if (plan.status !== StoredPlanStatus.ACTIVE)
    return notServiceable(`The plan is ${plan.status.toLowerCase().replace('_', ' ')}.`);
  const refusal =
    action.kind === ServicingActionKind.WAIVER
      ? await applyWaiver(em, action, plan, today, mode)
      : writeOff(action, plan, mode);
  if (refusal || mode === 'CHECK') return refusal;
  action.status = ServicingActionStatus.APPLIED;
  action.appliedOn = today;
  return null;
}

async function applyWaiver(
  em: EntityManager,
  action: ServicingAction,
  plan: InstallmentPlan,
  today: string,
  mode: ApplyMode,
): Promise<ApplyRefusal | null> {
  const stored = plan.terms;
  if (!stored)
    return notServiceable('The plan was opened without terms: the engine cannot service it.');
  if (!action.component || !action.amount) throw new Error(`waiver ${action.id} has no amount`);
  const terms = engineCall('terms', () => parsePlanTerms(stored));
  const payments = await em.find(AppliedPayment, { plan });
  const waivers = await appliedWaivers(em, plan.id);
  const state = engineCall('', () =>
    replayPlan(terms, planEventLog(terms, payments, waivers), LocalDate.parse(today)),
  );
  const digits = minorDigits(plan.currency);
  const split = splitWaiver(
    planStateToJson(state).installments,
    action.component,
    action.installmentNumber,
    action.amount,
    digits,
  );
  if (split.kind === 'NO_SUCH_INSTALLMENT')
    return outcome(InstallmentNotFound, 'INSTALLMENT_NOT_FOUND', 'No such installment.', {
      installmentNumber: action.installmentNumber ?? 0,
    });
  if (split.kind === 'EXCEEDS_OUTSTANDING') {
    const outstanding = Money.of(split.outstanding.toFixed(digits), plan.currency);
    return outcome(
      AmountExceedsOutstanding,
      'AMOUNT_EXCEEDS_OUTSTANDING',
      `Only ${outstanding.toFixed()} ${plan.currency} is outstanding.`,
      { outstanding: MoneyType.from(outstanding) },
    );
  }
  if (mode === 'CHECK') return null;
  action.waiverLines = split.lines;
  action.appliedOn = today;
  storeReplayedState(plan, payments, today, [...waivers, waiverRecord(action)]);
  return null;
}

function writeOff(
  action: ServicingAction,
  plan: InstallmentPlan,
  mode: ApplyMode,
): ApplyRefusal | null {
  const { outstanding } = planTotals(plan, plan.installments.getItems());
  if (outstanding.isZero()) return notServiceable('Nothing is outstanding to write off.');
  if (mode === 'CHECK') return null;
  action.amount = outstanding.amount;
  plan.status = StoredPlanStatus.WRITTEN_OFF;
  return null;
}
