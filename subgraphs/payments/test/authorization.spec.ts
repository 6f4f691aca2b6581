import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createTestDatabase, type TestDatabase } from '../../shared/testing/test-database';
import { StatementCounter, silentLogger } from '../../shared/testing/subgraph-harness';
import {
  OWNER_READ,
  SIGNED_IN,
  matrixViewers,
  describeAuthorizationMatrix,
  type MatrixRow,
  outcomeOf,
  serviceViewer,
  type Expectations,
} from '../../shared/testing/authorization-matrix';
import type { Viewer } from '../../shared/auth/viewer';
import type { SingleResult } from '../../shared/server/subgraph-server';
import { receiveEvent } from '../../shared/events/inbox-receiver';
import { openPaymentsOrm } from '../src/orm';
import { createServer, type PaymentsService } from '../src/server';
import { buildPaymentsSchema } from '../src/schema';
import { PLAN_OPENED, planOpenedHandler } from '../src/plan-directory/plan-opened.handler';

const RECORD = `mutation($input: RecordPaymentInput!) { recordPayment(input: $input) {
  __typename ... on PaymentRecorded { payment { id amount } } ... on UserError { code } } }`;

/** Paying: customers their own plans, agents and admins any, keys with payments:write. */
const PAY: Expectations = { ...OWNER_READ, auditor: 'FORBIDDEN' };

