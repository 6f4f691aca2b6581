import type { GraphQLSchema } from 'graphql';
import { buildSubgraphSchema } from '../../shared/graphql/build-subgraph-schema';
import { CustomerResolver } from './customer/customer.resolver';
import { PrivacyResolver } from './privacy/privacy.resolver';
import { customerReference } from './customer/customer.reference';
import { identityResolvers } from './identity/identity-context';
import type { AccountsContext } from './context';

/** The accounts subgraph schema (Federation 2). */
export function buildAccountsSchema(): Promise<GraphQLSchema> {
  return buildSubgraphSchema({
    resolvers: [CustomerResolver, PrivacyResolver, ...identityResolvers],
    references: customerReference,
    container: ({ context }) => (context as AccountsContext).container,
    validate: true,
  });
}
