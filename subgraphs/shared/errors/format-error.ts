import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Logger } from 'pino';

/**
 * One place that masks unexpected errors: GraphQLErrors (our DomainErrors, validation and parse
 * errors) pass through; anything else is logged with its cause and returned as INTERNAL.
 */
export function createFormatError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof GraphQLError) return formatted;
    logger.error({ err: original, path: formatted.path }, 'unexpected error in resolver');
    return {
      message: 'Internal server error',
      path: formatted.path,
      extensions: { code: 'INTERNAL' },
    };
  };
}
