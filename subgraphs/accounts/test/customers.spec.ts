import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createTestDatabase, type TestDatabase } from '../../shared/testing/test-database';
import { StatementCounter, errorCode, silentLogger } from '../../shared/testing/subgraph-harness';
import { openAccountsOrm } from '../src/orm';
import { createServer } from '../src/server';
import { CustomerService } from '../src/customer/customer.service';
import type { SingleResult, SubgraphServer } from '../../shared/server/subgraph-server';
import type { AccountsContext } from '../src/context';
import {
  anonymousViewer,
  customerViewer,
  type ApiScope,
  type Viewer,
} from '../../shared/auth/viewer';
import { IDENTITY_HEADER, identityKey, signIdentity } from '../../shared/auth/identity-header';

const serviceViewer = (scopes: ApiScope[]): Viewer => ({
  ...anonymousViewer('internal'),
  role: 'SERVICE',
  subjectId: 'key',
  scopes,
});

const SECRET = 'test-service-secret-0123456789';

describe('accounts subgraph', () => {
  let db: TestDatabase;
  let orm: MikroORM;
  let server: SubgraphServer<AccountsContext>;
  const counter = new StatementCounter();
  const ids: string[] = [];

  before(async () => {
    db = await createTestDatabase();
    orm = await openAccountsOrm(db.url, silentLogger(), 4, counter.onQuery);
    server = await createServer({ SERVICE_SECRET: SECRET }, orm, silentLogger());
    const customers = new CustomerService(orm.em.fork());
    for (let i = 0; i < 120; i += 1) {
      ids.push(
        (await customers.create({ name: `Customer ${i}`, email: `Customer${i}@Example.test` })).id,
      );
    }
  });

  after(async () => {
    await server.stop();
    await orm.close();
    await db.dispose();
  });

  it('returns a customer by id with the email stored lower-case', async () => {
    const result = await server.execute<{ customer: { name: string; email: string } }>(
      'query($id: ID!) { customer(id: $id) { name email locale } }',
      { id: ids[3] },
    );
    assert.deepEqual(result.data?.customer, {
      name: 'Customer 3',
      email: 'customer3@example.test',
      locale: 'en-US',
    });
  });

  it('answers NOT_FOUND for an unknown customer', async () => {
    const result = await server.execute('query($id: ID!) { customer(id: $id) { id } }', {
      id: '00000000-0000-4000-8000-000000000000',
    });
    assert.equal(errorCode(result), 'NOT_FOUND');
  });

  it('resolves `me` to null for an anonymous caller and for an API key', async () => {
    const anonymous = await server.execute('{ me { id } }', {}, anonymousViewer());
    assert.deepEqual(anonymous.data, { me: null });
    const service = await server.execute('{ me { id } }', {}, serviceViewer(['customers:read']));
    assert.deepEqual(service.data, { me: null });
  });

  it('lets a customer read only itself, by id and through _entities (IDOR)', async () => {
    const [own, other] = [ids[0] as string, ids[1] as string];
    const viewer = customerViewer(own);
    const byId = 'query($id: ID!) { customer(id: $id) { id } }';
    assert.equal((await server.execute(byId, { id: own }, viewer)).errors, undefined);
    assert.equal(errorCode(await server.execute(byId, { id: other }, viewer)), 'FORBIDDEN');
    const entities = await server.execute(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id name } } }',
      { r: [{ __typename: 'Customer', id: other }] },
      viewer,
    );
    assert.equal(errorCode(entities), 'FORBIDDEN');
    assert.equal(
      errorCode(await server.execute('{ customers { edges { cursor } } }', {}, viewer)),
      'FORBIDDEN',
    );
  });

  it('refuses anonymous readers and API keys without customers:read', async () => {
    const byId = 'query($id: ID!) { customer(id: $id) { id } }';
    const id = ids[0];
    assert.equal(
      errorCode(await server.execute(byId, { id }, anonymousViewer())),
      'UNAUTHENTICATED',
    );
    assert.equal(
      errorCode(await server.execute(byId, { id }, serviceViewer(['plans:read']))),
      'FORBIDDEN',
    );
    assert.equal(
      (await server.execute(byId, { id }, serviceViewer(['customers:read']))).errors,
      undefined,
    );
    const auditor = { ...serviceViewer([]), role: 'AUDITOR' as const, scopes: [] };
    assert.equal(
      (await server.execute('{ customers(first: 1) { edges { cursor } } }', {}, auditor)).errors,
      undefined,
    );
  });

  it('pages through customers with cursors, oldest first, without gaps or repeats', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: SingleResult<{
        customers: {
          edges: { node: { id: string } }[];
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
        };
      }> = await server.execute(
        'query($after: String) { customers(first: 50, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }',
        { after },
      );
      const connection = page.data?.customers;
      assert.ok(connection);
      seen.push(...connection.edges.map((e) => e.node.id));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    assert.deepEqual(seen, ids);
  });

  it('rejects a malformed cursor and an oversized page with BAD_USER_INPUT', async () => {
    const badCursor = await server.execute(
      '{ customers(after: "not-a-cursor") { edges { cursor } } }',
    );
    assert.equal(errorCode(badCursor), 'BAD_USER_INPUT');
    const tooMany = await server.execute('{ customers(first: 101) { edges { cursor } } }');
    assert.equal(errorCode(tooMany), 'BAD_USER_INPUT');
  });

  for (const n of [1, 100]) {
    it(`resolves ${n} Customer references with one SQL statement`, async () => {
      const representations = ids.slice(0, n).map((id) => ({ __typename: 'Customer', id }));
      const { result, statements } = await counter.count(() =>
        server.execute<{ _entities: { id: string; name: string }[] }>(
          'query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id name } } }',
          { r: representations },
        ),
      );
      assert.equal(result.errors, undefined);
      assert.deepEqual(
        result.data?._entities.map((e) => e.id),
        ids.slice(0, n),
      );
      // one SELECT of customers; the staff read of names is audited with one batched INSERT
      const customerReads = statements.filter((s) => /from "accounts"\."customer"/.test(s));
      assert.equal(customerReads.length, 1, statements.join('\n'));
      const auditInserts = statements.filter((s) =>
        /insert into "accounts"\."audit_entry"/.test(s),
      );
      assert.equal(auditInserts.length, 1, statements.join('\n'));
    });
  }

  it('refuses GraphQL requests without the service secret (nothing bypasses the gateway)', async () => {
    const port = await server.listen(0);
    const post = (headers: Record<string, string>) =>
      fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query: '{ me { id } }' }),
      });
    const refused = await post({});
    assert.equal(refused.status, 401);
    assert.equal(
      ((await refused.json()) as { errors: { extensions: { code: string } }[] }).errors[0]
        .extensions.code,
      'UNAUTHENTICATED',
    );
    const forged = await post({ 'x-installa-service-secret': 'wrong-secret-wrong-secret-wrong' });
    assert.equal(forged.status, 401);
    const noIdentity = await post({ 'x-installa-service-secret': SECRET });
    assert.equal(noIdentity.status, 401);
    const allowed = await post({
      'x-installa-service-secret': SECRET,
      [IDENTITY_HEADER]: signIdentity(anonymousViewer(), identityKey(SECRET)),
    });
    assert.equal(allowed.status, 200);
    const health = await fetch(`http://127.0.0.1:${port}/readyz`);
    assert.equal(health.status, 200);
  });
});
