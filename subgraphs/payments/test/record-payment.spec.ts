import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { verifyAuditTrail } from '../../shared/audit/audit-verify';
import { createTestDatabase, type TestDatabase } from '../../shared/testing/test-database';
import { StatementCounter, errorCode, silentLogger } from '../../shared/testing/subgraph-harness';
import { receiveEvent } from '../../shared/events/inbox-receiver';
import { openPaymentsOrm } from '../src/orm';
import { createServer, type PaymentsService } from '../src/server';
import { PLAN_OPENED, planOpenedHandler } from '../src/plan-directory/plan-opened.handler';

const RECORD = `mutation($input: RecordPaymentInput!) { recordPayment(input: $input) {
  __typename
  ... on PaymentRecorded { payment { id amount currency status plan { id } } }
  ... on UserError { code message }
  ... on CurrencyMismatch { planCurrency }
} }`;

type RecordResult = {
  recordPayment: {
    __typename: string;
    code?: string;
    planCurrency?: string;
    payment?: { id: string; amount: string; currency: string };
  };
};

describe('PaymentService.recordPayment through the payments subgraph', () => {
  let db: TestDatabase;
  let orm: MikroORM;
  let service: PaymentsService;
  const counter = new StatementCounter();
  const planId = randomUUID();
  const jpyPlanId = randomUUID();
  const customerId = randomUUID();
  const record = (input: Record<string, unknown>) =>
    service.server.execute<RecordResult>(RECORD, {
      input: { planId, currency: 'USD', idempotencyKey: randomUUID(), ...input },
    });

  before(async () => {
    db = await createTestDatabase();
    orm = await openPaymentsOrm(db.url, silentLogger(), 4, counter.onQuery);
    service = await createServer(
      { SERVICE_SECRET: 'test-service-secret-0123456789', SCHEDULES_URL: 'http://127.0.0.1:9' },
      orm,
      silentLogger(),
    );
    await service.outbox.stop(); // schedules is not running here; events stay in the outbox
    for (const [id, currency] of [
      [planId, 'USD'],
      [jpyPlanId, 'JPY'],
    ]) {
      await receiveEvent(
        orm,
        { [PLAN_OPENED]: planOpenedHandler },
        { id: randomUUID(), topic: PLAN_OPENED, payload: { planId: id, customerId, currency } },
      );
    }
  });

  after(async () => {
    await service.stop();
    await orm.close();
    await db.dispose();
  });

  it('records a payment and writes the event for schedules in the same transaction', async () => {
    const result = await record({ amount: '125.5' });
    assert.equal(result.data?.recordPayment.__typename, 'PaymentRecorded');
    assert.equal(result.data?.recordPayment.payment?.amount, '125.50');
    const rows = await orm.em
      .getConnection()
      .execute<{ payload: { amount: string; planId: string } }[]>(
        `select payload from payments.outbox_event where topic = 'payment.recorded'`,
      );
    assert.deepEqual(
      rows.map((r) => [r.payload.planId, r.payload.amount]),
      [[planId, '125.50']],
    );
  });

  it('audits each recorded payment in the hash chain, with who recorded it', async () => {
    const recorded = await record({ amount: '12.34' });
    const id = recorded.data?.recordPayment.payment?.id;
    const rows = await orm.em
      .getConnection()
      .execute<{ action: string; actor_role: string; after: { amount: string } }[]>(
        'select action, actor_role, "after" from payments.audit_entry where entity_id = ?',
        [id],
      );
    assert.equal(rows.length, 1);
    assert.equal(rows[0]?.action, 'payment.recorded');
    assert.equal(rows[0]?.actor_role, 'ADMIN');
    assert.equal(rows[0]?.after.amount, '12.34');
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const chain = await verifyAuditTrail(client, 'payments');
      assert.equal(chain.firstBrokenSeq, null);
      assert.ok(chain.entries >= 1);
    } finally {
      await client.end();
    }
  });

  it('returns the first payment for a repeated idempotency key and records nothing new', async () => {
    const key = randomUUID();
    const first = await record({ amount: '10.00', idempotencyKey: key });
    const again = await record({ amount: '10.00', idempotencyKey: key });
    assert.equal(again.data?.recordPayment.payment?.id, first.data?.recordPayment.payment?.id);
    const rows = await orm.em
      .getConnection()
      .execute<{ count: string }[]>(
        `select count(*) from payments.payment where idempotency_key = ?`,
        [key],
      );
    assert.equal(Number(rows[0].count), 1);
  });

  it('records concurrent identical requests once', async () => {
    const key = randomUUID();
    const results = await Promise.all(
      Array.from({ length: 5 }, () => record({ amount: '7.00', idempotencyKey: key })),
    );
    const ids = new Set(results.map((r) => r.data?.recordPayment.payment?.id));
    assert.equal(ids.size, 1);
    const rows = await orm.em
      .getConnection()
      .execute<{ count: string }[]>(
        `select count(*) from payments.outbox_event where payload->>'paymentId' = ?`,
        [[...ids][0]],
      );
    assert.equal(Number(rows[0].count), 1);
  });

  it('answers CONFLICT when an idempotency key is reused for a different payment', async () => {
    const key = randomUUID();
    await record({ amount: '10.00', idempotencyKey: key });
    assert.equal(errorCode(await record({ amount: '11.00', idempotencyKey: key })), 'CONFLICT');
  });

  it('returns PlanNotFound and CurrencyMismatch as data', async () => {
    const missing = await record({ amount: '1.00', planId: randomUUID() });
    assert.equal(missing.data?.recordPayment.__typename, 'PlanNotFound');
    assert.equal(missing.data?.recordPayment.code, 'PLAN_NOT_FOUND');
    const mismatch = await record({ amount: '1.00', planId: jpyPlanId });
    assert.deepEqual(
      [mismatch.data?.recordPayment.__typename, mismatch.data?.recordPayment.planCurrency],
      ['CurrencyMismatch', 'JPY'],
    );
  });

  const invalid: [string, Record<string, unknown>][] = [
    ['a JSON number for the amount', { amount: 12.5 }],
    ['a negative amount', { amount: '-1.00' }],
    ['a zero amount', { amount: '0' }],
    ['more decimals than the currency has', { amount: '1.005' }],
    ['an exponent', { amount: '1e3' }],
    ['an unknown currency', { amount: '1.00', currency: 'XYZ' }],
    ['a lower-case currency', { amount: '1.00', currency: 'usd' }],
    ['a short idempotency key', { amount: '1.00', idempotencyKey: 'abc' }],
    ['a plan id that is not a UUID', { amount: '1.00', planId: "1' or '1'='1" }],
  ];
  for (const [what, input] of invalid) {
    it(`rejects ${what} with BAD_USER_INPUT and records nothing`, async () => {
      const before = await orm.em
        .getConnection()
        .execute<{ count: string }[]>('select count(*) from payments.payment');
      const result = await record(input);
      assert.equal(errorCode(result), 'BAD_USER_INPUT', JSON.stringify(result.errors));
      const after = await orm.em
        .getConnection()
        .execute<{ count: string }[]>('select count(*) from payments.payment');
      assert.equal(after[0].count, before[0].count);
    });
  }

  it('lists payments of a plan and of a customer through references', async () => {
    const result = await service.server.execute<{
      _entities: { payments: { amount: string }[] }[];
    }>(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on InstallmentPlan { payments { amount } } ... on Customer { payments { amount } } } }',
      {
        r: [
          { __typename: 'InstallmentPlan', id: planId },
          { __typename: 'Customer', id: customerId },
        ],
      },
    );
    assert.equal(result.errors, undefined);
    const [plan, customer] = result.data?._entities ?? [];
    assert.ok(plan.payments.length >= 4);
    assert.deepEqual(customer.payments, plan.payments);
  });

  for (const n of [1, 100]) {
    it(`resolves ${n} Payment references with one SQL statement`, async () => {
      for (let i = await orm.em.fork().count('Payment'); i < 100; i += 1)
        await record({ amount: '1.00' });
      const ids = (
        await orm.em
          .getConnection()
          .execute<{ id: string }[]>(
            'select id from payments.payment order by created_at limit ?',
            [n],
          )
      ).map((r) => r.id);
      const { result, statements } = await counter.count(() =>
        service.server.execute<{ _entities: { id: string }[] }>(
          'query($r: [_Any!]!) { _entities(representations: $r) { ... on Payment { id amount } } }',
          { r: ids.map((id) => ({ __typename: 'Payment', id })) },
        ),
      );
      assert.deepEqual(
        result.data?._entities.map((e) => e.id),
        ids,
      );
      assert.equal(statements.length, 1, statements.join('\n'));
    });
  }
});
