import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import type { PubSub } from 'type-graphql';
import { AppliedPayment, InstallmentPlan, StoredPlanStatus } from '../plan/plan.entity';
import { allocatePayment, planTotals } from '../plan/plan-balance';
import { storeReplayedState } from '../plan/plan-replay';
import { appliedWaivers } from '../servicing-actions/applied-waivers';
import { parseDecimalString } from '../../../shared/money/decimal.scalar';
import type { EventHandler } from '../../../shared/events/inbox-receiver';
import type { Logger } from 'pino';

/** Topic sent by payments when a payment succeeded. */
export const PAYMENT_RECORDED = 'payment.recorded';
/** PubSub topic for one plan's balance changes. */
export const planBalanceTopic = (planId: string) => `PLAN_BALANCE_CHANGED:${planId}`;
/** What is published on a plan's balance topic. */
export interface PlanBalanceEvent {
  planId: string;
}

const paymentRecorded = z.object({
  paymentId: z.uuid(),
  planId: z.uuid(),
  amount: z.string(),
  currency: z.string().length(3),
});

/**
 * Applies a recorded payment to its plan: locks the plan row (concurrent payments for one plan
 * apply one after the other), then stores the engine's replay of all its payments and applied
 * waivers (plans with terms) or allocates oldest installment first, fees → interest → principal
 * (plans opened with an explicit schedule); marks an active plan paid off when nothing remains;
 * publishes after commit.
 */
export function paymentRecordedHandler(
  pubSub: PubSub,
  logger: Logger,
  today: () => string,
): EventHandler {
  return async (em: EntityManager, event) => {
    const payload = paymentRecorded.parse(event.payload);
    const amount = parseDecimalString(payload.amount);
    const plan = await em.findOne(
      InstallmentPlan,
      { id: payload.planId },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    if (!plan) {
      logger.warn(
        { planId: payload.planId, paymentId: payload.paymentId },
        'payment for unknown plan ignored',
      );
      return;
    }
    if (plan.currency !== payload.currency) {
      logger.error(
        { planId: plan.id, paymentId: payload.paymentId },
        'payment currency differs from plan; not applied',
      );
      return;
    }
    await em.populate(plan, ['installments']);
    const applied = new AppliedPayment(payload.paymentId, plan, amount);
    if (plan.terms) {
      // plans with terms: the engine's replay of every payment is the one source of paid amounts
      const earlier = await em.find(AppliedPayment, { plan });
      storeReplayedState(plan, [...earlier, applied], today(), await appliedWaivers(em, plan.id));
    } else {
      const leftover = allocatePayment(plan.installments.getItems(), amount);
      plan.creditBalance = plan.creditBalance.plus(leftover);
      const isRepaid = planTotals(plan, plan.installments.getItems()).outstanding.isZero();
      // a written-off plan stays written off when recoveries repay it, as with plans with terms
      if (isRepaid && plan.status === StoredPlanStatus.ACTIVE)
        plan.status = StoredPlanStatus.PAID_OFF;
    }
    em.persist(applied);
    await em.flush();
    return () => {
      const event: PlanBalanceEvent = { planId: plan.id };
      void pubSub.publish(planBalanceTopic(plan.id), event);
    };
  };
}
