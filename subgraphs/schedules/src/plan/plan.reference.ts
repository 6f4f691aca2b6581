import { requireSignedIn } from '../../../shared/auth/policy';
import type { SchedulesContext } from '../context';
import { CustomerRef, PlanType } from './plan.type';

/**
 * `_entities` resolvers. Each representation is authorized on its own: one the viewer may not
 * read resolves to null with a FORBIDDEN error at its index, the others still resolve, and the
 * plans are still batched through the request's DataLoader (one SQL statement for N).
 */
export const planReferences = {
  InstallmentPlan: {
    async __resolveReference(
      reference: { id: string },
      context: SchedulesContext,
    ): Promise<PlanType | null> {
      const plan = await context.access.find(reference.id);
      return plan ? PlanType.from(plan, context.plans.today()) : null;
    },
  },
  Customer: {
    // a key stub carries nothing but the id the caller sent; its fields check access themselves
    __resolveReference(reference: { id: string }, context: SchedulesContext): CustomerRef {
      requireSignedIn(context.viewer);
      return CustomerRef.of(reference.id);
    },
  },
};
