import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import pg from 'pg';
import WebSocket from 'ws';
import { identityKey, signIdentity } from '../../subgraphs/shared/auth/identity-header';
import { customerViewer } from '../../subgraphs/shared/auth/viewer';
import { SERVICE_SECRET_HEADER } from '../../subgraphs/shared/server/service-secret';
import { totpCodeAt } from '../../subgraphs/accounts/src/mfa/totp';
import { DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD } from '../../scripts/seed';
import { startSystemFixture, subscribe, type SystemFixture } from './system-fixture';
import { post, subgraphCounter, type Body } from './attack-harness';
import { acceptInvitation, sessionToken } from './identity-steps';
import { hostileOperations } from './injection-operations';
import path from 'node:path';
import { silentLogger } from '../../subgraphs/shared/testing/subgraph-harness';
import { loadConfig } from '../src/config';
import { createGateway, type Gateway } from '../src/gateway';
import { loadManifest } from '../src/trusted-documents';
import { ROOT } from '../../scripts/system';
import { getIntrospectionQuery, type IntrospectionQuery } from 'graphql';

const DEV_SECRET = 'development-only-service-secret-change-me';
const PLAN_QUERY = 'query($id: ID!) { plan(id: $id) { id outstandingBalance { amount } } }';

const codes = (body: Body) => (body.errors ?? []).map((e) => e.extensions?.code);

