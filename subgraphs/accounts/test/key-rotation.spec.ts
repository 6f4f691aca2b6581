import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { createTestDatabase, type TestDatabase } from '../../shared/testing/test-database';
import { silentLogger } from '../../shared/testing/subgraph-harness';
import { asOwner, ormOptions } from '../../shared/db/orm';
import { FieldCipher, useFieldCipher } from '../../shared/crypto/field-cipher';
import { encryptedColumns, rotateEncryptedColumns } from '../../shared/crypto/key-rotation';
import { accountsEntities, ACCOUNTS_SCHEMA, openAccountsOrm } from '../src/orm';
import { migrations } from '../src/migrations';
import { CustomerService } from '../src/customer/customer.service';
import { Customer } from '../src/customer/customer.entity';

const blind = randomBytes(32);
const keyA = { id: 'a', key: randomBytes(32) };
const keyB = { id: 'b', key: randomBytes(32) };
const onlyA = new FieldCipher([keyA], 'a', blind);
const aThenB = new FieldCipher([keyA, keyB], 'b', blind);

describe('encrypted columns over time', () => {
  let db: TestDatabase;
  let orm: MikroORM;
  const legacyId = randomUUID();

  before(async () => {
    db = await createTestDatabase();
    useFieldCipher(onlyA);
    // a database from before encryption: the first migration only, with a plaintext row
    await asOwner(db.url, (c) => c.query(`create schema if not exists ${ACCOUNTS_SCHEMA}`));
    const legacy = await MikroORM.init(
      ormOptions({
        schema: ACCOUNTS_SCHEMA,
        clientUrl: db.url,
        entities: accountsEntities,
        migrations: migrations.slice(0, 1),
        poolMax: 1,
        logger: silentLogger(),
      }),
    );
    await legacy.getMigrator().up();
    await legacy.em
      .getConnection()
      .execute(
        `insert into accounts.customer (id, name, email, locale, created_at) values (?, ?, ?, 'en-US', now())`,
        [legacyId, 'Lena Legacy', 'Lena@Installa.test'],
      );
    await legacy.close();
    orm = await openAccountsOrm(db.url, silentLogger(), 2);
  });

  after(async () => {
    await orm.close();
    await db.dispose();
  });

  const raw = () =>
    orm.em
      .getConnection()
      .execute<{ id: string; name: string; email: string; phone: string | null }[]>(
        'select id, name, email, phone from accounts.customer order by id',
      );

  it('encrypts plaintext rows while migrating, and finds them by email', async () => {
    const [row] = await raw();
    assert.match(row.name, /^v1\.a\./);
    assert.match(row.email, /^v1\.a\./);
    const found = await new CustomerService(orm.em.fork()).findByEmail('lena@installa.test');
    assert.equal(found?.id, legacyId);
    assert.equal(found?.name, 'Lena Legacy');
    await assert.rejects(
      orm.em.fork().findOne(Customer, { email: 'lena@installa.test' }),
      /cannot be queried/,
    );
  });

  it('discovers every encrypted column from the metadata', () => {
    assert.deepEqual(
      encryptedColumns(orm)
        .filter((c) => c.boundTo.startsWith('customer.'))
        .map((c) => `${c.column}:${c.boundTo}`)
        .sort(),
      [
        'email:customer.email',
        'name:customer.name',
        'phone:customer.phone',
        'postal_address:customer.postal_address',
      ],
    );
  });

  it('re-encrypts everything written with an old key, in batches, and is idempotent', async () => {
    const customers = new CustomerService(orm.em.fork());
    for (let i = 0; i < 4; i += 1) {
      const c = await customers.create({ name: `Customer ${i}`, email: `c${i}@installa.test` });
      if (i % 2 === 0) {
        c.phone = `+4155550${i}00`;
        await orm.em.fork().upsert(c);
      }
    }
    useFieldCipher(aThenB);
    const newcomer = await new CustomerService(orm.em.fork()).create({
      name: 'New Key',
      email: 'new@installa.test',
    });
    const first = await rotateEncryptedColumns(orm, aThenB, 2);
    const counts = Object.fromEntries(
      first.filter((r) => r.table === '"accounts"."customer"').map((r) => [r.column, r.rotated]),
    );
    assert.deepEqual(counts, { name: 5, email: 5, phone: 2, postal_address: 0 });
    for (const row of await raw()) {
      assert.match(row.name, /^v1\.b\./);
      assert.match(row.email, /^v1\.b\./);
      if (row.phone !== null) assert.match(row.phone, /^v1\.b\./);
    }
    const again = await rotateEncryptedColumns(orm, aThenB, 2);
    assert.ok(again.every((r) => r.rotated === 0));
    const reread = await new CustomerService(orm.em.fork()).findByEmail('c2@installa.test');
    assert.equal(reread?.name, 'Customer 2');
    assert.equal(reread?.phone, '+4155550200');
    assert.equal((await new CustomerService(orm.em.fork()).get(newcomer.id)).name, 'New Key');
  });
});
