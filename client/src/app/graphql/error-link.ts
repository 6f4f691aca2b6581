import {
  CombinedGraphQLErrors,
  CombinedProtocolErrors,
  ErrorLike,
  ServerError,
} from '@apollo/client';
import { ErrorLink } from '@apollo/client/link/error';

/** What the error link needs from the rest of the app; injected so tests can fake it. */
export interface ErrorLinkHooks {
  /** Called once per failed operation whose errors include UNAUTHENTICATED. */
  unauthenticated(): void;
  /** Called for every other failure (network, GraphQL or protocol). */
  failed(operationName: string, error: ErrorLike): void;
}

function graphQLErrors(error: unknown): readonly { extensions?: Record<string, unknown> }[] {
  return CombinedGraphQLErrors.is(error) || CombinedProtocolErrors.is(error) ? error.errors : [];
}

/**
 * The session is gone: an UNAUTHENTICATED error, or the gateway's HTTP 401 for a dead or
 * revoked cookie (that answer never reaches GraphQL, so it carries no error code).
 */
export function isUnauthenticated(error: unknown): boolean {
  if (ServerError.is(error) && error.statusCode === 401) return true;
  return graphQLErrors(error).some((e) => e.extensions?.['code'] === 'UNAUTHENTICATED');
}

/** The action needs a fresh authenticator code first (FORBIDDEN, reason STEP_UP_REQUIRED). */
export function isStepUpRequired(error: unknown): boolean {
  return graphQLErrors(error).some(
    (e) => e.extensions?.['code'] === 'FORBIDDEN' && e.extensions['reason'] === 'STEP_UP_REQUIRED',
  );
}

/**
 * The one place that reacts to failed operations. Components still receive the error and
 * render their own error state; this link only routes session expiry and reports the rest.
 * Step-up requests are expected answers that the StepUp service handles, so they are not
 * reported as failures.
 */
export function createErrorLink(hooks: ErrorLinkHooks): ErrorLink {
  return new ErrorLink(({ error, operation }) => {
    if (isUnauthenticated(error)) {
      hooks.unauthenticated();
      return;
    }
    if (isStepUpRequired(error)) return;
    hooks.failed(operation.operationName ?? 'anonymous operation', error);
  });
}
