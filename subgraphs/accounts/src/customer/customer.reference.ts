import type { AccountsContext } from '../context';
import { CustomerType } from './customer.type';

/** `_entities` for Customer: batched through the request's DataLoader (one SELECT for N ids). */
export const customerReference = {
  Customer: {
    async __resolveReference(
      reference: { id: string },
      context: AccountsContext,
    ): Promise<CustomerType | null> {
      const customer = await context.customers.byId.load(reference.id);
      return customer ? CustomerType.from(customer) : null;
    },
  },
};
