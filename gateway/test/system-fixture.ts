import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import {
  createTestDatabase,
  type TestDatabase,
} from '../../subgraphs/shared/testing/test-database';
import { silentLogger } from '../../subgraphs/shared/testing/subgraph-harness';
import { startSystem, type RunningSystem } from '../../scripts/system';
import {
  DEMO_EMAIL,
  DEMO_PASSWORD_HINT,
  readDemoAdminTotp,
  recordSeedPayments,
  seedCustomersAndPlans,
} from '../../scripts/seed';
import { sessionCookieOf, signInThroughGateway } from '../../scripts/gateway-client';

export { sessionCookieOf, signInThroughGateway };

export interface SystemFixture {
  system: RunningSystem;
  db: TestDatabase;
  logDir: string;
  usesRedis: boolean;
  /** One GraphQL request, as the signed-in demo customer unless another `cookie` is given. */
  gql<T>(
    query: string,
    variables?: Record<string, unknown>,
    cookie?: string | null,
  ): Promise<{ data?: T; errors?: { message: string; extensions?: { code?: string } }[] }>;
  /** The demo customer's session cookie (`name=value`). */
  customerCookie: string;
  /** Signs in through the gateway (TOTP when `totpSecret` is given); returns the cookie. */
  signIn(email: string, password: string, totpSecret?: string): Promise<string>;
  /** The demo admin's TOTP secret. */
  adminTotpSecret: string;
  /** A graphql-ws client through the gateway, with `cookie` (default: the demo customer's). */
  wsClient(cookie?: string | null): Client;
  stop(): Promise<void>;
}

/**
 * The whole system as processes on a fresh database (real PostgreSQL when DATABASE_URL is set,
 * embedded PGlite otherwise), seeded with the demo data. With REDIS_URL a second schedules
 * instance receives the payment events, so balance events cross instances through Redis.
 */
export async function startSystemFixture(): Promise<SystemFixture> {
  const db = await createTestDatabase();
  const logDir = mkdtempSync(path.join(tmpdir(), 'installa-system-'));
  const redisUrl = process.env.REDIS_URL;
  const system = await startSystem({
    databaseUrl: db.url,
    redisUrl,
    gatewayPort: 0,
    secondSchedulesPort: redisUrl ? 0 : undefined,
    logDir,
    env: {
      MAIL_DIR: path.join(logDir, 'mail'),
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      GATEWAY_DEDUPE_INFLIGHT: 'false',
      // its own rate-limit budget in a shared Redis: suites running at once share 127.0.0.1
      RATE_LIMIT_NAMESPACE: `system-test-${process.pid}-${Date.now()}`,
      // suites send hundreds of requests as one user from one address; the limits have their own tests
      RATE_LIMIT_PER_IP_PER_MINUTE: '20000',
      RATE_LIMIT_PER_USER_PER_MINUTE: '20000',
      SIGN_IN_IP_LIMIT: '1000',
    },
  });
  const payments = await seedCustomersAndPlans(
    db.url,
    silentLogger(),
    new Date().toISOString().slice(0, 10),
    { dataDir: logDir },
  );
  await recordSeedPayments(system.gatewayUrl, payments);
  const clients: Client[] = [];
  const signIn = (email: string, password: string, totpSecret?: string) =>
    signInThroughGateway(system.gatewayUrl, email, password, totpSecret);
  const customerCookie = await signIn(DEMO_EMAIL, DEMO_PASSWORD_HINT);
  return {
    system,
    db,
    logDir,
    usesRedis: Boolean(redisUrl),
    customerCookie,
    signIn,
    adminTotpSecret: readDemoAdminTotp(logDir) as string,
    gql: async (query, variables = {}, cookie = customerCookie) => {
      const response = await fetch(`${system.gatewayUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return response.json() as never;
    },
    wsClient: (cookie = customerCookie) => {
      const client = createClient({
        url: `${system.gatewayUrl.replace('http', 'ws')}/graphql`,
        webSocketImpl: webSocketWithCookie(cookie),
        retryAttempts: 0,
      });
      clients.push(client);
      return client;
    },
    stop: async () => {
      await Promise.all(clients.map((c) => c.dispose()));
      await system.stop();
      await db.dispose();
    },
  };
}

/** A WebSocket class whose upgrade request carries `cookie`, as a browser's would. */
function webSocketWithCookie(cookie: string | null) {
  return class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, cookie ? { headers: { cookie } } : {});
    }
  };
}

/** Subscribes and returns a pull-style iterator over the events. */
export function subscribe<T>(client: Client, query: string, variables: Record<string, unknown>) {
  const iterator = client.iterate<T>({ query, variables });
  return {
    next: async (timeoutMs = 5_000) => {
      const timeout = new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('no event within timeout')), timeoutMs).unref(),
      );
      const result = await Promise.race([iterator.next(), timeout]);
      if (result.done) throw new Error('subscription ended');
      return result.value;
    },
    close: () => iterator.return?.(),
  };
}
