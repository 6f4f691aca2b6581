import type { GraphQLFormattedError } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { IDENTITY_HEADER, identityKey, signIdentity } from '../auth/identity-header';
import type { Viewer } from '../auth/viewer';
import { SERVICE_SECRET_HEADER } from '../server/service-secret';
import type { SingleResult } from '../server/subgraph-server';

/** One subscription over a subgraph's WebSocket, as the gateway opens it for `viewer`. */
export interface TestSubscription<T> {
  /**
   * The next result (errors included), 'TIMEOUT' when none arrives within `timeoutMs` (a later
   * call keeps waiting for the same one), or 'ENDED' when the server completed the subscription.
   */
  next(timeoutMs?: number): Promise<SingleResult<T> | 'TIMEOUT' | 'ENDED'>;
  close(): Promise<void>;
}

/**
 * A graphql-ws client that connects to a subgraph like the gateway does: the service secret and
 * the viewer signed with the identity key in `connectionParams`.
 */
export function subgraphWsClient(port: number, serviceSecret: string, viewer: Viewer): Client {
  return createClient({
    url: `ws://127.0.0.1:${port}/graphql`,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: true,
    connectionParams: () => ({
      [SERVICE_SECRET_HEADER]: serviceSecret,
      [IDENTITY_HEADER]: signIdentity(viewer, identityKey(serviceSecret)),
    }),
  });
}

/**
 * Subscribes and pulls results one at a time. An error the server sends as an `error` message
 * (the iterator throws the list of errors) comes back as a result with `errors`.
 */
export function subscribeOver<T>(
  client: Client,
  query: string,
  variables: Record<string, unknown>,
): TestSubscription<T> {
  const iterator = client.iterate<T>({ query, variables });
  let pending: Promise<SingleResult<T> | 'ENDED'> | null = null;
  const pull = (): Promise<SingleResult<T> | 'ENDED'> =>
    iterator.next().then(
      (result) => (result.done ? 'ENDED' : (result.value as SingleResult<T>)),
      // graphql-ws rejects with the errors of an `error` message: report them as a result
      (errors: unknown) => ({ errors: errors as GraphQLFormattedError[] }),
    );
  return {
    next: async (timeoutMs = 2_000) => {
      pending ??= pull();
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'TIMEOUT'>((resolve) => {
        timer = setTimeout(() => resolve('TIMEOUT'), timeoutMs);
      });
      const result = await Promise.race([pending, timeout]);
      clearTimeout(timer);
      if (result === 'TIMEOUT') return result;
      pending = null;
      return result;
    },
    close: async () => {
      await iterator.return?.();
      await client.dispose();
    },
  };
}
