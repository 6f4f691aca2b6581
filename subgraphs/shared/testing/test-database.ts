import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startEmbeddedPostgres } from '../db/embedded-postgres';

export interface TestDatabase {
  url: string;
  /** True when backed by a real PostgreSQL server (DATABASE_URL), false for embedded PGlite. */
  isReal: boolean;
  dispose(): Promise<void>;
}

/**
 * A disposable database for one test file, so files run in parallel: a fresh database on the
 * server named by DATABASE_URL when set, otherwise an in-memory PGlite.
 */
export async function createTestDatabase(
  env: Record<string, string | undefined> = process.env,
): Promise<TestDatabase> {
  const serverUrl = env.DATABASE_URL;
  if (!serverUrl) {
    const embedded = await startEmbeddedPostgres({});
    return { url: embedded.url, isReal: false, dispose: embedded.stop };
  }
  const name = `installa_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    isReal: true,
    dispose: async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}
