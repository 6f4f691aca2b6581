import type { GraphQLSchema } from 'graphql';
import { buildSubgraphSchema } from '../../shared/graphql/build-subgraph-schema';
import {
  CustomerPaymentsResolver,
  PaymentResolver,
  PlanPaymentsResolver,
} from './payment/payment.resolver';
import { paymentReferences } from './payment/payment.reference';
import type { PaymentsContext } from './context';
import { CustomerRef } from './payment/payment.type';

/** The payments subgraph schema (Federation 2). */
export function buildPaymentsSchema(): Promise<GraphQLSchema> {
  return buildSubgraphSchema({
    resolvers: [PaymentResolver, PlanPaymentsResolver, CustomerPaymentsResolver],
    references: paymentReferences,
    container: ({ context }) => (context as PaymentsContext).container,
    // Customer is reachable from no field here, only extended: list it so it is emitted
    orphanedTypes: [CustomerRef],
    validate: true,
  });
}
