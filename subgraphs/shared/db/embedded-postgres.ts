import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedPostgres {
  /** A `postgres://` URL any pg client (and so MikroORM) can connect to. */
  url: string;
  stop(): Promise<void>;
}

/**
 * PostgreSQL embedded in this process (PGlite, WebAssembly) behind the wire protocol, so the rest
 * of the system only ever sees a DATABASE_URL. `dataDir` keeps data between runs; without it the
 * database lives in memory. All connections share one backend (STACK.md trap 7): enough for
 * development and tests, not for load.
 */
export async function startEmbeddedPostgres(options: {
  dataDir?: string;
  port?: number;
  maxConnections?: number;
}): Promise<EmbeddedPostgres> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const db = options.dataDir ? new PGlite(options.dataDir) : new PGlite();
  await db.waitReady;
  const server = new PGLiteSocketServer({
    db,
    host: '127.0.0.1',
    port: options.port ?? 0,
    maxConnections: options.maxConnections ?? 64,
  });
  await server.start();
  const port = server.getServerConn().split(':').pop();
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await server.stop();
      await db.close();
    },
  };
}
