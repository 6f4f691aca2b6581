import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createTestDatabase, type TestDatabase } from '../../shared/testing/test-database';
import { silentLogger } from '../../shared/testing/subgraph-harness';
import { openAccountsOrm } from '../src/orm';
import { CustomerService } from '../src/customer/customer.service';
import { assertNoDemoAccounts, createDemoLogin } from '../src/identity/demo-accounts';
import { PasswordHasher } from '../src/identity/password';

describe('demo accounts in production', () => {
  let db: TestDatabase;
  let orm: MikroORM;

  before(async () => {
    db = await createTestDatabase();
    orm = await openAccountsOrm(db.url, silentLogger(), 2);
  });

  after(async () => {
    await orm.close();
    await db.dispose();
  });

  it('are refused: the check passes on real data and throws once a demo login exists', async () => {
    const em = orm.em.fork();
    await new CustomerService(em).create({ name: 'Real', email: 'real@example.test' });
    await assertNoDemoAccounts(orm);
    const demo = await new CustomerService(em).create({ name: 'D', email: 'demo@installa.test' });
    await assert.rejects(assertNoDemoAccounts(orm), /Demo accounts/);
    await createDemoLogin(em, new PasswordHasher(), {
      subjectType: 'CUSTOMER',
      subjectId: demo.id,
      email: 'demo@installa.test',
      password: 'demo-password-123',
    });
    await em.flush();
    await assert.rejects(assertNoDemoAccounts(orm), /Demo accounts/);
  });
});
