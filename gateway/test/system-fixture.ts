import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
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
  DEMO_ADMIN_PASSWORD,
  DEMO_EMAIL,
  DEMO_PASSWORD_HINT,
  readDemoAdminTotp,
  recordSeedPayments,
  seedCustomersAndPlans,
} from '../../scripts/seed';
import { sessionCookieOf, signInThroughGateway } from '../../scripts/gateway-client';
import { scanDatabase } from '../../scripts/secret-scan';

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
  /** Where accounts writes outgoing mail (one JSON file per message). */
  mailDir: string;
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
  const workDir = testWorkDir();
  const logDir = path.join(workDir, 'logs');
  const mailDir = path.join(workDir, 'mail');
  const dataDir = path.join(workDir, 'data');
  const redisUrl = process.env.REDIS_URL;
  const system = await startSystem({
    databaseUrl: db.url,
    redisUrl,
    gatewayPort: 0,
    secondSchedulesPort: redisUrl ? 0 : undefined,
    logDir,
    env: {
      MAIL_DIR: mailDir,
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
    { dataDir },
  );
  await recordSeedPayments(system.gatewayUrl, payments);
  const clients: Client[] = [];
  const signIn = (email: string, password: string, totpSecret?: string) =>
    signInThroughGateway(system.gatewayUrl, email, password, totpSecret);
  const customerCookie = await signIn(DEMO_EMAIL, DEMO_PASSWORD_HINT);
  const adminTotpSecret = readDemoAdminTotp(dataDir) as string;
  return {
    system,
    db,
    logDir,
    mailDir,
    usesRedis: Boolean(redisUrl),
    customerCookie,
    signIn,
    adminTotpSecret,
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
      // `npm test` scans every system database for secrets and personal data before it goes
      await recordForSecretScan(workDir, db.url, [
        customerCookie.slice(customerCookie.indexOf('=') + 1),
        adminTotpSecret,
        DEMO_PASSWORD_HINT,
        DEMO_ADMIN_PASSWORD,
      ]);
      await db.dispose();
    },
  };
}

/**
 * A fresh folder for one system's logs, mail and data: under `INSTALLA_TEST_ARTIFACTS` when
 * `npm test` sets it (so it can scan every log after the suite), else under the OS temp folder.
 */
function testWorkDir(): string {
  const root = process.env.INSTALLA_TEST_ARTIFACTS ?? tmpdir();
  mkdirSync(root, { recursive: true });
  const dir = mkdtempSync(path.join(root, 'system-'));
  for (const sub of ['logs', 'mail', 'data']) mkdirSync(path.join(dir, sub), { mode: 0o700 });
  return dir;
}

/**
 * Under `npm test`: scans the system's database (every text column of the three schemas) for
 * emails, card numbers, tokens and the given known secrets, and leaves the findings and the known
 * secrets (to look for in the logs afterwards) in `workDir`.
 */
async function recordForSecretScan(workDir: string, databaseUrl: string, known: string[]) {
  if (!process.env.INSTALLA_TEST_ARTIFACTS) return;
  const findings = await scanDatabase(databaseUrl, known);
  writeFileSync(path.join(workDir, 'database-findings.json'), JSON.stringify(findings), {
    mode: 0o600,
  });
  writeFileSync(path.join(workDir, 'known-secrets.txt'), `${known.join('\n')}\n`, {
    mode: 0o600,
  });
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
