import type { PaymentsContext } from '../context';
import { CustomerRef, PaymentType, PlanRef } from './payment.type';

/** `_entities`: payments batched through the request's DataLoader; plan and customer are key stubs. */
export const paymentReferences = {
  Payment: {
    async __resolveReference(
      reference: { id: string },
      context: PaymentsContext,
    ): Promise<PaymentType | null> {
      const payment = await context.payments.byId.load(reference.id);
      return payment ? PaymentType.from(payment) : null;
    },
  },
  InstallmentPlan: { __resolveReference: (reference: { id: string }) => PlanRef.of(reference.id) },
  Customer: { __resolveReference: (reference: { id: string }) => CustomerRef.of(reference.id) },
};
