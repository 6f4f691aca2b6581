import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';

interface ValidationErrorLike {
  property?: unknown;
  constraints?: unknown;
  children?: unknown;
}

/**
 * class-validator's errors (type-graphql puts them in `extensions.validationErrors`) carry the
 * whole input object (`target`) and the rejected `value`: a password or an email would go back to
 * the client and into every log that prints the error. Keep only which property broke which rule.
 */
function withoutInputValues(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const validationErrors = formatted.extensions?.validationErrors;
  if (!Array.isArray(validationErrors)) return formatted;
  const strip = (errors: ValidationErrorLike[]): object[] =>
    errors.map((e) => ({
      property: e.property,
      constraints: e.constraints,
      ...(Array.isArray(e.children) && e.children.length > 0
        ? { children: strip(e.children as ValidationErrorLike[]) }
        : {}),
    }));
  return {
    ...formatted,
    extensions: { ...formatted.extensions, validationErrors: strip(validationErrors) },
  };
}

/**
 * One place that masks unexpected errors: GraphQLErrors (our DomainErrors, validation and parse
 * errors) pass through, without the input values validation errors would echo; anything else
 * reaches the client as INTERNAL. The cause is logged with the request id by the request-logging
 * plugin, which (unlike formatError) sees the request context.
 */
export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
): GraphQLFormattedError {
  if (unwrapResolverError(error) instanceof GraphQLError) return withoutInputValues(formatted);
  return {
    message: 'Internal server error',
    path: formatted.path,
    extensions: { code: 'INTERNAL' },
  };
}
