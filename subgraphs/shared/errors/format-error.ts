import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';

/**
 * One place that masks unexpected errors: GraphQLErrors (our DomainErrors, validation and parse
 * errors) pass through; anything else reaches the client as INTERNAL. The cause is logged with the
 * request id by the request-logging plugin, which (unlike formatError) sees the request context.
 */
export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
): GraphQLFormattedError {
  if (unwrapResolverError(error) instanceof GraphQLError) return formatted;
  return {
    message: 'Internal server error',
    path: formatted.path,
    extensions: { code: 'INTERNAL' },
  };
}
