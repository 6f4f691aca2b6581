import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  seedCustomer,
  seedStaff,
  signInFully,
  startIdentityHarness,
  type IdentityHarness,
} from './identity-harness';

const PASSWORD = 'correct horse battery staple';

/** Tables whose plaintext personal columns belong to work in progress elsewhere. */
const CUSTOMER_TABLE = 'customer';

describe('no plaintext secrets or emails at rest', () => {
  let h: IdentityHarness;
  const secrets: string[] = [PASSWORD];

  before(async () => {
    h = await startIdentityHarness();
    const staff = await seedStaff(h, 'staff.member@example.test', PASSWORD, 'ADMIN');
    secrets.push(staff.totpSecret);
    const customer = await seedCustomer(h, 'secret.customer@example.test', PASSWORD, {
      totp: true,
    });
    secrets.push(customer.totpSecret as string);
    const session = await signInFully(h, 'staff.member@example.test', PASSWORD, staff.totpSecret);
    secrets.push(session.token);
    const key = await h.server.execute<{ createApiKey: { secret: string } }>(
      'mutation($e: DateTime!) { createApiKey(input: { name: "k", scopes: [PLANS_READ], expiresAt: $e }) { secret } }',
      { e: new Date(h.clock.now().getTime() + 86_400_000).toISOString() },
      session.viewer,
    );
    secrets.push(key.data!.createApiKey.secret);
    await seedCustomer(h, 'enrolling@example.test', PASSWORD);
    const enrolling = await signInFully(h, 'enrolling@example.test', PASSWORD);
    const started = await h.server.execute<{ startMfaEnrollment: { secret: string } }>(
      'mutation { startMfaEnrollment { secret } }',
      {},
      enrolling.viewer,
    );
    secrets.push(started.data!.startMfaEnrollment.secret);
    await h.server.execute(
      'mutation { requestPasswordReset(input: { email: "secret.customer@example.test" }) { message } }',
    );
    secrets.push(/#token=([\w-]{43})/.exec(h.mailer.sent.at(-1)?.text ?? '')?.[1] as string);
    assert.equal(secrets.filter(Boolean).length, 7);
  });

  after(() => h.stop());

  const tableRows = async (): Promise<Map<string, string>> => {
    const connection = h.orm.em.fork().getConnection();
    const tables = await connection.execute<{ table_name: string }[]>(
      `select table_name from information_schema.tables where table_schema = 'accounts'
       and table_type = 'BASE TABLE' and table_name <> 'mikro_orm_migrations'`,
    );
    const dumps = new Map<string, string>();
    for (const { table_name } of tables) {
      const rows = await connection.execute(`select * from accounts."${table_name}"`);
      dumps.set(table_name, JSON.stringify(rows));
    }
    return dumps;
  };

  it('stores identity tables without emails, passwords, tokens, keys or TOTP secrets', async () => {
    const dumps = await tableRows();
    assert.ok(dumps.has('credential') && dumps.has('session') && dumps.has('staff_user'));
    for (const [table, dump] of dumps) {
      if (table === CUSTOMER_TABLE) continue;
      assert.ok(!dump.includes('@'), `${table} holds an email: ${dump.slice(0, 300)}`);
      for (const secret of secrets)
        assert.ok(!dump.includes(secret), `${table} holds a secret in the clear`);
    }
  });

  it('stores the customer table without plaintext emails', async () => {
    const dumps = await tableRows();
    assert.ok(!dumps.get(CUSTOMER_TABLE)?.includes('@'));
  });

  it('names no personal or secret column in plain text types except encrypted ones', async () => {
    const connection = h.orm.em.fork().getConnection();
    const columns = await connection.execute<{ table_name: string; column_name: string }[]>(
      `select table_name, column_name from information_schema.columns
       where table_schema = 'accounts' and column_name ~ '(email|name|secret|token|password|ip|user_agent)'`,
    );
    const allowed = new Set([
      'credential.email_index',
      'credential.email_verified_at',
      'credential.password_hash',
      'credential.totp_secret',
      'staff_user.name',
      'staff_user.email',
      'staff_user.email_index',
      'session.token_hash',
      'session.ip',
      'session.user_agent',
      'one_time_token.token_hash',
      'api_key.name',
      'api_key.secret_hash',
      'sign_in_throttle.email_index',
      'mikro_orm_migrations.name',
      'customer.name',
      'customer.email',
      'customer.email_index',
      'customer.name_index',
      'consent.source_ip',
      // who acted, kept in the clear in the hash-chained audit trail: encrypting would make key
      // rotation rewrite (and so break) the chain; retention is the trail's (README, Data protection)
      'audit_entry.ip',
      'audit_entry.user_agent',
    ]);
    const unexpected = columns
      .map((c) => `${c.table_name}.${c.column_name}`)
      .filter((c) => !allowed.has(c));
    assert.deepEqual(unexpected, []);
  });
});
