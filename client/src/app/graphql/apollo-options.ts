import { DOCUMENT, inject } from '@angular/core';
import { ApolloClient, ApolloLink } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition } from '@apollo/client/utilities';
import { HttpLink } from 'apollo-angular/http';
import { OperationTypeNode } from 'graphql';
import { createClient } from 'graphql-ws';

import { Session } from '../session/session';
import { createCache } from './apollo-cache';
import { createErrorLink } from './error-link';
import { createTrustedDocumentLink } from './trusted-document-link';

/** The gateway serves HTTP and graphql-ws on the same same-origin path. */
const GRAPHQL_PATH = '/graphql';

/** `ws(s)://<this host>/graphql`, so the socket follows the page's scheme and host. */
export function webSocketUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}${GRAPHQL_PATH}`;
}

function isSubscription(operation: ApolloLink.Operation): boolean {
  const definition = getMainDefinition(operation.query);
  return (
    definition.kind === 'OperationDefinition' &&
    definition.operation === OperationTypeNode.SUBSCRIPTION
  );
}

/**
 * Apollo client options for `provideApollo(() => apolloOptions())`; runs in an injection
 * context. Subscriptions go over graphql-ws (the gateway never accepts them over HTTP),
 * queries and mutations over HTTP.
 */
export function apolloOptions(): ApolloClient.Options {
  const session = inject(Session);
  const location = inject(DOCUMENT).location;

  const http = inject(HttpLink).create({ uri: GRAPHQL_PATH });
  const webSocket = new GraphQLWsLink(
    createClient({
      url: webSocketUrl(location),
      lazy: true,
      // The gateway may restart under us; keep retrying (graphql-ws backs off exponentially).
      retryAttempts: 20,
      shouldRetry: () => true,
    }),
  );
  const errors = createErrorLink({
    unauthenticated: () => session.signInRequired(),
    failed: (operationName, error) => session.reportFailure(operationName, error),
  });

  return {
    link: ApolloLink.from([
      errors,
      createTrustedDocumentLink(),
      ApolloLink.split(isSubscription, webSocket, http),
    ]),
    cache: createCache(),
  };
}
