import { MikroORM, type Options, type EntityName, type Dictionary } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import type { Constructor, MigrationObject } from '@mikro-orm/core';
import type { Migration } from '@mikro-orm/migrations';
import pg from 'pg';
import type { Logger } from 'pino';
import { notFound } from '../errors/domain-error';

export interface OrmOptions {
  /** PostgreSQL schema owned by the subgraph, e.g. `accounts`. */
  schema: string;
  clientUrl: string;
  entities: Constructor<object>[];
  migrations: (MigrationObject | Constructor<Migration>)[];
  poolMax: number;
  logger: Logger;
  /** Receives every SQL statement (tests count them). */
  onQuery?: (sql: string) => void;
}

/** MikroORM options for one subgraph: its own schema, committed migrations, typed not-found errors. */
export function ormOptions(options: OrmOptions): Options {
  const log = options.logger.child({ feature: 'orm' });
  return {
    clientUrl: options.clientUrl,
    schema: options.schema,
    entities: options.entities,
    extensions: [Migrator],
    pool: { min: 0, max: options.poolMax },
    forceUtcTimezone: true,
    allowGlobalContext: false,
    findOneOrFailHandler: (entityName: string, where: Dictionary | unknown) =>
      notFound(
        entityName,
        typeof where === 'object' && where && 'id' in where
          ? String((where as Dictionary).id)
          : '?',
      ),
    debug: options.onQuery ? ['query'] : false,
    colors: false,
    logger: (message: string) => {
      if (options.onQuery) options.onQuery(message);
      else log.debug(message);
    },
    migrations: {
      tableName: 'mikro_orm_migrations',
      migrationsList: options.migrations,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      emit: 'ts',
    },
  };
}

/**
 * Opens the ORM and applies pending migrations under a PostgreSQL advisory lock, so several
 * instances starting at once migrate one at a time (the lock is held on its own connection:
 * advisory locks belong to a session, and the ORM's pool would spread the calls over several).
 */
export async function openOrm(options: OrmOptions): Promise<MikroORM> {
  await withMigrationLock(options.clientUrl, options.schema, () => migrate(options));
  return MikroORM.init(ormOptions(options));
}

/** Holds the start-up migration lock of one subgraph schema: in this process and in PostgreSQL. */
export const withMigrationLock = <T>(
  clientUrl: string,
  schema: string,
  work: () => Promise<T>,
): Promise<T> =>
  inProcessLock(`${clientUrl}|${schema}`, () =>
    withAdvisoryLock(clientUrl, `installa:migrate:${schema}`, work),
  );

const chains = new Map<string, Promise<unknown>>();

/**
 * Serialises work per key inside this process. Needed beside the advisory lock because embedded
 * PGlite gives every connection the same backend session, where advisory locks are re-entrant.
 */
async function inProcessLock<T>(key: string, work: () => Promise<T>): Promise<T> {
  const previous = chains.get(key) ?? Promise.resolve();
  const next = previous.then(work, work);
  chains.set(
    key,
    next.catch(() => undefined),
  );
  return next;
}

async function migrate(options: OrmOptions): Promise<void> {
  const bootstrap = new pg.Client({ connectionString: options.clientUrl });
  await bootstrap.connect();
  try {
    await bootstrap.query(`create schema if not exists "${options.schema.replace(/"/g, '')}"`);
  } finally {
    await bootstrap.end();
  }
  const orm = await MikroORM.init(ormOptions({ ...options, poolMax: 1 }));
  try {
    await orm.getMigrator().up();
  } finally {
    await orm.close(true);
  }
}

/** Runs `work` while holding a PostgreSQL session advisory lock derived from `name`. */
export async function withAdvisoryLock<T>(
  clientUrl: string,
  name: string,
  work: () => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString: clientUrl });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock(hashtext($1))', [name]);
    return await work();
  } finally {
    // unlocking fails only if the connection died, and then the server released the lock already
    await client.query('select pg_advisory_unlock(hashtext($1))', [name]).catch(() => undefined);
    await client.end();
  }
}

/** Pending migration names (empty when the schema is up to date); used by `/readyz`. */
export async function pendingMigrations(orm: MikroORM): Promise<string[]> {
  const pending = await orm.getMigrator().getPendingMigrations();
  return pending.map((m) => m.name);
}

/** Readiness: the database answers and every committed migration is applied; throws otherwise. */
export async function checkDatabaseReady(orm: MikroORM): Promise<void> {
  await orm.em.getConnection().execute('select 1');
  const pending = await pendingMigrations(orm);
  if (pending.length > 0) throw new Error(`pending migrations: ${pending.join(', ')}`);
}

/** `"schema"."table"` for raw SQL, which does not get the ORM's default schema. */
export function qualifiedTable(orm: MikroORM, table: string): string {
  const schema = orm.config.get('schema') ?? 'public';
  return `"${schema.replace(/"/g, '')}"."${table.replace(/"/g, '')}"`;
}

export type { EntityName };
