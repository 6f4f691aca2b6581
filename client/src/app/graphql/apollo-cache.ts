import { InMemoryCache } from '@apollo/client';

/**
 * The normalized cache shared by the app and its tests.
 *
 * `planBalanceChanged` returns an InstallmentPlan with the same fields as the plans query, so
 * normalizing by `id` lets every event update the cards without any hand-written cache code.
 */
export function createCache(): InMemoryCache {
  return new InMemoryCache({
    typePolicies: {
      Customer: { keyFields: ['id'] },
      InstallmentPlan: { keyFields: ['id'] },
      Installment: { keyFields: ['id'] },
      Payment: { keyFields: ['id'] },
      // Money is a value object without an id: never normalize it, and let a newer amount
      // replace the old one in place instead of warning about lost cache data.
      Money: { keyFields: false, merge: true },
    },
  });
}
