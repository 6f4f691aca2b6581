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
  /**
   * Tables the application may only INSERT into and SELECT from (audit trails); default
   * `['audit_entry']`, skipped where the table does not exist.
   */
  appendOnlyTables?: readonly string[];
}

/**
 * The NOLOGIN role application connections switch to (`SET ROLE`) after migrations ran as the
 * owner: it holds SELECT/INSERT/UPDATE/DELETE on the subgraph's tables but owns none, so REVOKEs
 * (UPDATE/DELETE/TRUNCATE on append-only tables) bind it. Roles are cluster-wide.
 */
export const APP_ROLE = 'installa_app';

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
  const base = ormOptions(options);
  return MikroORM.init({
    ...base,
    pool: {
      ...base.pool,
      // every application connection acts as the app role; migrations above ran as the owner
      afterCreate: (connection: pg.Client, done: (error: Error | null, c: pg.Client) => void) => {
        connection.query(`set role ${APP_ROLE}`).then(
          () => done(null, connection),
          (error: Error) => done(error, connection),
        );
      },
    },
  });
}

/**
 * An ORM acting as the owner (no app role), for tooling such as schema diffs: the app role does
 * not own the tables, and PostgreSQL hides check constraints from non-owners. Migrate first with
 * `openOrm`. On PGlite this resets the role of the one shared session.
 */
export function openOwnerOrm(options: OrmOptions): Promise<MikroORM> {
  const base = ormOptions(options);
  return MikroORM.init({
    ...base,
    pool: {
      ...base.pool,
      afterCreate: (connection: pg.Client, done: (error: Error | null, c: pg.Client) => void) => {
        connection.query('set role none').then(
          () => done(null, connection),
          (error: Error) => done(error, connection),
        );
      },
    },
  });
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
  const schema = quoteIdent(options.schema);
  await asOwner(options.clientUrl, async (client) => {
    await ensureAppRole(client);
    await client.query(`create schema if not exists ${schema}`);
    // MikroORM's own bookkeeping table, created here so that nothing of the migration runs outside
    // an owner transaction (on PGlite every connection shares one session and so its role)
    await client.query(
      `create table if not exists ${schema}."mikro_orm_migrations" ("id" serial primary key, ` +
        `"name" varchar(255), "executed_at" timestamptz default current_timestamp)`,
    );
    await client.query(`grant usage on schema ${schema} to ${APP_ROLE}`);
    await client.query(`grant select on ${schema}."mikro_orm_migrations" to ${APP_ROLE}`);
  });
  const orm = await MikroORM.init(
    ormOptions({ ...options, poolMax: 1, migrations: options.migrations.map(runAsOwner) }),
  );
  try {
    await orm.getMigrator().up();
  } finally {
    await orm.close(true);
  }
  await asOwner(options.clientUrl, (client) =>
    grantAppPrivileges(client, options.schema, options.appendOnlyTables ?? ['audit_entry']),
  );
}

/**
 * The migration with `SET LOCAL ROLE NONE` first: its transaction runs as the connecting owner
 * even when the session has the app role (PGlite: one session shared by every connection).
 */
function runAsOwner(migration: MigrationObject | Constructor<Migration>): MigrationObject {
  const named: MigrationObject =
    'class' in migration ? migration : { name: migration.name, class: migration };
  const Base = named.class as Constructor<Migration>;
  class AsOwner extends Base {
    override async up(): Promise<void> {
      this.addSql('set local role none');
      await (Base.prototype as Migration).up.call(this);
    }
  }
  return { name: named.name, class: AsOwner };
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Runs `work` in one transaction as the connecting (owner) role, whatever role the session has:
 * `SET LOCAL ROLE NONE` ends with the transaction. On PGlite all connections share one session,
 * and the app role set by application connections would otherwise apply here too.
 */
export async function asOwner<T>(clientUrl: string, work: (client: pg.Client) => Promise<T>) {
  const client = new pg.Client({ connectionString: clientUrl });
  await client.connect();
  try {
    await client.query('begin');
    await client.query('set local role none');
    const result = await work(client);
    await client.query('commit');
    return result;
  } catch (error) {
    // roll back whatever part ran, then report the original failure
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

/**
 * Creates the app role unless it exists. Test databases on one server migrate concurrently and
 * roles are cluster-wide, so a concurrent CREATE ROLE (duplicate_object, or unique_violation on
 * the catalog index) counts as success.
 */
async function ensureAppRole(client: pg.Client): Promise<void> {
  await client.query(
    `do $$ begin
       if not exists (select 1 from pg_roles where rolname = '${APP_ROLE}') then
         create role ${APP_ROLE} nologin;
       end if;
     exception when duplicate_object or unique_violation then null;
     end $$`,
  );
  await client.query(
    `do $$ begin
       if not pg_has_role(session_user, '${APP_ROLE}', 'MEMBER') then
         execute format('grant ${APP_ROLE} to %I', session_user);
       end if;
     end $$`,
  );
}

/** DML on every table and sequence of `schema` for the app role, minus append-only tables. */
async function grantAppPrivileges(
  client: pg.Client,
  schemaName: string,
  appendOnlyTables: readonly string[],
): Promise<void> {
  const schema = quoteIdent(schemaName);
  await client.query(
    `grant select, insert, update, delete on all tables in schema ${schema} to ${APP_ROLE}`,
  );
  await client.query(`grant usage, select on all sequences in schema ${schema} to ${APP_ROLE}`);
  await client.query(
    `revoke insert, update, delete, truncate on ${schema}."mikro_orm_migrations" from ${APP_ROLE}`,
  );
  for (const table of appendOnlyTables) {
    const { rows } = await client.query<{ found: string | null }>(
      'select to_regclass($1)::text as found',
      [`${schema}.${quoteIdent(table)}`],
    );
    if (rows[0]?.found)
      await client.query(
        `revoke update, delete, truncate on ${schema}.${quoteIdent(table)} from ${APP_ROLE}`,
      );
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
