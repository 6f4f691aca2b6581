import 'reflect-metadata';
import { buildSubgraphSchema as buildFederatedSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import type { GraphQLSchema } from 'graphql';
import { gql } from 'graphql-tag';
import {
  buildSchema,
  createResolversMap,
  type BuildSchemaOptions,
  type NonEmptyArray,
} from 'type-graphql';

/** Federation 2 directives our subgraphs may use. */
const FEDERATION_IMPORTS = [
  '@key',
  '@shareable',
  '@external',
  '@requires',
  '@provides',
  '@inaccessible',
];

export const FEDERATION_LINK =
  `extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", ` +
  `import: [${FEDERATION_IMPORTS.map((d) => `"${d}"`).join(', ')}])`;

/** Per-entity `__resolveReference` implementations, keyed by GraphQL type name. */
export type ReferenceResolvers = Record<
  string,
  { __resolveReference: (reference: { id: string }, context: never) => unknown }
>;

/**
 * Turns type-graphql resolvers into a Federation 2 subgraph schema (STACK.md trap 2):
 * build without the type-graphql check, print with directives, prepend the federation @link and
 * rebuild with @apollo/subgraph, merging the entity reference resolvers.
 */
export async function buildSubgraphSchema(
  options: Omit<BuildSchemaOptions, 'skipCheck' | 'resolvers'> & {
    resolvers: NonEmptyArray<Function>;
    references: ReferenceResolvers;
  },
): Promise<GraphQLSchema> {
  const { references, ...buildOptions } = options;
  const schema = await buildSchema({ ...buildOptions, skipCheck: true });
  const typeDefs = gql`
    ${FEDERATION_LINK}
    ${printSchemaWithDirectives(schema)}
  `;
  const resolvers = createResolversMap(schema) as GraphQLResolverMap<unknown>;
  for (const [typeName, reference] of Object.entries(references)) {
    resolvers[typeName] = {
      ...(resolvers[typeName] ?? {}),
      ...reference,
    } as GraphQLResolverMap<unknown>[string];
  }
  return buildFederatedSchema({ typeDefs, resolvers });
}
