import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { customerViewer } from '../../shared/auth/viewer';
import { Dec } from '../../shared/money/money';
import { SERVICE_SECRET_HEADER } from '../../shared/server/service-secret';
import type { SingleResult } from '../../shared/server/subgraph-server';
import { silentLogger } from '../../shared/testing/subgraph-harness';
import { subgraphWsClient, subscribeOver } from '../../shared/testing/subscription-client';
import { createTestDatabase, type TestDatabase } from '../../shared/testing/test-database';
import { baseTermsJson } from '../src/engine/terms.fixture';
import { openSchedulesOrm } from '../src/orm';
import { PAYMENT_RECORDED } from '../src/payment-intake/payment-intake';
import { PlanService } from '../src/plan/plan.service';
import { createServer, type SchedulesService } from '../src/server';

const SECRET = 'test-service-secret-0123456789';
const DAY_MS = 86_400_000;
const isoDate = (msAgo: number) => new Date(Date.now() - msAgo).toISOString().slice(0, 10);
// disbursed 70 days ago, first due 39 days ago: two installments are due on the business date
// (today: no BUSINESS_DATE), so payments received now are replayed, not pending, and every cent
// paid is allocated to their interest and principal (nothing is held as credit)
const TERMS = {
  ...baseTermsJson,
  disbursementDate: isoDate(70 * DAY_MS),
  firstDueDate: isoDate(39 * DAY_MS),
};
const SUBSCRIBE = `subscription($id: ID!) { planBalanceChanged(planId: $id) {
  paidAmount { amount } installments {
    p: explain(component: PRINCIPAL) { allocations { amount } }
    i: explain(component: INTEREST) { allocations { amount } } } } }`;

type Allocations = { allocations: { amount: string }[] };
type Event = {
  planBalanceChanged: {
    paidAmount: { amount: string };
    installments: { p: Allocations; i: Allocations }[];
  };
};

/** What the engine's explanations say was paid: every allocation to principal and interest. */
const explainedPaid = (event: Event['planBalanceChanged']) =>
  event.installments
    .flatMap((row) => [...row.p.allocations, ...row.i.allocations])
    .reduce((sum, a) => sum.plus(a.amount), new Dec(0))
    .toFixed(2);

describe('planBalanceChanged', () => {
  let db: TestDatabase;
  let orm: MikroORM;
  let service: SchedulesService;
  let port: number;

  const deliverPayment = async (planId: string, amount: string) => {
    const paymentId = randomUUID();
    const response = await fetch(`http://127.0.0.1:${port}/internal/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SERVICE_SECRET_HEADER]: SECRET },
      body: JSON.stringify({
        id: paymentId,
        topic: PAYMENT_RECORDED,
        payload: { paymentId, planId, amount, currency: 'USD' },
      }),
    });
    assert.equal(response.status, 200);
    return paymentId;
  };

  before(async () => {
    db = await createTestDatabase();
    orm = await openSchedulesOrm(db.url, silentLogger(), 4);
    service = await createServer(
      { SERVICE_SECRET: SECRET, PAYMENTS_URL: 'http://127.0.0.1:9' },
      orm,
      silentLogger(),
    );
    await service.outbox.stop(); // payments is not running here; rows stay in the outbox
    port = await service.server.listen(0);
  });

  after(async () => {
    await service.stop();
    await orm.close();
    await db.dispose();
  });

  it('shows current data in every event, nested servicing fields included', async () => {
    const customerId = randomUUID();
    const today = new Date().toISOString().slice(0, 10);
    const planId = (
      await new PlanService(orm.em.fork(), () => today).openPlanFromTerms(customerId, 'Loan', TERMS)
    ).id;
    const sub = subscribeOver<Event>(
      subgraphWsClient(port, SECRET, customerViewer(customerId)),
      SUBSCRIBE,
      {
        id: planId,
      },
    );
    try {
      // the subscription may not be listening yet: pay until the first event arrives
      let paid = new Dec(0);
      let first = await sub.next(300);
      for (let i = 0; first === 'TIMEOUT' && i < 10; i += 1) {
        await deliverPayment(planId, '127.00');
        paid = paid.plus('127.00');
        first = await sub.next(1_000);
      }
      // events come in payment order: skip those of earlier payments, the last one is `before`
      const eventWhenPaid = async (amount: Dec, latest: unknown) => {
        let previous = latest as SingleResult<Event>;
        let event = latest;
        for (let i = 0; i < 20; i += 1) {
          assert.notEqual(typeof event, 'string', String(event));
          const data = (event as SingleResult<Event>).data!.planBalanceChanged;
          if (data.paidAmount.amount === amount.toFixed(2))
            return { before: previous.data!.planBalanceChanged, after: data };
          previous = event as SingleResult<Event>;
          event = await sub.next(3_000);
        }
        throw new Error(`no event with ${amount.toFixed(2)} paid`);
      };
      const { after: before } = await eventWhenPaid(paid, first);
      assert.equal(explainedPaid(before), paid.toFixed(2));
      await deliverPayment(planId, '100.00');
      const { after } = await eventWhenPaid(paid.plus('100.00'), await sub.next(3_000));
      // the nested explanations are replayed for this event, not kept from the first one
      assert.equal(explainedPaid(after), paid.plus('100.00').toFixed(2));
    } finally {
      await sub.close();
    }
  });
});
