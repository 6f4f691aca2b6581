/**
 * `npm run bench:auth`: (1) argon2id password verifications per second in-process with the
 * accounts parameters (m=19456 KiB, t=2, p=1) at 1, 2 and 4 concurrent verifications; (2) sign-ins
 * per second through the gateway (`signIn` of the demo customer: HTTP, gateway, accounts, argon2id,
 * session row); (3) the latency cost of the gateway's hardening (GraphQL Armor limits): the
 * portal's plan query, signed in, through a gateway with hardening on and a second gateway process
 * with it off, over the same subgraphs, alternating, at 1 and 10 connections.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { hash, verify } from '@node-rs/argon2';
import pino from 'pino';
import { startSystem } from './system';
import { createTestDatabase } from '../subgraphs/shared/testing/test-database';
import { DEMO_EMAIL, DEMO_PASSWORD_HINT, recordSeedPayments, seedCustomersAndPlans } from './seed';
import { ARGON2_OPTIONS } from '../subgraphs/accounts/src/identity/password';
import { agent, line, measure, post, type Stats } from './bench-load';

const SECRET = 'bench-service-secret-0123456789abcdef';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const PORTAL_QUERY = `query Plans { me { id name ... on Customer { plans { id title status outstandingBalance { amount currency } installments { number dueDate principal interest fees total status } payments { amount createdAt } } } } }`;
const SIGN_IN = `mutation SignIn($input: SignInInput!) { signIn(input: $input) { __typename } }`;

async function argon2Throughput(): Promise<void> {
  const stored = await hash('correct horse battery staple', ARGON2_OPTIONS);
  process.stdout.write(`argon2id ${stored.split('$')[3]} (accounts' parameters)\n`);
  for (const concurrency of [1, 2, 4]) {
    const stats = await measure(
      concurrency,
      () => verify(stored, 'correct horse battery staple'),
      Math.min(SECONDS, 5) * 1000,
    );
    process.stdout.write(`${line(`argon2id verify, ${concurrency} at once`, stats)}\n`);
  }
}

async function main(): Promise<void> {
  await argon2Throughput();
  const db = await createTestDatabase();
  const logDir = mkdtempSync(path.join(tmpdir(), 'installa-bench-auth-'));
  const system = await startSystem({
    databaseUrl: db.url,
    gatewayPort: 0,
    logDir,
    env: {
      SERVICE_SECRET: SECRET,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
      DB_POOL_MAX: '8',
      GATEWAY_DEDUPE_INFLIGHT: 'false',
      // the benchmark is one client address and one user: measure work, not the limits
      RATE_LIMIT_PER_IP_PER_MINUTE: '10000000',
      RATE_LIMIT_PER_USER_PER_MINUTE: '10000000',
      SIGN_IN_IP_LIMIT: '100000',
    },
    secondGatewayEnv: { GATEWAY_HARDENING: 'off' },
  });
  try {
    await recordSeedPayments(
      system.gatewayUrl,
      await seedCustomersAndPlans(
        db.url,
        pino({ level: 'warn' }),
        new Date().toISOString().slice(0, 10),
      ),
    );
    const signInBody = JSON.stringify({
      query: SIGN_IN,
      variables: { input: { email: DEMO_EMAIL, password: DEMO_PASSWORD_HINT } },
    });
    const signIn = async (gatewayUrl: string) => {
      const { body, headers } = await post(`${gatewayUrl}/graphql`, signInBody);
      const typename = (body.data as { signIn: { __typename: string } }).signIn.__typename;
      if (typename !== 'SignedIn') throw new Error(`signIn answered ${typename}`);
      const cookie = String(headers['set-cookie']?.[0] ?? '').split(';')[0];
      if (!cookie) throw new Error('signIn set no cookie');
      return cookie;
    };
    process.stdout.write(
      `database: ${db.isReal ? 'PostgreSQL (DATABASE_URL)' : 'embedded PGlite'}; ${SECONDS} s per run after a 2 s warm-up\n`,
    );
    for (const concurrency of [1, 2, 4]) {
      const stats = await measure(concurrency, () => signIn(system.gatewayUrl));
      process.stdout.write(`${line(`signIn via gateway, ${concurrency} at once`, stats)}\n`);
    }
    const hardened = system.gatewayUrl;
    const bare = system.urls['gateway-2'] as string;
    const query = JSON.stringify({ query: PORTAL_QUERY });
    const cookies = { on: await signIn(hardened), off: await signIn(bare) };
    for (const connections of [1, 10]) {
      const on: Stats[] = [];
      const off: Stats[] = [];
      for (let round = 0; round < 2; round += 1) {
        on.push(
          await measure(connections, () =>
            post(`${hardened}/graphql`, query, { cookie: cookies.on }),
          ),
        );
        off.push(
          await measure(connections, () => post(`${bare}/graphql`, query, { cookie: cookies.off })),
        );
      }
      const best = (runs: Stats[]) => runs.reduce((a, b) => (a.p50 <= b.p50 ? a : b));
      const [withArmor, withoutArmor] = [best(on), best(off)];
      process.stdout.write(
        `${line(`portal query, hardening on, ${connections} conn.`, withArmor)}\n` +
          `${line(`portal query, hardening off, ${connections} conn.`, withoutArmor)}\n` +
          `hardening overhead at ${connections} conn.: p50 ${(withArmor.p50 - withoutArmor.p50).toFixed(2)} ms ` +
          `(${(((withArmor.p50 - withoutArmor.p50) / withoutArmor.p50) * 100).toFixed(1)}%)\n`,
      );
    }
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
