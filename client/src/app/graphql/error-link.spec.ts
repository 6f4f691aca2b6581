import { ApolloClient, ApolloLink, gql, InMemoryCache } from '@apollo/client';
import { of } from 'rxjs';

import { createErrorLink, ErrorLinkHooks } from './error-link';

const PING = gql`
  query Ping {
    ping
  }
`;

/** A client whose terminating link answers every operation with `result`. */
function clientAnswering(hooks: ErrorLinkHooks, result: ApolloLink.Result): ApolloClient {
  return new ApolloClient({
    cache: new InMemoryCache(),
    link: ApolloLink.from([createErrorLink(hooks), new ApolloLink(() => of(result))]),
  });
}

describe('createErrorLink', () => {
  let hooks: jasmine.SpyObj<ErrorLinkHooks>;

  beforeEach(() => {
    hooks = jasmine.createSpyObj<ErrorLinkHooks>('hooks', ['unauthenticated', 'failed']);
  });

  it('routes an UNAUTHENTICATED error to the sign-in hook and reports nothing else', async () => {
    const client = clientAnswering(hooks, {
      errors: [{ message: 'Sign in first', extensions: { code: 'UNAUTHENTICATED' } }],
    });

    await expectAsync(client.query({ query: PING })).toBeRejected();

    expect(hooks.unauthenticated).toHaveBeenCalledTimes(1);
    expect(hooks.failed).not.toHaveBeenCalled();
  });

  it('reports any other failure with the operation name', async () => {
    const client = clientAnswering(hooks, {
      errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
    });

    await expectAsync(client.query({ query: PING })).toBeRejected();

    expect(hooks.unauthenticated).not.toHaveBeenCalled();
    expect(hooks.failed).toHaveBeenCalledOnceWith('Ping', jasmine.any(Error));
  });

  it('stays silent when the operation succeeds', async () => {
    const client = clientAnswering(hooks, { data: { ping: 'pong' } });

    await client.query({ query: PING });

    expect(hooks.unauthenticated).not.toHaveBeenCalled();
    expect(hooks.failed).not.toHaveBeenCalled();
  });
});
