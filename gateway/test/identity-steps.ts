import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { post } from './attack-harness';
import { sessionCookieOf, type SystemFixture } from './system-fixture';

/** The token in a `name=value` session cookie. */
export const sessionToken = (cookie: string): string => cookie.slice(cookie.indexOf('=') + 1);

/** The token of the newest mailed link `/<page>#token=…` sent to `to` (file mailer in the log dir). */
export function mailedToken(fx: SystemFixture, to: string, page: string): string {
  const dir = fx.mailDir;
  const messages = readdirSync(dir)
    .sort()
    .reverse()
    .map(
      (file) =>
        JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as { to: string; text: string },
    );
  const text = messages.find((m) => m.to === to && m.text.includes(`/${page}#token=`))?.text;
  const token = text && new RegExp(`/${page}#token=([\\w-]+)`).exec(text)?.[1];
  if (!token) throw new Error(`no ${page} mail to ${to}`);
  return token;
}

/**
 * Invites a customer as `adminCookie` (the customer may exist already without a login), accepts
 * the mailed invitation with `password` and returns the new session cookie.
 */
export async function acceptInvitation(
  fx: SystemFixture,
  adminCookie: string,
  name: string,
  email: string,
  password = 'a-long-enough-passphrase-2026',
): Promise<string> {
  const invited = await post(
    fx.system.gatewayUrl,
    {
      query: 'mutation($i: InviteCustomerInput!) { inviteCustomer(input: $i) { __typename } }',
      variables: { i: { name, email, locale: 'en-US' } },
    },
    { cookie: adminCookie },
  );
  const outcome = (invited.body.data as { inviteCustomer?: { __typename: string } } | undefined)
    ?.inviteCustomer?.__typename;
  if (outcome !== 'CustomerInvited')
    throw new Error(`invite failed: ${JSON.stringify(invited.body)}`);
  const response = await fetch(`${fx.system.gatewayUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation($i: AcceptInviteInput!) { acceptInvite(input: $i) { __typename } }',
      variables: { i: { token: mailedToken(fx, email, 'accept-invite'), password } },
    }),
  });
  const cookie = sessionCookieOf(response);
  if (!cookie) throw new Error(`accepting the invitation failed: ${await response.text()}`);
  return cookie;
}
