import { InMemoryCache } from '@apollo/client';

// Apollo needs the members of interfaces and unions to match fragments on them (`... on Customer`
// inside `me: Account`); generated from the schema, so they cannot drift from it.
import { POSSIBLE_TYPES } from './possible-types';

/**
 * The normalized cache shared by the app and its tests.
 *
 * `planBalanceChanged` returns an InstallmentPlan with the same fields as the plans query, so
 * normalizing by `id` lets every event update the cards without any hand-written cache code.
 */
export function createCache(): InMemoryCache {
  return new InMemoryCache({
    possibleTypes: POSSIBLE_TYPES as Record<string, string[]>,
    typePolicies: {
      Customer: { keyFields: ['id'] },
      StaffUser: { keyFields: ['id'] },
      InstallmentPlan: { keyFields: ['id'] },
      Installment: { keyFields: ['id'] },
      Payment: { keyFields: ['id'] },
      // Money is a value object without an id: never normalize it, and let a newer amount
      // replace the old one in place instead of warning about lost cache data.
      Money: { keyFields: false, merge: true },
      // Consents have no id of their own; they live inside their customer.
      Consent: { keyFields: false },
    },
  });
}
