import type { AccountsContext } from '../context';
import { CustomerType } from './customer.type';
import { requireRead } from '../../../shared/auth/policy';

/** `_entities` for Customer (customers see only themselves): batched through the request's DataLoader (one SELECT for N ids). */
export const customerReference = {
  Customer: {
    async __resolveReference(
      reference: { id: string },
      context: AccountsContext,
    ): Promise<CustomerType | null> {
      requireRead(context.viewer, reference.id, 'customers:read');
      const customer = await context.customers.byId.load(reference.id);
      return customer ? CustomerType.from(customer) : null;
    },
  },
};
