import { ApolloClient, ApolloLink, gql, InMemoryCache, ServerError } from '@apollo/client';
import { of, throwError } from 'rxjs';

import { createErrorLink, ErrorLinkHooks, isStepUpRequired } from './error-link';

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

describe('createErrorLink on expired sessions and step-up', () => {
  let hooks: jasmine.SpyObj<ErrorLinkHooks>;

  beforeEach(() => {
    hooks = jasmine.createSpyObj<ErrorLinkHooks>('hooks', ['unauthenticated', 'failed']);
  });

  it("treats the gateway's HTTP 401 for a dead session cookie as UNAUTHENTICATED", async () => {
    const client = new ApolloClient({
      cache: new InMemoryCache(),
      link: ApolloLink.from([
        createErrorLink(hooks),
        new ApolloLink(() =>
          throwError(
            () =>
              new ServerError('Response not successful: Received status code 401', {
                response: new Response('', { status: 401 }),
                bodyText: '',
              }),
          ),
        ),
      ]),
    });

    await expectAsync(client.query({ query: PING })).toBeRejected();

    expect(hooks.unauthenticated).toHaveBeenCalledTimes(1);
    expect(hooks.failed).not.toHaveBeenCalled();
  });

  it('leaves STEP_UP_REQUIRED to the StepUp service instead of reporting it', async () => {
    const client = clientAnswering(hooks, {
      errors: [
        {
          message: 'Confirm with your authenticator code',
          extensions: { code: 'FORBIDDEN', reason: 'STEP_UP_REQUIRED' },
        },
      ],
    });

    const failure = await client.query({ query: PING }).catch((error: unknown) => error);

    expect(isStepUpRequired(failure)).toBeTrue();
    expect(hooks.unauthenticated).not.toHaveBeenCalled();
    expect(hooks.failed).not.toHaveBeenCalled();
  });
});
