import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createTestDatabase, type TestDatabase } from '../../shared/testing/test-database';
import { StatementCounter, errorCode, silentLogger } from '../../shared/testing/subgraph-harness';
import { receiveEvent } from '../../shared/events/inbox-receiver';
import { createAppPubSub } from '../../shared/events/pubsub';
import { Dec } from '../../shared/money/money';
import { openSchedulesOrm } from '../src/orm';
import { createServer, type SchedulesService } from '../src/server';
import { PlanService } from '../src/plan/plan.service';
import { PAYMENT_RECORDED, paymentRecordedHandler } from '../src/payment-intake/payment-intake';

const TODAY = '2026-03-10';
const PLAN_FIELDS =
  'id repaidPercent status outstandingBalance { amount currency } paidAmount { amount } nextInstallment { number } installments { number dueDate principal interest fees total paidTotal status }';

describe('schedules subgraph', () => {
  let db: TestDatabase;
  let orm: MikroORM;
  let service: SchedulesService;
  const counter = new StatementCounter();
  const customerId = randomUUID();
  const planIds: string[] = [];
  const pubSub = createAppPubSub().pubSub;
  const pay = (planId: string, amount: string, paymentId = randomUUID()) =>
    receiveEvent(
      orm,
      { [PAYMENT_RECORDED]: paymentRecordedHandler(pubSub, silentLogger(), () => TODAY) },
      {
        id: paymentId,
        topic: PAYMENT_RECORDED,
        payload: { paymentId, planId, amount, currency: 'USD' },
      },
    );

  before(async () => {
    db = await createTestDatabase();
    orm = await openSchedulesOrm(db.url, silentLogger(), 4, counter.onQuery);
    service = await createServer(
      {
        SERVICE_SECRET: 'test-service-secret-0123456789',
        PAYMENTS_URL: 'http://127.0.0.1:9',
        BUSINESS_DATE: TODAY,
      },
      orm,
      silentLogger(),
    );
    await service.outbox.stop(); // payments is not running here; rows stay in the outbox
    const plans = new PlanService(orm.em.fork(), () => TODAY);
    for (let i = 0; i < 100; i += 1) {
      const plan = await plans.openPlan({
        customerId,
        title: `Plan ${i}`,
        currency: 'USD',
        principal: new Dec('300.00'),
        installments: [
          {
            dueDate: '2026-02-01',
            principal: new Dec('100.00'),
            interest: new Dec('2.50'),
            fees: new Dec('1.00'),
          },
          {
            dueDate: '2026-04-01',
            principal: new Dec('100.00'),
            interest: new Dec('1.50'),
            fees: new Dec('0'),
          },
          {
            dueDate: '2026-05-01',
            principal: new Dec('100.00'),
            interest: new Dec('0.75'),
            fees: new Dec('0'),
          },
        ],
      });
      planIds.push(plan.id);
    }
  });

  after(async () => {
    await service.stop();
    await orm.close();
    await db.dispose();
  });

  it('shows a plan with an overdue installment as DELINQUENT with the right balance', async () => {
    const result = await service.server.execute<{
      plan: {
        status: string;
        outstandingBalance: { amount: string };
        installments: { status: string; total: string }[];
      };
    }>(`query($id: ID!) { plan(id: $id) { ${PLAN_FIELDS} } }`, { id: planIds[0] });
    assert.equal(result.data?.plan.status, 'DELINQUENT');
    assert.equal(result.data?.plan.outstandingBalance.amount, '305.75');
    assert.deepEqual(
      result.data?.plan.installments.map((i) => [i.total, i.status]),
      [
        ['103.50', 'OVERDUE'],
        ['101.50', 'UPCOMING'],
        ['100.75', 'UPCOMING'],
      ],
    );
  });

  it('allocates a payment oldest installment first, fees then interest then principal', async () => {
    await pay(planIds[1], '105.00');
    const result = await service.server.execute<{
      plan: {
        status: string;
        outstandingBalance: { amount: string };
        installments: { paidTotal: string; status: string }[];
        nextInstallment: { number: number };
      };
    }>(`query($id: ID!) { plan(id: $id) { ${PLAN_FIELDS} } }`, { id: planIds[1] });
    const plan = result.data?.plan;
    assert.equal(plan?.outstandingBalance.amount, '200.75');
    assert.deepEqual(
      plan?.installments.map((i) => [i.paidTotal, i.status]),
      [
        ['103.50', 'PAID'],
        ['1.50', 'PARTIALLY_PAID'],
        ['0.00', 'UPCOMING'],
      ],
    );
    assert.equal(plan?.status, 'ACTIVE');
    assert.equal(plan?.nextInstallment.number, 2);
    assert.equal((plan as unknown as { repaidPercent: number }).repaidPercent, 34); // 105 / 305.75, floor
  });

  it('applies a redelivered payment event once only', async () => {
    const paymentId = randomUUID();
    assert.equal(await pay(planIds[2], '50.00', paymentId), 'applied');
    assert.equal(await pay(planIds[2], '50.00', paymentId), 'duplicate');
    const result = await service.server.execute<{
      plan: { outstandingBalance: { amount: string } };
    }>('query($id: ID!) { plan(id: $id) { outstandingBalance { amount } } }', { id: planIds[2] });
    assert.equal(result.data?.plan.outstandingBalance.amount, '255.75');
  });

  it('marks a plan PAID_OFF when everything is paid and keeps an overpayment as credit', async () => {
    await pay(planIds[3], '400.00');
    const result = await service.server.execute<{
      plan: { status: string; outstandingBalance: { amount: string }; nextInstallment: unknown };
    }>(
      'query($id: ID!) { plan(id: $id) { status outstandingBalance { amount } nextInstallment { number } } }',
      { id: planIds[3] },
    );
    assert.deepEqual(result.data?.plan, {
      status: 'PAID_OFF',
      outstandingBalance: { amount: '0.00' },
      nextInstallment: null,
    });
  });

  it("lists a customer's plans through the Customer reference", async () => {
    const result = await service.server.execute<{ _entities: { plans: { id: string }[] }[] }>(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { plans { id } } } }',
      { r: [{ __typename: 'Customer', id: customerId }] },
    );
    assert.deepEqual(
      result.data?._entities[0].plans.map((p) => p.id),
      planIds,
    );
  });

  it('answers NOT_FOUND for an unknown plan', async () => {
    const result = await service.server.execute(
      'query { plan(id: "00000000-0000-4000-8000-000000000000") { id } }',
    );
    assert.equal(errorCode(result), 'NOT_FOUND');
  });

  for (const n of [1, 100]) {
    it(`resolves ${n} InstallmentPlan references with one SQL statement`, async () => {
      const { result, statements } = await counter.count(() =>
        service.server.execute<{ _entities: { id: string; installments: unknown[] }[] }>(
          'query($r: [_Any!]!) { _entities(representations: $r) { ... on InstallmentPlan { id installments { number } } } }',
          { r: planIds.slice(0, n).map((id) => ({ __typename: 'InstallmentPlan', id })) },
        ),
      );
      assert.equal(result.errors, undefined);
      assert.deepEqual(
        result.data?._entities.map((e) => e.id),
        planIds.slice(0, n),
      );
      assert.ok(result.data?._entities.every((e) => e.installments.length === 3));
      assert.equal(statements.length, 1, statements.join('\n'));
    });
  }

  it('wrote a plan.opened outbox row for payments in the same transaction as each plan', async () => {
    const rows = await orm.em
      .getConnection()
      .execute<{ count: string }[]>(
        `select count(*) from schedules.outbox_event where topic = 'plan.opened' and delivered_at is null`,
      );
    assert.equal(Number(rows[0].count), 100);
  });
});
