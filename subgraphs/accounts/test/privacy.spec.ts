import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../../shared/testing/test-database';
import { errorCode, silentLogger } from '../../shared/testing/subgraph-harness';
import { anonymousViewer, customerViewer, type Viewer } from '../../shared/auth/viewer';
import { asOwner } from '../../shared/db/orm';
import { verifyAuditTrail } from '../../shared/audit/audit-verify';
import { ChainedAuditTrail } from '../../shared/audit/chained-audit-trail';
import { openAccountsOrm } from '../src/orm';
import { createServer } from '../src/server';
import { CustomerService } from '../src/customer/customer.service';
import type { SubgraphServer } from '../../shared/server/subgraph-server';
import type { AccountsContext } from '../src/context';
import type { PersonalDataContributor } from '../src/privacy/personal-data';

const staff = (role: 'AGENT' | 'ADMIN' | 'AUDITOR'): Viewer => ({
  ...anonymousViewer('10.1.2.3', 'test-agent'),
  role,
  subjectId: `${role.toLowerCase()}-1`,
  mfaVerifiedAt: new Date().toISOString(),
});
const steppedUp = (customerId: string): Viewer => ({
  ...customerViewer(customerId),
  mfaVerifiedAt: new Date().toISOString(),
});

describe('accounts data protection', () => {
  let db: TestDatabase;
  let orm: MikroORM;
  let server: SubgraphServer<AccountsContext>;
  let dana: string;
  let kenji: string;
  const erased: string[] = [];
  // stands in for identity's sessions: what the lead wires through createServer's personalData
  const sessions: PersonalDataContributor = {
    name: 'sessions',
    export: async (_em, customerId) => [{ id: `session-of-${customerId}`, userAgent: 'Firefox' }],
    erase: async (_em, customerId) => {
      erased.push(customerId);
    },
  };
  const sql = <T>(text: string, params: unknown[] = []) =>
    orm.em.getConnection().execute<T[]>(text, params);
  const auditOf = (customerId: string) =>
    sql<{ action: string; actor_role: string; after: Record<string, unknown> }>(
      `select action, actor_role, after from accounts.audit_entry where entity_id = ? order by seq`,
      [customerId],
    );
  const withClient = async <T>(work: (c: pg.Client) => Promise<T>) => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };

  before(async () => {
    db = await createTestDatabase();
    orm = await openAccountsOrm(db.url, silentLogger(), 4);
    server = await createServer(
      { SERVICE_SECRET: 'test-service-secret-0123456789' },
      orm,
      silentLogger(),
      { personalData: [sessions] },
    );
    const customers = new CustomerService(orm.em.fork());
    dana = (await customers.create({ name: 'Dana Demo', email: 'Dana@Installa.test' })).id;
    kenji = (await customers.create({ name: 'Kenji Sato', email: 'kenji@installa.test' })).id;
  });

  after(async () => {
    await server.stop();
    await orm.close();
    await db.dispose();
  });

  it('stores names and emails encrypted, with no plaintext in the table', async () => {
    const rows = await sql<Record<string, string>>(`select * from accounts.customer`);
    const text = JSON.stringify(rows).toLowerCase();
    assert.ok(!text.includes('dana'), text);
    assert.ok(!text.includes('installa.test'), text);
    for (const row of rows) {
      assert.match(row.name, /^v1\.dev1\./);
      assert.match(row.email, /^v1\.dev1\./);
      assert.match(row.email_index, /^[0-9a-f]{64}$/);
    }
  });

  it('finds a customer by email through the blind index, case-insensitively', async () => {
    const customers = new CustomerService(orm.em.fork());
    assert.equal((await customers.findByEmail('DANA@installa.TEST'))?.id, dana);
    assert.equal(await customers.findByEmail('nobody@installa.test'), null);
    await assert.rejects(
      customers.create({ name: 'Twin', email: 'dana@installa.test' }),
      (e: unknown) => (e as { extensions?: { code?: string } }).extensions?.code === 'CONFLICT',
    );
  });

  it('shows agents masked personal data and unmasks it on revealCustomer, audited with the reason', async () => {
    const query = 'query($id: ID!) { customer(id: $id) { name email } }';
    const masked = await server.execute<{ customer: { name: string; email: string } }>(
      query,
      { id: dana },
      staff('AGENT'),
    );
    assert.deepEqual(masked.data?.customer, { name: 'D*** D***', email: 'd***@installa.test' });
    assert.equal((await auditOf(dana)).length, 0, 'masked reads are not audited');
    const revealed = await server.execute<{
      revealCustomer: { customer: { name: string; email: string } };
    }>(
      'mutation($input: RevealCustomerInput!) { revealCustomer(input: $input) { customer { name email } } }',
      { input: { id: dana, reason: 'ticket 4711' } },
      staff('AGENT'),
    );
    assert.deepEqual(revealed.data?.revealCustomer.customer, {
      name: 'Dana Demo',
      email: 'dana@installa.test',
    });
    const entries = await auditOf(dana);
    assert.equal(entries.length, 1);
    assert.equal(entries[0].action, 'customer.read_pii');
    assert.equal(entries[0].actor_role, 'AGENT');
    assert.equal(entries[0].after.reason, 'ticket 4711');
  });

  it('audits admin and auditor reads of personal data but not a customer reading themself', async () => {
    const query = 'query($id: ID!) { customer(id: $id) { name email } }';
    const own = await server.execute<{ customer: { name: string } }>(
      query,
      { id: kenji },
      customerViewer(kenji),
    );
    assert.equal(own.data?.customer.name, 'Kenji Sato');
    assert.equal((await auditOf(kenji)).length, 0);
    for (const role of ['ADMIN', 'AUDITOR'] as const) {
      const read = await server.execute<{ customer: { email: string } }>(
        query,
        { id: kenji },
        staff(role),
      );
      assert.equal(read.data?.customer.email, 'kenji@installa.test');
    }
    const entries = await auditOf(kenji);
    assert.deepEqual(
      entries.map((e) => [e.action, e.actor_role, e.after.fields]),
      [
        ['customer.read_pii', 'ADMIN', ['email', 'name']],
        ['customer.read_pii', 'AUDITOR', ['email', 'name']],
      ],
    );
  });

  it('refuses a customer the personal data, export and consents of another customer', async () => {
    const other = customerViewer(kenji);
    const read = await server.execute(
      'query($id: ID!) { customer(id: $id) { email } }',
      { id: dana },
      other,
    );
    assert.equal(errorCode(read), 'FORBIDDEN');
    const consents = await server.execute(
      'query($id: ID!) { customer(id: $id) { consents { purpose } } }',
      { id: dana },
      other,
    );
    assert.equal(errorCode(consents), 'FORBIDDEN');
    const exported = await server.execute(
      'query($id: ID!) { customer(id: $id) { personalDataExport } }',
      { id: dana },
      { ...other, mfaVerifiedAt: new Date().toISOString() },
    );
    assert.equal(errorCode(exported), 'FORBIDDEN');
  });

  it('keeps the consent history: grant, withdraw, grant again; each audited', async () => {
    const grant = `mutation($input: GrantConsentInput!) { grantConsent(input: $input) { ... on Consent { id isActive } } }`;
    const withdraw = `mutation($input: WithdrawConsentInput!) { withdrawConsent(input: $input) { __typename ... on Consent { id isActive withdrawnAt } } }`;
    const me = customerViewer(dana);
    const input = { customerId: dana, purpose: 'MARKETING_EMAIL' };
    const first = await server.execute<{ grantConsent: { id: string } }>(
      grant,
      { input: { ...input, textVersion: '2026-01' } },
      me,
    );
    assert.equal(first.errors, undefined, JSON.stringify(first.errors));
    const again = await server.execute<{ grantConsent: { id: string } }>(
      grant,
      { input: { ...input, textVersion: '2026-01' } },
      me,
    );
    assert.equal(again.data?.grantConsent.id, first.data?.grantConsent.id);
    const withdrawn = await server.execute<{ withdrawConsent: { isActive: boolean } }>(
      withdraw,
      { input },
      me,
    );
    assert.equal(withdrawn.data?.withdrawConsent.isActive, false);
    const repeated = await server.execute<{ withdrawConsent: { isActive: boolean } }>(
      withdraw,
      { input },
      me,
    );
    assert.equal(repeated.data?.withdrawConsent.isActive, false, 'withdrawing again is harmless');
    const never = await server.execute<{ withdrawConsent: { __typename: string } }>(
      withdraw,
      { input: { purpose: 'PARTNER_SHARING' } },
      me,
    );
    assert.equal(never.data?.withdrawConsent.__typename, 'ConsentNotGranted');
    // the portal's shape: no customer id (the signed-in customer), no text version (current)
    const portal = await server.execute<{ grantConsent: { isGranted: boolean; version: string } }>(
      `mutation($input: GrantConsentInput!) { grantConsent(input: $input) { ... on Consent { isGranted version } } }`,
      { input: { purpose: 'PRODUCT_ANALYTICS' } },
      me,
    );
    assert.deepEqual(portal.data?.grantConsent, { isGranted: true, version: '2026-01' });
    await server.execute(
      withdraw,
      { input: { customerId: dana, purpose: 'PRODUCT_ANALYTICS' } },
      me,
    );
    await server.execute(grant, { input: { ...input, textVersion: '2026-02' } }, me);
    const history = await server.execute<{
      customer: { consents: { textVersion: string; isActive: boolean }[] };
    }>(
      'query($id: ID!) { customer(id: $id) { consents(purpose: MARKETING_EMAIL) { textVersion isActive } } }',
      { id: dana },
      me,
    );
    assert.deepEqual(history.data?.customer.consents, [
      { textVersion: '2026-02', isActive: true },
      { textVersion: '2026-01', isActive: false },
    ]);
    const actions = (await auditOf(dana))
      .map((e) => e.action)
      .filter((a) => a.startsWith('consent'));
    assert.deepEqual(actions, [
      'consent.granted',
      'consent.withdrawn',
      'consent.granted',
      'consent.withdrawn',
      'consent.granted',
    ]);
  });

  it('exports everything accounts holds about a customer only after a recent MFA', async () => {
    const query = 'query($id: ID!) { customer(id: $id) { personalDataExport } }';
    const refused = await server.execute(query, { id: dana }, customerViewer(dana));
    assert.equal(errorCode(refused), 'FORBIDDEN');
    assert.equal(refused.errors?.[0].extensions?.reason, 'STEP_UP_REQUIRED');
    const agent = await server.execute(query, { id: dana }, staff('AGENT'));
    assert.equal(errorCode(agent), 'FORBIDDEN');
    const result = await server.execute<{ customer: { personalDataExport: string } }>(
      query,
      { id: dana },
      steppedUp(dana),
    );
    assert.equal(result.errors, undefined, JSON.stringify(result.errors));
    const document = JSON.parse(result.data!.customer.personalDataExport) as {
      customer: { id: string; name: string; email: string };
      consents: { purpose: string; textVersion: string }[];
      auditEntries: { action: string }[];
      sessions: { id: string }[];
    };
    assert.deepEqual(document.sessions, [{ id: `session-of-${dana}`, userAgent: 'Firefox' }]);
    assert.equal(document.customer.id, dana);
    assert.equal(document.customer.name, 'Dana Demo');
    assert.equal(document.customer.email, 'dana@installa.test');
    assert.equal(document.consents.length, 3);
    assert.ok(document.auditEntries.some((e) => e.action === 'consent.withdrawn'));
    assert.equal((await auditOf(dana)).at(-1)?.action, 'customer.exported');
  });

  it('erases a customer by pseudonymisation, keeping the id, idempotently and audited without personal data', async () => {
    const customers = new CustomerService(orm.em.fork());
    const eve = (await customers.create({ name: 'Eve Erased', email: 'eve@installa.test' })).id;
    await orm.em
      .getConnection()
      .execute(`update accounts.customer set phone = ?, postal_address = ? where id = ?`, [
        null,
        null,
        eve,
      ]);
    const erase = `mutation($input: EraseCustomerInput!) { eraseCustomer(input: $input) { ... on CustomerErased { customerId erasedAt } } }`;
    const input = { customerId: eve, reason: 'customer request' };
    const refused = await server.execute(erase, { input }, customerViewer(eve));
    assert.equal(refused.errors?.[0].extensions?.reason, 'STEP_UP_REQUIRED');
    const byAgent = await server.execute(erase, { input }, staff('AGENT'));
    assert.equal(errorCode(byAgent), 'FORBIDDEN');
    await server.execute(
      `mutation($input: GrantConsentInput!) { grantConsent(input: $input) { ... on Consent { id } } }`,
      { input: { customerId: eve, purpose: 'PRODUCT_ANALYTICS', textVersion: '1' } },
      customerViewer(eve),
    );
    const first = await server.execute<{ eraseCustomer: { customerId: string; erasedAt: string } }>(
      erase,
      { input },
      steppedUp(eve),
    );
    assert.equal(first.data?.eraseCustomer.customerId, eve);
    assert.deepEqual(erased, [eve], 'sessions revoked once, through the contributor');
    const second = await server.execute<{ eraseCustomer: { erasedAt: string } }>(
      erase,
      { input },
      staff('ADMIN'),
    );
    assert.equal(second.data?.eraseCustomer.erasedAt, first.data?.eraseCustomer.erasedAt);
    const read = await server.execute<{
      customer: {
        id: string;
        name: string;
        email: string;
        phone: null;
        consents: { isActive: boolean }[];
      };
    }>(
      'query($id: ID!) { customer(id: $id) { id name email phone consents { isActive } } }',
      { id: eve },
      staff('ADMIN'),
    );
    assert.deepEqual(read.data?.customer, {
      id: eve,
      name: 'Erased customer',
      email: `erased-${eve}@invalid`,
      phone: null,
      consents: [{ isActive: false }],
    });
    assert.equal(await new CustomerService(orm.em.fork()).findByEmail('eve@installa.test'), null);
    const entries = (await auditOf(eve)).filter((e) => e.action === 'customer.erased');
    assert.equal(entries.length, 1, 'erasing again is not audited again');
    const trail = JSON.stringify(await sql(`select * from accounts.audit_entry`));
    assert.ok(!/eve/i.test(trail.replace(/"entity_type":"[^"]*"/g, '')), trail);
    assert.deepEqual(Object.keys(entries[0].after.name as object).sort(), [
      'fingerprint',
      'redacted',
    ]);
  });

  it('lists the audit trail to auditors and admins only', async () => {
    const query =
      'query($id: String) { auditEntries(first: 2, entityId: $id) { edges { node { seq action } } pageInfo { hasNextPage endCursor } } }';
    const agent = await server.execute(query, { id: dana }, staff('AGENT'));
    assert.equal(errorCode(agent), 'FORBIDDEN');
    const mine = await server.execute(query, { id: dana }, customerViewer(dana));
    assert.equal(errorCode(mine), 'FORBIDDEN');
    const page = await server.execute<{
      auditEntries: {
        edges: { node: { seq: string; action: string } }[];
        pageInfo: { hasNextPage: boolean };
      };
    }>(query, { id: dana }, staff('AUDITOR'));
    assert.equal(page.data?.auditEntries.edges.length, 2);
    assert.equal(page.data?.auditEntries.pageInfo.hasNextPage, true);
    const seqs = page.data!.auditEntries.edges.map((e) => Number(e.node.seq));
    assert.ok(seqs[0] > seqs[1], 'newest first');
  });

  it('chains concurrent appends one after the other without gaps or forks', async () => {
    const trail = new ChainedAuditTrail();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        trail.record(orm.em.fork(), staff('ADMIN'), {
          action: 'test.concurrent',
          entityType: 'Test',
          entityId: String(i),
        }),
      ),
    );
    const result = await withClient((c) => verifyAuditTrail(c, 'accounts'));
    assert.equal(result.firstBrokenSeq, null, result.reason ?? '');
    const [{ count }] = await sql<{ count: string }>(
      `select count(*) as count from accounts.audit_entry where action = 'test.concurrent'`,
    );
    assert.equal(Number(count), 20);
  });

  it('refuses UPDATE, DELETE and TRUNCATE of the audit trail to the application role', async () => {
    const [{ role }] = await sql<{ role: string }>('select current_user as role');
    assert.equal(role, 'installa_app');
    for (const statement of [
      `update accounts.audit_entry set action = 'x'`,
      `delete from accounts.audit_entry`,
      `truncate accounts.audit_entry`,
    ]) {
      await assert.rejects(sql(statement), /permission denied/, statement);
    }
    await assert.rejects(sql(`delete from accounts.mikro_orm_migrations`), /permission denied/);
  });

  it('verifies the audit chain and names the first entry an owner tampered with', async () => {
    const intact = await withClient((c) => verifyAuditTrail(c, 'accounts', 3));
    assert.equal(intact.firstBrokenSeq, null, intact.reason ?? '');
    assert.ok(intact.entries >= 10);
    await asOwner(db.url, (c) =>
      c.query(`update accounts.audit_entry set ip = '1.2.3.4' where seq = 5`),
    );
    const tampered = await withClient((c) => verifyAuditTrail(c, 'accounts', 3));
    assert.equal(tampered.firstBrokenSeq, 5);
    await asOwner(db.url, (c) => c.query(`delete from accounts.audit_entry where seq = 3`));
    const gap = await withClient((c) => verifyAuditTrail(c, 'accounts'));
    assert.equal(gap.firstBrokenSeq, 3);
  });
});
