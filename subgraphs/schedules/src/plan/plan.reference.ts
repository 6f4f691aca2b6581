import type { SchedulesContext } from '../context';
import { CustomerRef, PlanType } from './plan.type';

/** `_entities` resolvers: plans batched through the request's DataLoader; Customer is a key stub. */
export const planReferences = {
  InstallmentPlan: {
    async __resolveReference(
      reference: { id: string },
      context: SchedulesContext,
    ): Promise<PlanType | null> {
      const plan = await context.plans.byId.load(reference.id);
      return plan ? PlanType.from(plan, context.plans.today()) : null;
    },
  },
  Customer: {
    __resolveReference(reference: { id: string }): CustomerRef {
      return CustomerRef.of(reference.id);
    },
  },
};
