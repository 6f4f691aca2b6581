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
import { recordSeedPayments, seedCustomersAndPlans } from '../../scripts/seed';

export interface SystemFixture {
  system: RunningSystem;
  db: TestDatabase;
  logDir: string;
  usesRedis: boolean;
  gql<T>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<{ data?: T; errors?: { message: string; extensions?: { code?: string } }[] }>;
  wsClient(): Client;
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
  return {
    system,
    db,
    logDir,
    usesRedis: Boolean(redisUrl),
    gql: async (query, variables = {}) => {
      const response = await fetch(`${system.gatewayUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      return response.json() as never;
    },
    wsClient: () => {
      const client = createClient({
        url: `${system.gatewayUrl.replace('http', 'ws')}/graphql`,
        webSocketImpl: WebSocket,
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
