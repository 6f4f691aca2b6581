/** Signing in through the gateway as a browser would (tests, benchmarks, scripts). */
import { totpCodeAt } from '../subgraphs/accounts/src/mfa/totp';

/** The `name=value` part of the session cookie a response sets, or null. */
export const sessionCookieOf = (response: Response): string | null =>
  response.headers
    .getSetCookie()
    .find((c) => c.startsWith('__Host-installa_session=') && !/Max-Age=0/.test(c))
    ?.split(';')[0] ?? null;

/** `signIn` (and `verifyMfa` with a fresh TOTP code) through the gateway; returns the cookie. */
export async function signInThroughGateway(
  gatewayUrl: string,
  email: string,
  password: string,
  totpSecret?: string,
): Promise<string> {
  const call = async (query: string, variables: Record<string, unknown>, cookie?: string) => {
    const response = await fetch(`${gatewayUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: Record<string, { __typename: string }> };
    return { cookie: sessionCookieOf(response), body };
  };
  const first = await call(
    'mutation($input: SignInInput!) { signIn(input: $input) { __typename } }',
    { input: { email, password } },
  );
  const outcome = first.body.data?.signIn.__typename;
  if (outcome === 'SignedIn' && first.cookie) return first.cookie;
  if (outcome !== 'MfaRequired' || !totpSecret || !first.cookie)
    throw new Error(`sign-in of ${email} failed: ${JSON.stringify(first.body)}`);
  const code = await totpCodeAt(totpSecret, new Date());
  const second = await call(
    'mutation($input: VerifyMfaInput!) { verifyMfa(input: $input) { __typename } }',
    { input: { code } },
    first.cookie,
  );
  if (second.body.data?.verifyMfa.__typename !== 'SignedIn' || !second.cookie)
    throw new Error(`MFA of ${email} failed: ${JSON.stringify(second.body)}`);
  return second.cookie;
}
