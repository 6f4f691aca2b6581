import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { silentLogger } from '../../subgraphs/shared/testing/subgraph-harness';
import { loadConfig } from '../src/config';
import { createGateway, type Gateway } from '../src/gateway';
import { startSystemFixture, type SystemFixture } from './system-fixture';
import { post, subgraphCounter } from './attack-harness';

describe('gateway hardening: refused before any subgraph is called', { timeout: 300_000 }, () => {
  let fx: SystemFixture;
  let production: Gateway;
  let productionUrl: string;
  let settledRequests: () => Promise<number>;
  let refused: ReturnType<typeof subgraphCounter>['refused'];

  before(async () => {
    fx = await startSystemFixture();
    ({ settled: settledRequests, refused } = subgraphCounter(fx));
    const urls = fx.system.urls;
    production = createGateway(
      loadConfig({
        NODE_ENV: 'production',
        // arbitrary documents allowed here, so introspection itself is what gets refused
        TRUSTED_DOCUMENTS: 'optional',
        SERVICE_SECRET: 'development-only-service-secret-change-me',
        ACCOUNTS_URL: `${urls.accounts}/graphql`,
        SCHEDULES_URL: `${urls.schedules}/graphql`,
        PAYMENTS_URL: `${urls.payments}/graphql`,
      }),
      silentLogger(),
    );
    productionUrl = `http://127.0.0.1:${await production.listen(0)}`;
  });

  after(async () => {
    await production?.stop();
    await fx?.stop();
  });

  it('refuses a query deeper than 10', async () => {
    const deep = `{ me { ... on Customer { plans { customer { plans { customer { plans { customer { plans { customer { plans { customer { id } } } } } } } } } } } } }`;
    await refused(() => post(fx.system.gatewayUrl, { query: deep }), /depth/i);
  });

  it('refuses more than 15 aliases', async () => {
    const aliases = Array.from({ length: 16 }, (_, i) => `a${i}: me { id }`).join(' ');
    await refused(() => post(fx.system.gatewayUrl, { query: `{ ${aliases} }` }), /alias/i);
  });

  it('refuses more than 10 directives', async () => {
    const directives = Array.from({ length: 11 }, () => '@include(if: true)').join(' ');
    await refused(
      () => post(fx.system.gatewayUrl, { query: `{ me ${directives} { id } }` }),
      /directive/i,
    );
  });

  it('refuses a token flood', async () => {
    const fields = Array.from({ length: 3100 }, () => 'id').join(' ');
    await refused(() => post(fx.system.gatewayUrl, { query: `{ me { ${fields} } }` }), /token/i);
  });

  it('refuses an operation over the cost budget', async () => {
    const plans =
      'plans { installments { number dueDate principal interest fees total paidTotal status } payments { id amount currency status createdAt } }';
    const aliases = Array.from(
      { length: 15 },
      (_, i) => `c${i}: customers(first: 100) { edges { node { ${plans} } } }`,
    ).join(' ');
    await refused(() => post(fx.system.gatewayUrl, { query: `{ ${aliases} }` }), /cost/i);
  });

  it('refuses batched operations', async () => {
    await refused(
      () => post(fx.system.gatewayUrl, [{ query: '{ me { id } }' }, { query: '{ me { id } }' }]),
      /./,
    );
  });

  it('refuses a request body over 100 kB', async () => {
    await refused(
      () => post(fx.system.gatewayUrl, { query: `{ me { id } } # ${'x'.repeat(120_000)}` }),
      /limited to/,
    );
  });

  it('requires a CSRF header on requests a browser sends without preflight', async () => {
    const before = await settledRequests();
    const get = await fetch(
      `${fx.system.gatewayUrl}/graphql?query=${encodeURIComponent('{ me { id } }')}`,
      { headers: { accept: 'application/json' } },
    );
    assert.equal(get.status, 403);
    const form = await fetch(`${fx.system.gatewayUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'query=%7B%20me%20%7B%20id%20%7D%20%7D',
    });
    assert.equal(form.status, 403);
    assert.equal(await settledRequests(), before);
    const allowed = await fetch(
      `${fx.system.gatewayUrl}/graphql?query=${encodeURIComponent('{ me { id } }')}`,
      {
        headers: { accept: 'application/json', 'x-graphql-csrf': '1' },
      },
    );
    assert.equal(allowed.status, 200);
  });

  it('refuses a WebSocket from another origin and accepts one from its own', async () => {
    const url = `${fx.system.gatewayUrl.replace('http', 'ws')}/graphql`;
    const open = (origin: string) =>
      new Promise<string>((resolve) => {
        const socket = new WebSocket(url, 'graphql-transport-ws', { origin });
        socket.once('open', () => {
          socket.close();
          resolve('open');
        });
        socket.once('unexpected-response', (_req, res) => resolve(`refused ${res.statusCode}`));
        socket.once('error', () => resolve('error'));
      });
    assert.match(await open('https://evil.example'), /^refused 40\d$/);
    assert.equal(await open(fx.system.gatewayUrl), 'open');
  });

  it('sends security headers on the portal and the API', async () => {
    for (const target of [`${fx.system.gatewayUrl}/plans`, `${fx.system.gatewayUrl}/graphql`]) {
      const response = await fetch(target, {
        method: target.endsWith('graphql') ? 'POST' : 'GET',
        headers: { accept: 'text/html', 'content-type': 'application/json' },
        body: target.endsWith('graphql') ? '{"query":"{ __typename }"}' : undefined,
      });
      const csp = response.headers.get('content-security-policy') ?? '';
      assert.match(csp, /script-src 'self'(;|$)/, target);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.match(response.headers.get('strict-transport-security') ?? '', /max-age=31536000/);
      assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
      assert.match(response.headers.get('permissions-policy') ?? '', /camera=\(\)/);
      assert.equal(response.headers.get('x-powered-by'), null);
    }
  });

  it('in production: no introspection, no field suggestions, no GraphiQL', async () => {
    const introspection = await post(productionUrl, { query: '{ __schema { types { name } } }' });
    assert.ok(introspection.body.errors?.length, JSON.stringify(introspection.body));
    assert.equal(introspection.body.data ?? null, null);
    const typo = await post(productionUrl, { query: '{ mee { id } }' });
    assert.doesNotMatch(JSON.stringify(typo.body), /Did you mean/);
    assert.notEqual(
      (await fetch(`${productionUrl}/graphiql`, { headers: { accept: 'text/html' } })).status,
      200,
    );
    const development = await post(fx.system.gatewayUrl, { query: '{ mee { id } }' });
    assert.match(JSON.stringify(development.body), /Did you mean/);
  });

  it('still answers ordinary queries from the portal', async () => {
    const result = await post(
      fx.system.gatewayUrl,
      {
        query: '{ me { name ... on Customer { plans { title outstandingBalance { amount } } } } }',
      },
      { cookie: fx.customerCookie },
    );
    assert.equal(result.status, 200);
    assert.equal(result.body.errors, undefined);
    assert.equal((result.body.data as { me: { plans: unknown[] } }).me.plans.length, 3);
  });
});
