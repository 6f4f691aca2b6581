import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  createTestDatabase,
  type TestDatabase,
} from '../../subgraphs/shared/testing/test-database';
import { silentLogger } from '../../subgraphs/shared/testing/subgraph-harness';
import {
  openOrm,
  openOwnerOrm,
  withAdvisoryLock,
  withMigrationLock,
} from '../../subgraphs/shared/db/orm';
import { subgraphOrmSpecs } from '../subgraph-orms';

describe('committed migrations', () => {
  let db: TestDatabase;

  before(async () => {
    db = await createTestDatabase();
  });

  after(async () => {
    await db.dispose();
  });

  for (const [name, spec] of Object.entries(subgraphOrmSpecs)) {
    it(`bring a fresh database to the ${name} entities exactly (schema:update has nothing to do)`, async () => {
      // two instances starting at once: the advisory lock makes them migrate one after the other
      const [orm, twin] = await Promise.all([
        openOrm({ ...spec, clientUrl: db.url, poolMax: 2, logger: silentLogger() }),
        openOrm({ ...spec, clientUrl: db.url, poolMax: 2, logger: silentLogger() }),
      ]);
      // the application's role owns no table and sees no check constraints: diff as the owner
      const owner = await openOwnerOrm({
        ...spec,
        clientUrl: db.url,
        poolMax: 1,
        logger: silentLogger(),
      });
      try {
        const diff = await owner.schema.getUpdateSchemaSQL({ wrap: false, schema: spec.schema });
        assert.equal(diff.trim(), '', `entities and migrations differ for ${name}:\n${diff}`);
        const applied = await orm.em
          .getConnection()
          .execute<{ name: string }[]>(
            `select name from "${spec.schema}".mikro_orm_migrations order by id`,
          );
        assert.deepEqual(
          applied.map((m) => m.name),
          spec.migrations.map((m) => m.name),
        );
        assert.deepEqual(await orm.getMigrator().getPendingMigrations(), []);
      } finally {
        await owner.close();
        await orm.close();
        await twin.close();
      }
    });
  }
});

describe('start-up migration lock', () => {
  it('waits while another instance holds the migration lock (real PostgreSQL advisory lock, or in-process on PGlite)', async () => {
    const db = await createTestDatabase();
    const spec = subgraphOrmSpecs.accounts;
    let opened = false;
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    // on PGlite every connection shares one session, so the holder must be this process's lock
    const holder = db.isReal
      ? withAdvisoryLock(db.url, `installa:migrate:${spec.schema}`, () => held)
      : withMigrationLock(db.url, spec.schema, () => held);
    await new Promise((r) => setTimeout(r, 200));
    const opening = openOrm({
      ...spec,
      clientUrl: db.url,
      poolMax: 1,
      logger: silentLogger(),
    }).then((orm) => {
      opened = true;
      return orm;
    });
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(opened, false, 'migrated while another instance held the lock');
    release();
    await holder.catch(() => undefined);
    const orm = await opening;
    assert.equal(opened, true);
    await orm.close();
    await db.dispose();
  });
});
