import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import path from 'node:path';
import pino from 'pino';
import { silentLogger } from '../../subgraphs/shared/testing/subgraph-harness';
import { loadConfig } from '../src/config';
import { createGateway, type Gateway } from '../src/gateway';
import { credentialsOf, SESSION_COOKIE, sessionCookie } from '../src/authentication';
import { sessionCookieFromSubgraph } from '../src/identity';
import type { IncomingMessage } from 'node:http';

const FIXTURES = path.join(__dirname, '..', '..', '..', 'gateway', 'test', 'fixtures');
const unreachable = 'http://127.0.0.1:9/graphql';

function gatewayWith(env: Record<string, string>): Gateway {
  return createGateway(
    loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      ACCOUNTS_URL: unreachable,
      SCHEDULES_URL: unreachable,
      PAYMENTS_URL: unreachable,
      ...env,
    }),
    silentLogger(),
  );
}

const typename = (url: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: '{ __typename }' }),
  });

describe('gateway edge: TLS, rate limits, credentials', () => {
  const gateways: Gateway[] = [];
  after(async () => {
    await Promise.all(gateways.map((g) => g.stop()));
  });

  it('serves HTTPS with the configured certificate and sends HSTS', async () => {
    const gateway = gatewayWith({
      TLS_CERT_FILE: path.join(FIXTURES, 'test-tls.crt'),
      TLS_KEY_FILE: path.join(FIXTURES, 'test-tls.key'),
    });
    gateways.push(gateway);
    const port = await gateway.listen(0);
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      httpsRequest(
        {
          host: '127.0.0.1',
          port,
          path: '/graphql?query=%7B__typename%7D',
          headers: { 'x-graphql-csrf': '1' },
          ca: readFileSync(path.join(FIXTURES, 'test-tls.crt')),
          servername: 'localhost',
        },
        resolve,
      )
        .on('error', reject)
        .end();
    });
    response.resume();
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['strict-transport-security']), /max-age=31536000/);
  });

  it('refuses half a TLS configuration and hardening off in production', () => {
    assert.throws(() => loadConfig({ TLS_CERT_FILE: 'x.crt' }), /TLS_CERT_FILE and TLS_KEY_FILE/);
    assert.throws(
      () =>
        loadConfig({
          NODE_ENV: 'production',
          SERVICE_SECRET: 'a-production-secret-of-enough-length',
          GATEWAY_HARDENING: 'off',
        }),
      /GATEWAY_HARDENING/,
    );
  });

  it('answers 429 with Retry-After once a client address is over its budget', async () => {
    const gateway = gatewayWith({ RATE_LIMIT_PER_IP_PER_MINUTE: '3' });
    gateways.push(gateway);
    const url = `http://127.0.0.1:${await gateway.listen(0)}`;
    for (let i = 0; i < 3; i += 1) assert.equal((await typename(url)).status, 200);
    const refused = await typename(url);
    assert.equal(refused.status, 429);
    assert.ok(Number(refused.headers.get('retry-after')) >= 1);
    const body = (await refused.json()) as { errors: { extensions: { code: string } }[] };
    assert.equal(body.errors[0]?.extensions.code, 'RATE_LIMITED');
  });

  it('shares the budget between instances through Redis when REDIS_URL is set', async () => {
    const redisUrl = process.env.REDIS_URL;
    const env = {
      RATE_LIMIT_PER_IP_PER_MINUTE: '4',
      // a budget of its own: other suites' gateways on this machine share the client address
      RATE_LIMIT_NAMESPACE: `edge-test-${process.pid}-${Date.now()}`,
      ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
    };
    const [a, b] = [gatewayWith(env), gatewayWith(env)];
    gateways.push(a, b);
    const urlA = `http://127.0.0.1:${await a.listen(0)}`;
    const urlB = `http://127.0.0.1:${await b.listen(0)}`;
    for (let i = 0; i < 2; i += 1) {
      assert.equal((await typename(urlA)).status, 200);
      assert.equal((await typename(urlB)).status, 200);
    }
    // with Redis the fifth request overall is over the shared budget; without, each has its own
    assert.equal((await typename(urlB)).status, redisUrl ? 429 : 200);
  });

  it('answers 503 (not anonymous access) when accounts cannot check a presented cookie', async () => {
    const gateway = gatewayWith({});
    gateways.push(gateway);
    const url = `http://127.0.0.1:${await gateway.listen(0)}`;
    const response = await typename(url, { cookie: `${SESSION_COOKIE}=${'a'.repeat(43)}` });
    assert.equal(response.status, 503);
    assert.equal((await typename(url)).status, 200, 'no credentials: anonymous is fine');
  });

  it("logs an upstream failure as one JSON line without the client's variables", async () => {
    const lines: string[] = [];
    const gateway = createGateway(
      loadConfig({
        NODE_ENV: 'test',
        ACCOUNTS_URL: unreachable,
        SCHEDULES_URL: unreachable,
        PAYMENTS_URL: unreachable,
      }),
      pino({ level: 'info' }, { write: (line: string) => lines.push(line) }),
    );
    gateways.push(gateway);
    const url = `http://127.0.0.1:${await gateway.listen(0)}`;
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation($i: SignInInput!) { signIn(input: $i) { __typename } }',
        variables: { i: { email: 'someone@example.test', password: 'never-log-this-password' } },
      }),
    });
    assert.equal(response.status, 500);
    const failure = lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.level === 50);
    assert.equal((failure?.extensions as { code?: string })?.code, 'SUBREQUEST_HTTP_ERROR');
    assert.doesNotMatch(lines.join('\n'), /never-log-this-password|someone@example/);
  });

  it('reads the session cookie and bearer keys, bounded, and ignores malformed authorization', () => {
    const req = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;
    assert.deepEqual(credentialsOf(req({ cookie: `a=1; ${SESSION_COOKIE}=tok; b=2` })), {
      sessionToken: 'tok',
    });
    assert.deepEqual(credentialsOf(req({ authorization: 'Bearer ik_abc_def' })), {
      apiKey: 'ik_abc_def',
    });
    assert.deepEqual(credentialsOf(req({ authorization: 'Basic dXNlcjpwYXNz' })), {});
    assert.deepEqual(credentialsOf(req({ authorization: 'Bearer a b' })), {});
    assert.equal(
      credentialsOf(req({ authorization: `Bearer ${'k'.repeat(5000)}` })).apiKey?.length,
      512,
    );
  });

  it('sets the cookie __Host-, Secure, HttpOnly, SameSite=Lax only on accounts instructions', () => {
    assert.equal(
      sessionCookie('t0ken'.repeat(5), 900),
      `${SESSION_COOKIE}=${'t0ken'.repeat(5)}; Max-Age=900; Path=/; Secure; HttpOnly; SameSite=Lax`,
    );
    const response = (value: string) =>
      new Response(null, { headers: { 'x-installa-session': value } });
    const token = 'A'.repeat(43);
    assert.deepEqual(
      sessionCookieFromSubgraph({
        response: response(`set ${token} 900`),
        subgraphName: 'accounts',
      }),
      {
        'set-cookie': sessionCookie(token, 900),
      },
    );
    assert.equal(
      sessionCookieFromSubgraph({
        response: response(`set ${token} 900`),
        subgraphName: 'payments',
      }),
      undefined,
    );
    assert.equal(
      sessionCookieFromSubgraph({
        response: response('set x;Domain=evil 1'),
        subgraphName: 'accounts',
      }),
      undefined,
    );
    assert.match(
      String(
        sessionCookieFromSubgraph({ response: response('clear'), subgraphName: 'accounts' })?.[
          'set-cookie'
        ],
      ),
      /Max-Age=0/,
    );
  });
});
