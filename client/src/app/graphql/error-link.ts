import { CombinedGraphQLErrors, CombinedProtocolErrors, ErrorLike } from '@apollo/client';
import { ErrorLink } from '@apollo/client/link/error';

/** What the error link needs from the rest of the app; injected so tests can fake it. */
export interface ErrorLinkHooks {
  /** Called once per failed operation whose errors include UNAUTHENTICATED. */
  unauthenticated(): void;
  /** Called for every other failure (network, GraphQL or protocol). */
  failed(operationName: string, error: ErrorLike): void;
}

function isUnauthenticated(error: ErrorLike): boolean {
  const errors =
    CombinedGraphQLErrors.is(error) || CombinedProtocolErrors.is(error) ? error.errors : [];
  return errors.some((graphQLError) => graphQLError.extensions?.['code'] === 'UNAUTHENTICATED');
}

/**
 * The one place that reacts to failed operations. Components still receive the error and
 * render their own error state; this link only routes session expiry and reports the rest.
 */
export function createErrorLink(hooks: ErrorLinkHooks): ErrorLink {
  return new ErrorLink(({ error, operation }) => {
    if (isUnauthenticated(error)) {
      hooks.unauthenticated();
      return;
    }
    hooks.failed(operation.operationName ?? 'anonymous operation', error);
  });
}