describe('hostile clients against the running system', { timeout: 300_000 }, () => {
  let fx: SystemFixture;
  let counter: ReturnType<typeof subgraphCounter>;
  let db: pg.Client;
  let admin: string;
  let customerB: string;
  let aPlan: string;
  let aPayment: string;
  let aCustomer: string;
  const extraGateways: Gateway[] = [];
  const gateway = () => fx.system.gatewayUrl;
  const as = (cookie: string | null, query: string, variables: Record<string, unknown> = {}) =>
    post(gateway(), { query, variables }, cookie ? { cookie } : {});

  before(async () => {
    fx = await startSystemFixture();
    counter = subgraphCounter(fx);
    db = new pg.Client({ connectionString: fx.db.url });
    await db.connect();
    admin = await fx.signIn(DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD, fx.adminTotpSecret);
    customerB = await acceptInvitation(fx, admin, 'Kenji Sato', 'kenji.sato@installa.test');
    const me = await as(
      fx.customerCookie,
      '{ me { id ... on Customer { plans { id payments { id } } } } }',
    );
    const data = me.body.data as {
      me: { id: string; plans: { id: string; payments: { id: string }[] }[] };
    };
    aCustomer = data.me.id;
    const paid = data.me.plans.find((p) => p.payments.length > 0)!;
    aPlan = paid.id;
    aPayment = paid.payments[0]!.id;
  });

  after(async () => {
    await Promise.all(extraGateways.map((g) => g.stop()));
    await db?.end();
    await fx?.stop();
  });

  describe('dead credentials are refused at the gateway', () => {
    it('refuses a forged session cookie with 401 and clears it', async () => {
      const sent = await counter.refused(
        () => as(`__Host-installa_session=${'f'.repeat(43)}`, PLAN_QUERY, { id: aPlan }),
        /UNAUTHENTICATED/,
      );
      assert.equal(sent.status, 401);
      assert.match(sent.headers.get('set-cookie') ?? '', /__Host-installa_session=; Max-Age=0/);
    });

    it('refuses a session idle for longer than 15 minutes', async () => {
      const cookie = await fx.signIn('demo@installa.test', 'demo-password-123');
      await db.query(
        `update accounts.session set last_seen_at = now() - interval '16 minutes' where token_hash = $1`,
        [createHash('sha256').update(sessionToken(cookie)).digest('hex')],
      );
      await counter.refused(() => as(cookie, '{ me { id } }'), /UNAUTHENTICATED/);
    });

    it('refuses a session past its absolute lifetime even while in use', async () => {
      const cookie = await fx.signIn('demo@installa.test', 'demo-password-123');
      await db.query(
        `update accounts.session set absolute_expires_at = now() - interval '1 second' where token_hash = $1`,
        [createHash('sha256').update(sessionToken(cookie)).digest('hex')],
      );
      await counter.refused(() => as(cookie, '{ me { id } }'), /UNAUTHENTICATED/);
    });

    it('refuses a session after sign-out', async () => {
      const cookie = await fx.signIn('demo@installa.test', 'demo-password-123');
      const out = await as(cookie, 'mutation { signOut }');
      assert.equal((out.body.data as { signOut: boolean }).signOut, true);
      assert.match(out.headers.get('set-cookie') ?? '', /Max-Age=0/);
      await counter.refused(() => as(cookie, '{ me { id } }'), /UNAUTHENTICATED/);
    });

    it('refuses the old session after signing in again from it (rotation)', async () => {
      const old = await fx.signIn('demo@installa.test', 'demo-password-123');
      const again = await post(
        gateway(),
        {
          query: 'mutation($i: SignInInput!) { signIn(input: $i) { __typename } }',
          variables: { i: { email: 'demo@installa.test', password: 'demo-password-123' } },
        },
        { cookie: old },
      );
      assert.equal(
        (again.body.data as { signIn: { __typename: string } }).signIn.__typename,
        'SignedIn',
      );
      await counter.refused(() => as(old, '{ me { id } }'), /UNAUTHENTICATED/);
    });

    it('refuses a forged API key', async () => {
      await counter.refused(
        () =>
          post(
            gateway(),
            { query: '{ me { id } }' },
            { authorization: `Bearer ik_abcdefgh_${'x'.repeat(43)}` },
          ),
        /UNAUTHENTICATED/,
      );
    });

    it('refuses a revoked API key', async () => {
      const created = await as(
        admin,
        'mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret apiKey { id } } }',
        {
          i: {
            name: 'hostile test',
            scopes: ['PLANS_READ'],
            expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
          },
        },
      );
      const { secret, apiKey } = (
        created.body.data as { createApiKey: { secret: string; apiKey: { id: string } } }
      ).createApiKey;
      const bearer = { authorization: `Bearer ${secret}` };
      const allowed = await post(
        gateway(),
        { query: PLAN_QUERY, variables: { id: aPlan } },
        bearer,
      );
      assert.equal(allowed.body.errors, undefined, JSON.stringify(allowed.body));
      await as(
        admin,
        'mutation($i: RevokeApiKeyInput!) { revokeApiKey(input: $i) { __typename } }',
        {
          i: { id: apiKey.id },
        },
      );
      await counter.refused(
        () => post(gateway(), { query: PLAN_QUERY, variables: { id: aPlan } }, bearer),
        /UNAUTHENTICATED/,
      );
    });

    it('closes a WebSocket whose cookie is forged before any subscription', async () => {
      const before = await counter.settled();
      const code = await new Promise<number>((resolve) => {
        const socket = new WebSocket(
          `${gateway().replace('http', 'ws')}/graphql`,
          'graphql-transport-ws',
          {
            headers: { cookie: `__Host-installa_session=${'f'.repeat(43)}` },
          },
        );
        socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init' })));
        socket.on('close', (closeCode) => resolve(closeCode));
      });
      assert.equal(code, 4403);
      assert.equal(await counter.settled(), before);
    });
  });

  describe('nothing bypasses the gateway', () => {
    const direct = (headers: Record<string, string>) =>
      post(
        fx.system.urls.schedules as string,
        { query: PLAN_QUERY, variables: { id: aPlan } },
        headers,
      );
    const signed = (at = Date.now(), key = identityKey(DEV_SECRET)) =>
      signIdentity(customerViewer(aCustomer), key, at);

    it('refuses a subgraph call without the service secret', async () => {
      await counter.refused(() => direct({ 'x-installa-identity': signed() }), /UNAUTHENTICATED/);
    });

    it('refuses a subgraph call with the secret but no signed identity', async () => {
      await counter.refused(
        () => direct({ [SERVICE_SECRET_HEADER]: DEV_SECRET }),
        /UNAUTHENTICATED/,
      );
    });

    it('refuses an identity signed with another key (forged)', async () => {
      await counter.refused(
        () =>
          direct({
            [SERVICE_SECRET_HEADER]: DEV_SECRET,
            'x-installa-identity': signed(
              Date.now(),
              identityKey('an-attacker-guessed-this-secret'),
            ),
          }),
        /UNAUTHENTICATED/,
      );
    });

    it('refuses a replayed identity older than a minute', async () => {
      await counter.refused(
        () =>
          direct({
            [SERVICE_SECRET_HEADER]: DEV_SECRET,
            'x-installa-identity': signed(Date.now() - 120_000),
          }),
        /UNAUTHENTICATED/,
      );
    });

    it('closes a subgraph WebSocket that carries no identity', async () => {
      const code = await new Promise<number>((resolve) => {
        const socket = new WebSocket(
          `${(fx.system.urls.schedules as string).replace('http', 'ws')}/graphql`,
          'graphql-transport-ws',
        );
        socket.on('open', () =>
          socket.send(
            JSON.stringify({
              type: 'connection_init',
              payload: { [SERVICE_SECRET_HEADER]: DEV_SECRET },
            }),
          ),
        );
        socket.on('close', (closeCode) => resolve(closeCode));
      });
      assert.equal(code, 4403);
    });
  });

  describe('second factor and lockout', () => {
    it('accepts a TOTP code once: the same code is refused on the next sign-in', async () => {
      const signInAdmin = async () => {
        const response = await fetch(`${gateway()}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            query: 'mutation($i: SignInInput!) { signIn(input: $i) { __typename } }',
            variables: { i: { email: DEMO_ADMIN_EMAIL, password: DEMO_ADMIN_PASSWORD } },
          }),
        });
        return response.headers.getSetCookie()[0]!.split(';')[0]!;
      };
      const code = await totpCodeAt(fx.adminTotpSecret, new Date());
      const verify = (cookie: string) =>
        as(cookie, 'mutation($i: VerifyMfaInput!) { verifyMfa(input: $i) { __typename } }', {
          i: { code },
        });
      const first = await verify(await signInAdmin());
      const second = await verify(await signInAdmin());
      const outcome = (sent: typeof first) =>
        (sent.body.data as { verifyMfa: { __typename: string } }).verifyMfa.__typename;
      // the first may have been used by the fixture's own admin sign-in within this 30 s step
      assert.equal(outcome(second), 'InvalidMfaCode');
      assert.ok(['SignedIn', 'InvalidMfaCode'].includes(outcome(first)));
    });

    it('locks an account after 10 wrong passwords, even against the right one', async () => {
      const layla = 'layla.alsabah@installa.test';
      await acceptInvitation(fx, admin, 'Layla Al-Sabah', layla, 'layla-long-password-2026');
      const attempt = async (password: string) =>
        (
          (
            await as(
              null,
              'mutation($i: SignInInput!) { signIn(input: $i) { __typename ... on AccountLocked { code retryAfterSeconds } } }',
              {
                i: { email: layla, password },
              },
            )
          ).body.data as {
            signIn: { __typename: string; retryAfterSeconds?: number; code?: string };
          }
        ).signIn;
      const outcomes = [];
      for (let i = 0; i < 10; i += 1) {
        outcomes.push((await attempt(`wrong-password-${i}-xyz`)).__typename);
        // the growing delay between failures (1, 2, 4 … s) has passed, as for a patient attacker
        await db.query(
          `update accounts.sign_in_throttle set last_failed_at = last_failed_at - interval '1 hour'`,
        );
      }
      assert.ok(
        outcomes.every((o) => o === 'InvalidCredentials'),
        outcomes.join(),
      );
      const locked = await attempt('layla-long-password-2026');
      assert.equal(locked.__typename, 'AccountLocked');
      assert.equal(locked.code, 'ACCOUNT_LOCKED');
      assert.ok(
        (locked.retryAfterSeconds ?? 0) >= 29 * 60,
        `locked for ${locked.retryAfterSeconds} s`,
      );
    });
  });

  describe("customer B cannot reach customer A's data (IDOR)", () => {
    const forbidden = async (query: string, variables: Record<string, unknown>) => {
      const sent = await as(customerB, query, variables);
      assert.deepEqual(codes(sent.body), ['FORBIDDEN'], JSON.stringify(sent.body));
      assert.equal(JSON.stringify(sent.body.data ?? null).includes(aPlan), false);
    };

    it('plan', () => forbidden(PLAN_QUERY, { id: aPlan }));
    it('payment', () =>
      forbidden('query($id: ID!) { payment(id: $id) { amount } }', { id: aPayment }));
    it('customer', () =>
      forbidden('query($id: ID!) { customer(id: $id) { name email } }', { id: aCustomer }));
    it('payoff quote', () =>
      forbidden(
        'query($id: ID!) { payoffQuote(planId: $id, goodThrough: "2030-01-01") { total } }',
        { id: aPlan },
      ));

    it('recordPayment on the plan, and the balance stays', async () => {
      const before = await as(fx.customerCookie, PLAN_QUERY, { id: aPlan });
      await forbidden(
        'mutation($i: RecordPaymentInput!) { recordPayment(input: $i) { __typename } }',
        { i: { planId: aPlan, amount: '1.00', currency: 'USD', idempotencyKey: 'hostile-b-1' } },
      );
      assert.deepEqual((await as(fx.customerCookie, PLAN_QUERY, { id: aPlan })).body, before.body);
    });

    it("revokeSession of A's session id", async () => {
      const sessions = await as(fx.customerCookie, '{ mySessions { id isCurrent } }');
      const current = (
        sessions.body.data as { mySessions: { id: string; isCurrent: boolean }[] }
      ).mySessions.find((s) => s.isCurrent)!;
      const sent = await as(
        customerB,
        'mutation($i: RevokeSessionInput!) { revokeSession(input: $i) { __typename } }',
        {
          i: { id: current.id },
        },
      );
      assert.equal(
        (sent.body.data as { revokeSession: { __typename: string } }).revokeSession.__typename,
        'SessionNotFound',
      );
      assert.equal((await as(fx.customerCookie, '{ me { id } }')).status, 200);
    });

    it('_entities straight to the subgraph with B signed as the viewer', async () => {
      const me = await as(customerB, '{ me { id } }');
      const bId = (me.body.data as { me: { id: string } }).me.id;
      const sent = await post(
        fx.system.urls.schedules as string,
        {
          query:
            'query($r: [_Any!]!) { _entities(representations: $r) { ... on InstallmentPlan { id title } } }',
          variables: { r: [{ __typename: 'InstallmentPlan', id: aPlan }] },
        },
        {
          [SERVICE_SECRET_HEADER]: DEV_SECRET,
          'x-installa-identity': signIdentity(customerViewer(bId), identityKey(DEV_SECRET)),
        },
      );
      assert.equal(
        JSON.stringify(sent.body.data).includes('title'),
        false,
        JSON.stringify(sent.body),
      );
      assert.ok(codes(sent.body).includes('FORBIDDEN'), JSON.stringify(sent.body));
    });

    it("the balance subscription of A's plan", async () => {
      const events = subscribe(
        fx.wsClient(customerB),
        'subscription($id: ID!) { planBalanceChanged(planId: $id) { id } }',
        {
          id: aPlan,
        },
      );
      const first = await events.next(5_000);
      assert.deepEqual(
        first.errors?.map((e) => (e.extensions as { code?: string })?.code),
        ['FORBIDDEN'],
      );
    });

    it('staff-only lists', async () => {
      await forbidden('{ customers(first: 5) { edges { node { id } } } }', {});
    });
  });

  describe('anonymous callers', () => {
    it('cannot read a plan or record a payment', async () => {
      assert.deepEqual(codes((await as(null, PLAN_QUERY, { id: aPlan })).body), [
        'UNAUTHENTICATED',
      ]);
      const pay = await as(
        null,
        'mutation($i: RecordPaymentInput!) { recordPayment(input: $i) { __typename } }',
        {
          i: { planId: aPlan, amount: '1.00', currency: 'USD', idempotencyKey: 'hostile-anon-1' },
        },
      );
      assert.deepEqual(codes(pay.body), ['UNAUTHENTICATED']);
    });

    it('cannot subscribe to a plan', async () => {
      const events = subscribe(
        fx.wsClient(null),
        'subscription($id: ID!) { planBalanceChanged(planId: $id) { id } }',
        {
          id: aPlan,
        },
      );
      const first = await events.next(5_000);
      assert.deepEqual(
        first.errors?.map((e) => (e.extensions as { code?: string })?.code),
        ['UNAUTHENTICATED'],
      );
    });
  });

  describe('hostile input', () => {
    it('refuses oversized strings with BAD_USER_INPUT and changes nothing', async () => {
      const big = 'x'.repeat(20_000);
      const signIn = await as(
        null,
        'mutation($i: SignInInput!) { signIn(input: $i) { __typename } }',
        {
          i: { email: `${big}@example.test`, password: big },
        },
      );
      assert.deepEqual(codes(signIn.body), ['BAD_USER_INPUT']);
      const invite = await as(
        admin,
        'mutation($i: InviteCustomerInput!) { inviteCustomer(input: $i) { __typename } }',
        {
          i: { name: big, email: 'big@example.test', locale: 'en-US' },
        },
      );
      assert.deepEqual(codes(invite.body), ['BAD_USER_INPUT']);
    });

    it('sets the session cookie __Host-, Secure, HttpOnly, SameSite=Lax and leaks no instruction header', async () => {
      const response = await fetch(`${gateway()}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: 'mutation($i: SignInInput!) { signIn(input: $i) { __typename } }',
          variables: { i: { email: 'demo@installa.test', password: 'demo-password-123' } },
        }),
      });
      const cookie = response.headers.getSetCookie().join('\n');
      assert.match(
        cookie,
        /^__Host-installa_session=[\w-]{43}; Max-Age=\d+; Path=\/; Secure; HttpOnly; SameSite=Lax$/,
      );
      assert.equal(response.headers.get('x-installa-session'), null);
    });

    it('refuses a cross-site form post of signIn (CSRF) before accounts', async () => {
      const before = await counter.settled();
      const response = await fetch(`${gateway()}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: JSON.stringify({
          query:
            'mutation { signIn(input: { email: "demo@installa.test", password: "demo-password-123" }) { __typename } }',
        }),
      });
      assert.equal(response.status, 403);
      assert.equal(response.headers.getSetCookie().length, 0);
      assert.equal(await counter.settled(), before);
    });
  });

  describe('gateway policies', () => {
    const gatewayOver = async (env: Record<string, string>) => {
      const urls = fx.system.urls;
      const instance = createGateway(
        loadConfig({
          SERVICE_SECRET: DEV_SECRET,
          ACCOUNTS_URL: `${urls.accounts}/graphql`,
          SCHEDULES_URL: `${urls.schedules}/graphql`,
          PAYMENTS_URL: `${urls.payments}/graphql`,
          RATE_LIMIT_NAMESPACE: `hostile-${process.pid}-${Date.now()}`,
          ...env,
        }),
        silentLogger(),
      );
      extraGateways.push(instance);
      return `http://127.0.0.1:${await instance.listen(0)}`;
    };

    it('in production runs only trusted documents for browser sessions, anything for API keys', async () => {
      const url = await gatewayOver({ NODE_ENV: 'production' });
      const manifest = loadManifest(path.join(ROOT, 'schema', 'trusted-documents.json'));
      const myPlans = [...manifest.entries()].find(([, doc]) => doc.startsWith('query MyPlans'))!;
      const before = await counter.settled();
      const arbitrary = await post(
        url,
        { query: '{ me { id email } }' },
        { cookie: fx.customerCookie },
      );
      assert.match(JSON.stringify(arbitrary.body), /PERSISTED_QUERY_ONLY|PersistedQueryOnly/);
      assert.equal(await counter.settled(), before, 'an untrusted document reached a subgraph');
      const trusted = await post(
        url,
        { extensions: { persistedQuery: { version: 1, sha256Hash: myPlans[0] } } },
        { cookie: fx.customerCookie },
      );
      assert.equal(trusted.body.errors, undefined, JSON.stringify(trusted.body));
      assert.ok((trusted.body.data as { me: { plans: unknown[] } }).me.plans.length > 0);
      const created = await as(
        admin,
        'mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret } }',
        {
          i: {
            name: 'trusted docs',
            scopes: ['PLANS_READ'],
            expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
          },
        },
      );
      const secret = (created.body.data as { createApiKey: { secret: string } }).createApiKey
        .secret;
      const machine = await post(
        url,
        { query: PLAN_QUERY, variables: { id: aPlan } },
        { authorization: `Bearer ${secret}` },
      );
      assert.equal(machine.body.errors, undefined, JSON.stringify(machine.body));
    });

    it('limits requests per signed-in user, whatever the address', async () => {
      const url = await gatewayOver({ RATE_LIMIT_PER_USER_PER_MINUTE: '3' });
      for (let i = 0; i < 3; i += 1)
        assert.equal(
          (await post(url, { query: '{ me { id } }' }, { cookie: customerB })).status,
          200,
        );
      const over = await counter.refused(
        () => post(url, { query: '{ me { id } }' }, { cookie: customerB }),
        /RATE_LIMITED/,
      );
      assert.equal(over.status, 429);
      assert.equal(
        (await post(url, { query: '{ me { id } }' }, { cookie: fx.customerCookie })).status,
        200,
      );
    });
  });

  // last: hostile codes count towards the demo customer's sign-in throttle
  describe('injection in every text input', () => {
    it('gets a typed refusal or outcome, never an internal error, and changes nothing', async () => {
      const introspection = (await as(fx.customerCookie, getIntrospectionQuery())).body
        .data as IntrospectionQuery;
      // these end the caller's own session by design; their inputs are ids checked elsewhere
      const operations = hostileOperations(introspection, ['signOut', 'eraseCustomer']);
      assert.ok(new Set(operations.map((o) => o.name)).size >= 20, 'most operations take text');
      const snapshot = () =>
        as(
          fx.customerCookie,
          '{ me { name ... on Customer { plans { id outstandingBalance { amount } payments { id } } } } }',
        );
      const before = (await snapshot()).body;
      const allowed = new Set([
        'BAD_USER_INPUT',
        'UNAUTHENTICATED',
        'FORBIDDEN',
        'NOT_FOUND',
        'CONFLICT',
      ]);
      for (const caller of [fx.customerCookie, null]) {
        for (const operation of operations) {
          const sent = await as(caller, operation.query, operation.variables);
          const text = JSON.stringify(sent.body);
          assert.ok(sent.status < 500, `${operation.name}: HTTP ${sent.status} ${text}`);
          for (const code of codes(sent.body))
            assert.ok(
              allowed.has(String(code)),
              `${operation.name}: ${code} ${text.slice(0, 300)}`,
            );
          assert.doesNotMatch(text, /\bat \S+ \(|stack|syntax error at or near/i, operation.name);
        }
      }
      assert.deepEqual((await snapshot()).body, before);
    });
  });
});
