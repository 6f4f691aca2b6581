/**
 * `npm run bench:gateway`: the federated query of the platform issue (customer → plans →
 * installments + payments) (a) through the gateway and (b) as the direct subgraph calls a client
 * would otherwise make (customer, then `_entities` for the plans and for the payments), at 1 and 10
 * connections, 10 s each after a 2 s warm-up, on loopback. The gateway's in-flight deduplication
 * is off so repeating one query is not flattered. Uses a fresh database on
 * the DATABASE_URL server when set, PGlite otherwise.
 */
import http from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { startSystem } from './system';
import { createTestDatabase } from '../subgraphs/shared/testing/test-database';
import { demoCustomerId, recordSeedPayments, seedCustomersAndPlans } from './seed';
import { SERVICE_SECRET_HEADER } from '../subgraphs/shared/server/service-secret';

const SECRET = 'bench-service-secret-0123456789abcdef';
const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 10) * 1000;
const WARMUP_MS = 2000;
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

const FEDERATED = `query Bench($id: ID!) { customer(id: $id) { plans { installments { dueDate principal interest } payments { amount } } } }`;

function post(url: string, body: string, headers: Record<string, string> = {}): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...headers,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => {
          const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { errors?: unknown };
          if (response.statusCode !== 200 || parsed.errors)
            reject(
              new Error(`HTTP ${response.statusCode}: ${JSON.stringify(parsed).slice(0, 300)}`),
            );
          else resolve(parsed);
        });
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

interface Stats {
  p50: number;
  p99: number;
  rps: number;
  count: number;
}

async function measure(connections: number, once: () => Promise<unknown>): Promise<Stats> {
  const run = async (ms: number, latencies?: number[]) => {
    const until = Date.now() + ms;
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (Date.now() < until) {
          const start = process.hrtime.bigint();
          await once();
          latencies?.push(Number(process.hrtime.bigint() - start) / 1e6);
        }
      }),
    );
  };
  await run(WARMUP_MS);
  const latencies: number[] = [];
  const started = Date.now();
  await run(DURATION_MS, latencies);
  const elapsed = (Date.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pick = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return {
    p50: pick(0.5),
    p99: pick(0.99),
    rps: latencies.length / elapsed,
    count: latencies.length,
  };
}

const line = (label: string, s: Stats) =>
  `${label.padEnd(34)} p50 ${s.p50.toFixed(2).padStart(7)} ms   p99 ${s.p99.toFixed(2).padStart(7)} ms   ${s.rps.toFixed(0).padStart(6)} req/s  (${s.count} requests)`;

async function main(): Promise<void> {
  // a fresh database per run: a new one on the DATABASE_URL server, or embedded PGlite
  const db = await createTestDatabase();
  const databaseUrl = db.url;
  const logDir = mkdtempSync(path.join(tmpdir(), 'installa-bench-'));
  const system = await startSystem({
    databaseUrl,
    gatewayPort: 0,
    logDir,
    env: {
      SERVICE_SECRET: SECRET,
      LOG_LEVEL: 'warn',
      GATEWAY_DEDUPE_INFLIGHT: process.env.GATEWAY_DEDUPE_INFLIGHT ?? 'false',
      GATEWAY_QUERY_PLANNER: process.env.GATEWAY_QUERY_PLANNER ?? 'rust',
      NODE_ENV: 'test',
      DB_POOL_MAX: '8',
    },
  });
  try {
    await recordSeedPayments(
      system.gatewayUrl,
      await seedCustomersAndPlans(
        databaseUrl,
        pino({ level: 'warn' }),
        new Date().toISOString().slice(0, 10),
        { dataDir: logDir },
      ),
    );
    const customerId = await demoCustomerId(databaseUrl, pino({ level: 'warn' }));
    const gatewayBody = JSON.stringify({ query: FEDERATED, variables: { id: customerId } });
    const secret = { [SERVICE_SECRET_HEADER]: SECRET };
    const viaGateway = () => post(`${system.gatewayUrl}/graphql`, gatewayBody);
    const customerBody = JSON.stringify({
      query: 'query($id: ID!) { customer(id: $id) { id } }',
      variables: { id: customerId },
    });
    const direct = async () => {
      const customer = (await post(`${system.urls.accounts}/graphql`, customerBody, secret)) as {
        data: { customer: { id: string } };
      };
      const plans = (await post(
        `${system.urls.schedules}/graphql`,
        JSON.stringify({
          query:
            'query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { plans { id installments { dueDate principal interest } } } } }',
          variables: { r: [{ __typename: 'Customer', id: customer.data.customer.id }] },
        }),
        secret,
      )) as { data: { _entities: { plans: { id: string }[] }[] } };
      await post(
        `${system.urls.payments}/graphql`,
        JSON.stringify({
          query:
            'query($r: [_Any!]!) { _entities(representations: $r) { ... on InstallmentPlan { payments { amount } } } }',
          variables: {
            r: plans.data._entities[0].plans.map((p) => ({
              __typename: 'InstallmentPlan',
              id: p.id,
            })),
          },
        }),
        secret,
      );
    };
    process.stdout.write(
      `planner: ${process.env.GATEWAY_QUERY_PLANNER ?? 'rust'}; in-flight dedup: ${process.env.GATEWAY_DEDUPE_INFLIGHT ?? 'false'}; ` +
        `database: ${db.isReal ? 'PostgreSQL (DATABASE_URL)' : 'embedded PGlite'}; ${DURATION_MS / 1000} s per run after ${WARMUP_MS / 1000} s warm-up\n`,
    );
    let ratio = 0;
    for (const connections of [1, 10]) {
      const g = await measure(connections, viaGateway);
      const d = await measure(connections, direct);
      process.stdout.write(
        `${line(`gateway, ${connections} connection(s)`, g)}\n${line(`direct subgraph calls, ${connections} conn.`, d)}\n`,
      );
      ratio = g.p50 / d.p50;
    }
    process.stdout.write(`gateway/direct p50 ratio: ${ratio.toFixed(2)}\n`);
  } finally {
    await system.stop();
    await db.dispose();
    agent.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