describe('payments authorization', () => {
  let db: TestDatabase;
  let orm: MikroORM;
  let service: PaymentsService;
  const counter = new StatementCounter();
  const customerA = randomUUID();
  const customerB = randomUUID();
  const planA = randomUUID();
  const planB = randomUUID();
  const payments = { a: '', a2: '', b: '' };
  const viewers = matrixViewers(
    customerA,
    customerB,
    ['payments:read', 'payments:write'],
    ['plans:read'],
  );
  const execute = (query: string, variables: Record<string, unknown>, viewer: Viewer) =>
    service.server.execute(query, variables, viewer);
  const record = (planId: string, viewer: Viewer, idempotencyKey = randomUUID()) =>
    execute(RECORD, { input: { planId, amount: '1.00', currency: 'USD', idempotencyKey } }, viewer);
  const recordedId = (result: SingleResult<unknown>) =>
    (result.data as { recordPayment: { payment: { id: string } } }).recordPayment.payment.id;
  const entities = (type: string, ids: string[], selection: string) => (viewer: Viewer) =>
    execute(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on ${type} { ${selection} } } }`,
      { r: ids.map((id) => ({ __typename: type, id })) },
      viewer,
    );

  const rows = (): MatrixRow[] => [
    {
      key: 'Query.payment',
      expect: OWNER_READ,
      run: (v) =>
        execute('query($id: ID!) { payment(id: $id) { id amount } }', { id: payments.a }, v),
    },
    { key: 'Mutation.recordPayment', expect: PAY, run: (v) => record(planA, v) },
    { key: '_entities.Payment', expect: OWNER_READ, run: entities('Payment', [payments.a], 'id') },
    {
      key: '_entities.InstallmentPlan',
      expect: SIGNED_IN,
      run: entities('InstallmentPlan', [planA], 'id'),
    },
    { key: '_entities.Customer', expect: SIGNED_IN, run: entities('Customer', [customerA], 'id') },
    {
      key: 'InstallmentPlan.payments',
      expect: OWNER_READ,
      run: entities('InstallmentPlan', [planA], 'payments { id }'),
    },
    {
      key: 'Customer.payments',
      expect: OWNER_READ,
      run: entities('Customer', [customerA], 'payments { id }'),
    },
  ];

  before(async () => {
    db = await createTestDatabase();
    orm = await openPaymentsOrm(db.url, silentLogger(), 4, counter.onQuery);
    service = await createServer(
      { SERVICE_SECRET: 'test-service-secret-0123456789', SCHEDULES_URL: 'http://127.0.0.1:9' },
      orm,
      silentLogger(),
    );
    await service.outbox.stop(); // schedules is not running here; events stay in the outbox
    for (const [planId, customerId] of [
      [planA, customerA],
      [planB, customerB],
    ]) {
      await receiveEvent(
        orm,
        { [PLAN_OPENED]: planOpenedHandler },
        { id: randomUUID(), topic: PLAN_OPENED, payload: { planId, customerId, currency: 'USD' } },
      );
    }
    payments.a = recordedId(await record(planA, viewers.customerA));
    payments.a2 = recordedId(await record(planA, viewers.agent));
    payments.b = recordedId(await record(planB, viewers.customerB));
  });

  after(async () => {
    await service.stop();
    await orm.close();
    await db.dispose();
  });

  describeAuthorizationMatrix(rows, viewers, () => buildPaymentsSchema());

  it("answers another customer's payment exactly like a payment that does not exist", async () => {
    const ask = (id: string) =>
      execute('query($id: ID!) { payment(id: $id) { id amount } }', { id }, viewers.customerB);
    const [other, unknown, malformed] = await Promise.all([
      ask(payments.a),
      ask(randomUUID()),
      ask('1; drop table payment'),
    ]);
    assert.equal(other.data, null);
    assert.deepEqual(other.errors?.[0]?.extensions, { reason: 'OWNERSHIP', code: 'FORBIDDEN' });
    const strip = (r: SingleResult<unknown>) => ({ data: r.data, errors: r.errors });
    assert.deepEqual(strip(unknown), strip(other));
    assert.deepEqual(strip(malformed), strip(other));
  });

  it('resolves a batch of Payment references with one statement: null and FORBIDDEN only where the payment is not the customer’s', async () => {
    const { result, statements } = await counter.count(() =>
      entities('Payment', [payments.a, payments.b, payments.a2], 'id amount')(viewers.customerA),
    );
    const data = result.data as { _entities: ({ id: string } | null)[] };
    assert.deepEqual(
      data._entities.map((e) => e?.id ?? null),
      [payments.a, null, payments.a2],
    );
    assert.deepEqual(
      result.errors?.map((e) => [e.path, e.extensions?.code]),
      [[['_entities', 1], 'FORBIDDEN']],
    );
    assert.equal(statements.length, 1, statements.join('\n'));
  });

  it("refuses a customer's payment on another's plan or an unknown plan alike, and records nothing", async () => {
    const count = async () => orm.em.fork().count('Payment');
    const before = await count();
    const other = await record(planB, viewers.customerA);
    const unknown = await record(randomUUID(), viewers.customerA);
    assert.deepEqual(
      [other, unknown].map((r) => [r.data, r.errors?.[0]?.extensions]),
      [
        [null, { reason: 'OWNERSHIP', code: 'FORBIDDEN' }],
        [null, { reason: 'OWNERSHIP', code: 'FORBIDDEN' }],
      ],
    );
    assert.equal(await count(), before);
  });

  it('needs payments:write, not just payments:read, for an API key to record a payment', async () => {
    const readOnlyKey = serviceViewer(['payments:read', 'plans:read'], 'api-key-3');
    const result = await record(planA, readOnlyKey);
    assert.deepEqual(result.errors?.[0]?.extensions, { reason: 'SCOPE', code: 'FORBIDDEN' });
  });

  it('still answers PlanNotFound as data to staff', async () => {
    const result = await record(randomUUID(), viewers.agent);
    assert.equal(
      (result.data as { recordPayment: { __typename: string } }).recordPayment.__typename,
      'PlanNotFound',
    );
  });

  it("does not hand another customer's payment back for a reused idempotency key", async () => {
    const key = randomUUID();
    await record(planA, viewers.customerA, key);
    const replay = await record(planA, viewers.customerB, key);
    assert.deepEqual(replay.errors?.[0]?.extensions, { reason: 'OWNERSHIP', code: 'FORBIDDEN' });
  });

  it('refuses a customer the payments of a plan that is not theirs, known or not', async () => {
    for (const planId of [planB, randomUUID()]) {
      const result = await entities(
        'InstallmentPlan',
        [planId],
        'payments { id }',
      )(viewers.customerA);
      assert.equal(outcomeOf(result), 'FORBIDDEN', planId);
    }
  });
});
