/**
 * `npm run bench:gateway`: the federated query of the platform issue (customer → plans →
 * installments + payments) (a) through the gateway and (b) as the direct subgraph calls a client
 * would otherwise make (customer, then `_entities` for the plans and for the payments), at 1 and 10
 * connections, 10 s each after a 2 s warm-up, on loopback. The gateway's in-flight deduplication
 * is off so repeating one query is not flattered. Uses a fresh database on
 * the DATABASE_URL server when set, PGlite otherwise.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { startSystem } from './system';
import { createTestDatabase } from '../subgraphs/shared/testing/test-database';
import {
  DEMO_EMAIL,
  DEMO_PASSWORD_HINT,
  demoCustomerId,
  recordSeedPayments,
  seedCustomersAndPlans,
} from './seed';
import { signInThroughGateway } from './gateway-client';
import {
  IDENTITY_HEADER,
  identityKey,
  signIdentity,
} from '../subgraphs/shared/auth/identity-header';
import { customerViewer } from '../subgraphs/shared/auth/viewer';
import { SERVICE_SECRET_HEADER } from '../subgraphs/shared/server/service-secret';
import { agent, DURATION_MS, line, measure, post, WARMUP_MS } from './bench-load';

const SECRET = 'bench-service-secret-0123456789abcdef';

const FEDERATED = `query Bench($id: ID!) { customer(id: $id) { plans { installments { dueDate principal interest } payments { amount } } } }`;

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
      // one client address and one user: measure the work, not the limits
      RATE_LIMIT_PER_IP_PER_MINUTE: '10000000',
      RATE_LIMIT_PER_USER_PER_MINUTE: '10000000',
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
    // the gateway path is signed in (cookie → accounts → signed identity); the direct path signs
    // the same customer's identity itself, as only a trusted service could
    const cookie = await signInThroughGateway(system.gatewayUrl, DEMO_EMAIL, DEMO_PASSWORD_HINT);
    const key = identityKey(SECRET);
    const viewer = customerViewer(customerId);
    const secret = () => ({
      [SERVICE_SECRET_HEADER]: SECRET,
      [IDENTITY_HEADER]: signIdentity(viewer, key),
    });
    const viaGateway = () => post(`${system.gatewayUrl}/graphql`, gatewayBody, { cookie });
    const customerBody = JSON.stringify({
      query: 'query($id: ID!) { customer(id: $id) { id } }',
      variables: { id: customerId },
    });
    const direct = async () => {
      const customer = (await post(`${system.urls.accounts}/graphql`, customerBody, secret()))
        .body as {
        data: { customer: { id: string } };
      };
      const plans = (
        await post(
          `${system.urls.schedules}/graphql`,
          JSON.stringify({
            query:
              'query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { plans { id installments { dueDate principal interest } } } } }',
            variables: { r: [{ __typename: 'Customer', id: customer.data.customer.id }] },
          }),
          secret(),
        )
      ).body as { data: { _entities: { plans: { id: string }[] }[] } };
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
        secret(),
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
