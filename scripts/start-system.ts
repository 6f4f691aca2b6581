/**
 * `npm start`: the whole system on one machine. Embedded PostgreSQL (PGlite, data in .data/) unless
 * DATABASE_URL is set; demo data seeded once (never in production); Ctrl-C stops every process.
 */
import path from 'node:path';
import { createLogger } from '../subgraphs/shared/logging/logger';
import { startSystem, ROOT } from './system';
import {
  DEMO_ADMIN_EMAIL,
  DEMO_ADMIN_PASSWORD,
  DEMO_EMAIL,
  DEMO_PASSWORD_HINT,
  readDemoAdminTotp,
  recordSeedPayments,
  seedCustomersAndPlans,
} from './seed';
import { startEmbeddedPostgres } from '../subgraphs/shared/db/embedded-postgres';

async function main(): Promise<void> {
  const production = process.env.NODE_ENV === 'production';
  const logger = createLogger({ level: 'warn', service: 'start' });
  const gatewayPort = Number(process.env.PORT ?? 4000);
  // INSTALLA_DATA_DIR: where embedded data and logs live (tests point it at a temporary folder)
  const dataDir = process.env.INSTALLA_DATA_DIR ?? path.join(ROOT, '.data');
  // PGlite lives in this process; the services reach it over the wire protocol like any PostgreSQL
  const embedded = process.env.DATABASE_URL
    ? undefined
    : await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pglite'), maxConnections: 100 });
  const databaseUrl = process.env.DATABASE_URL ?? (embedded?.url as string);
  const system = await startSystem({
    databaseUrl,
    redisUrl: process.env.REDIS_URL,
    gatewayPort,
    logDir: path.join(dataDir, 'logs'),
    env: {
      MAIL_DIR: process.env.MAIL_DIR ?? path.join(dataDir, 'mail'),
      ...(production ? {} : { NODE_ENV: process.env.NODE_ENV ?? 'development' }),
    },
  });
  const stop = async () => {
    await system.stop();
    await embedded?.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  let seeded = 'demo data: off in production';
  if (!production) {
    const seed = await seedCustomersAndPlans(
      databaseUrl,
      logger,
      new Date().toISOString().slice(0, 10),
      { dataDir },
    );
    await recordSeedPayments(system.gatewayUrl, seed);
    const totp = readDemoAdminTotp(dataDir);
    seeded =
      `demo sign-in: ${DEMO_EMAIL} / ${DEMO_PASSWORD_HINT}; admin: ${DEMO_ADMIN_EMAIL} / ` +
      `${DEMO_ADMIN_PASSWORD}, TOTP secret ${totp ?? '(not in this data folder)'}` +
      `${seed.payments.length ? ' (seeded now)' : ''}; mail in ${path.join(dataDir, 'mail')}`;
  }
  process.stdout.write(
    `Installa is running: portal ${system.gatewayUrl}/  GraphiQL ${system.gatewayUrl}/graphiql  ` +
      `${seeded}  (database: ${embedded ? `embedded PGlite in ${dataDir}` : 'DATABASE_URL'}; logs in ${path.join(dataDir, 'logs')}; Ctrl-C stops)\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `npm start failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
