import { requireSignedIn } from '../../../shared/auth/policy';
import type { PaymentsContext } from '../context';
import { CustomerRef, PaymentType, PlanRef } from './payment.type';

/**
 * `_entities`: payments batched through the request's DataLoader (one SQL statement for N) and
 * authorized one by one: a payment the viewer may not read resolves to null with a FORBIDDEN
 * error at its index, the others still resolve. Plan and customer are key stubs whose fields
 * check access themselves.
 */
export const paymentReferences = {
  Payment: {
    async __resolveReference(
      reference: { id: string },
      context: PaymentsContext,
    ): Promise<PaymentType | null> {
      const payment = await context.payments.find(reference.id);
      return payment ? PaymentType.from(payment) : null;
    },
  },
  InstallmentPlan: {
    __resolveReference: (reference: { id: string }, context: PaymentsContext) => {
      requireSignedIn(context.viewer);
      return PlanRef.of(reference.id);
    },
  },
  Customer: {
    __resolveReference: (reference: { id: string }, context: PaymentsContext) => {
      requireSignedIn(context.viewer);
      return CustomerRef.of(reference.id);
    },
  },
};
