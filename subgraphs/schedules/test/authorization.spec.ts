import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createPubSub } from '@graphql-yoga/subscription';
import { createTestDatabase, type TestDatabase } from '../../shared/testing/test-database';
import { StatementCounter, silentLogger } from '../../shared/testing/subgraph-harness';
import {
  OWNER_READ,
  SIGNED_IN,
  STAFF_READ,
  STAFF_WRITE,
  matrixViewers,
  staffViewer,
  describeAuthorizationMatrix,
  type MatrixRow,
  outcomeOf,
} from '../../shared/testing/authorization-matrix';
import {
  subgraphWsClient,
  subscribeOver,
  type TestSubscription,
} from '../../shared/testing/subscription-client';
import { customerViewer, systemViewer, type Viewer } from '../../shared/auth/viewer';
import { IDENTITY_HEADER, identityKey, signIdentity } from '../../shared/auth/identity-header';
import { SERVICE_SECRET_HEADER } from '../../shared/server/service-secret';
import type { SingleResult } from '../../shared/server/subgraph-server';
import { baseTermsJson } from '../src/engine/terms.fixture';
import { openSchedulesOrm } from '../src/orm';
import { createServer, type SchedulesService } from '../src/server';
import { buildSchedulesSchema } from '../src/schema';
import { PlanService } from '../src/plan/plan.service';
import { PAYMENT_RECORDED } from '../src/payment-intake/payment-intake';

const TODAY = '2026-03-10';
const SECRET = 'test-service-secret-0123456789';
const PLAN_TERMS = { ...baseTermsJson, disbursementDate: '2026-01-10', firstDueDate: '2026-02-10' };
const TERMS_INPUT = { ...baseTermsJson, dayCount: 'ACT_365F' };
const OUTCOME =
  '__typename ... on ServicingActionRecorded { action { id status } } ... on UserError { code message }';
const SUBSCRIBE =
  'subscription($id: ID!) { planBalanceChanged(planId: $id) { id paidAmount { amount } } }';

describe('schedules authorization', () => {
  let db: TestDatabase;
  let orm: MikroORM;
  let service: SchedulesService;
  let port: number;
  const counter = new StatementCounter();
  const customerA = randomUUID();
  const customerB = randomUUID();
  const plans = { a: '', a2: '', b: '', actions: '' };
  const viewers = matrixViewers(customerA, customerB, ['plans:read'], ['payments:read']);
  const maker = staffViewer('AGENT', 'maker-1');
  const execute = (query: string, variables: Record<string, unknown>, viewer: Viewer) =>
    service.server.execute(query, variables, viewer);
  const entities = (type: string, id: string, selection: string) => (viewer: Viewer) =>
    execute(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on ${type} { ${selection} } } }`,
      { r: [{ __typename: type, id }] },
      viewer,
    );

  const deliverPayment = async (planId: string, amount = '1.00') => {
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
    assert.equal(response.status, 200, await response.text());
  };

  /** The next result of `sub`, paying `planId` until one arrives (it may not be listening yet). */
  const payUntilResult = async (
    sub: TestSubscription<unknown>,
    planId: string,
  ): Promise<SingleResult<unknown>> => {
    let result = await sub.next(300);
    for (let i = 0; result === 'TIMEOUT' && i < 10; i += 1) {
      await deliverPayment(planId);
      result = await sub.next(1_000);
    }
    return typeof result === 'string' ? { errors: [{ message: result }] } : result;
  };

  /** Subscribes to `planId` as `viewer`; pays the plan until an event (or an error) arrives. */
  const subscribeAndPay = async (viewer: Viewer, planId: string) => {
    const sub = subscribeOver(subgraphWsClient(port, SECRET, viewer), SUBSCRIBE, { id: planId });
    try {
      return await payUntilResult(sub, planId);
    } finally {
      await sub.close();
    }
  };

  // above the 50.00 USD threshold, so it waits for approval; installment 1 owes 66.67 interest
  const requestWaiver = (viewer: Viewer, planId = plans.actions) =>
    execute(
      `mutation($input: RequestWaiverInput!) { requestWaiver(input: $input) { ${OUTCOME} } }`,
      {
        input: {
          planId,
          installmentNumber: 1,
          component: 'INTEREST',
          amount: '50.01',
          reason: 'Goodwill after a complaint',
        },
      },
      viewer,
    );
  /** A waiver waiting for approval on a plan of its own, requested by a staff member. */
  const pendingActionId = async () => {
    const seed = new PlanService(orm.em.fork(), () => TODAY);
    const plan = await seed.openPlanFromTerms(randomUUID(), 'Waived', PLAN_TERMS);
    const result = await requestWaiver(maker, plan.id);
    const recorded = (result.data as { requestWaiver: { action?: { id: string } } }).requestWaiver;
    assert.ok(recorded.action, JSON.stringify(result));
    return recorded.action.id;
  };

  const rows = (): MatrixRow[] => [
    {
      key: 'Query.plan',
      expect: OWNER_READ,
      run: (v) => execute('query($id: ID!) { plan(id: $id) { id title } }', { id: plans.a }, v),
    },
    {
      key: 'Query.paymentPreview',
      expect: OWNER_READ,
      run: (v) =>
        execute(
          'query($id: ID!) { paymentPreview(planId: $id, amount: "100.00", strategy: HOLD_AS_CREDIT) { amount } }',
          { id: plans.a },
          v,
        ),
    },
    {
      key: 'Query.payoffQuote',
      expect: OWNER_READ,
      run: (v) =>
        execute(
          `query($id: ID!) { payoffQuote(planId: $id, goodThrough: "${TODAY}") { total } }`,
          { id: plans.a },
          v,
        ),
    },
    {
      key: 'Query.schedulePreview',
      expect: SIGNED_IN,
      run: (v) =>
        execute(
          'query($t: ScheduleTermsInput!) { schedulePreview(terms: $t) { installmentAmount } }',
          { t: TERMS_INPUT },
          v,
        ),
    },
    {
      key: 'Query.aprDisclosure',
      expect: SIGNED_IN,
      run: (v) =>
        execute(
          'query($t: ScheduleTermsInput!) { aprDisclosure(terms: $t) { aprPercent } }',
          { t: TERMS_INPUT },
          v,
        ),
    },
    {
      key: '_entities.InstallmentPlan',
      expect: OWNER_READ,
      run: entities('InstallmentPlan', plans.a, 'id title'),
    },
    { key: '_entities.Customer', expect: SIGNED_IN, run: entities('Customer', customerA, 'id') },
    {
      key: 'Customer.plans',
      expect: OWNER_READ,
      run: entities('Customer', customerA, 'plans { id }'),
    },
    {
      key: 'InstallmentPlan.schedule',
      expect: OWNER_READ,
      run: entities('InstallmentPlan', plans.a, 'schedule { number total }'),
    },
    {
      key: 'InstallmentPlan.scheduleVersions',
      expect: OWNER_READ,
      run: entities('InstallmentPlan', plans.a, 'scheduleVersions { version }'),
    },
    {
      key: 'Installment.explain',
      expect: OWNER_READ,
      run: entities(
        'InstallmentPlan',
        plans.a,
        'installments { explain(component: INTEREST) { value } }',
      ),
    },
    {
      key: 'Subscription.planBalanceChanged',
      expect: OWNER_READ,
      run: (v) => subscribeAndPay(v, plans.a),
    },
    {
      key: 'Query.pendingServicingActions',
      expect: STAFF_READ,
      run: (v) => execute('query { pendingServicingActions { id status } }', {}, v),
    },
    { key: 'Mutation.requestWaiver', expect: STAFF_WRITE, run: (v) => requestWaiver(v) },
    {
      key: 'Mutation.requestWriteOff',
      expect: STAFF_WRITE,
      run: (v) =>
        execute(
          `mutation($input: RequestWriteOffInput!) { requestWriteOff(input: $input) { ${OUTCOME} } }`,
          { input: { planId: plans.actions, reason: 'Customer deceased' } },
          v,
        ),
    },
    {
      key: 'Mutation.approveServicingAction',
      expect: STAFF_WRITE,
      run: async (v) =>
        execute(
          `mutation($input: ApproveServicingActionInput!) { approveServicingAction(input: $input) { ${OUTCOME} } }`,
          { input: { id: await pendingActionId() } },
          v,
        ),
    },
    {
      key: 'Mutation.rejectServicingAction',
      expect: STAFF_WRITE,
      run: async (v) =>
        execute(
          `mutation($input: RejectServicingActionInput!) { rejectServicingAction(input: $input) { ${OUTCOME} } }`,
          { input: { id: await pendingActionId(), reason: 'Not justified' } },
          v,
        ),
    },
  ];

  before(async () => {
    db = await createTestDatabase();
    orm = await openSchedulesOrm(db.url, silentLogger(), 4, counter.onQuery);
    service = await createServer(
      { SERVICE_SECRET: SECRET, PAYMENTS_URL: 'http://127.0.0.1:9', BUSINESS_DATE: TODAY },
      orm,
      silentLogger(),
    );
    await service.outbox.stop(); // payments is not running here; rows stay in the outbox
    port = await service.server.listen(0);
    const seed = new PlanService(orm.em.fork(), () => TODAY);
    plans.a = (await seed.openPlanFromTerms(customerA, 'A: laptop', PLAN_TERMS)).id;
    plans.a2 = (await seed.openPlanFromTerms(customerA, 'A: phone', PLAN_TERMS)).id;
    plans.b = (await seed.openPlanFromTerms(customerB, 'B: bike', PLAN_TERMS)).id;
    plans.actions = (await seed.openPlanFromTerms(customerA, 'A: sofa', PLAN_TERMS)).id;
  });

  after(async () => {
    await service.stop();
    await orm.close();
    await db.dispose();
  });

  describeAuthorizationMatrix(rows, viewers, () => buildSchedulesSchema(createPubSub()));

  it("answers another customer's plan exactly like a plan that does not exist", async () => {
    const ask = (id: string) =>
      execute('query($id: ID!) { plan(id: $id) { id title } }', { id }, viewers.customerB);
    const [other, unknown, malformed] = await Promise.all([
      ask(plans.a),
      ask(randomUUID()),
      ask('not-a-plan'),
    ]);
    assert.equal(other.data, null);
    assert.deepEqual(other.errors?.[0]?.extensions, { reason: 'OWNERSHIP', code: 'FORBIDDEN' });
    const strip = (r: SingleResult<unknown>) => ({ data: r.data, errors: r.errors });
    assert.deepEqual(strip(unknown), strip(other));
    assert.deepEqual(strip(malformed), strip(other));
    assert.ok(!JSON.stringify(other).includes('laptop'));
  });

  it('keeps NOT_FOUND for staff asking for a plan that does not exist', async () => {
    const result = await execute('query { plan(id: "not-a-plan") { id } }', {}, viewers.agent);
    assert.equal(result.errors?.[0]?.extensions?.code, 'NOT_FOUND');
  });

  it('resolves a batch of references with one statement: null and FORBIDDEN only at the index of the other customer’s plan', async () => {
    const { result, statements } = await counter.count(() =>
      execute(
        'query($r: [_Any!]!) { _entities(representations: $r) { ... on InstallmentPlan { id title } } }',
        {
          r: [plans.a, plans.b, plans.a2].map((id) => ({ __typename: 'InstallmentPlan', id })),
        },
        viewers.customerA,
      ),
    );
    const data = result.data as { _entities: ({ id: string } | null)[] };
    assert.deepEqual(
      data._entities.map((e) => e?.id ?? null),
      [plans.a, null, plans.a2],
    );
    assert.deepEqual(
      result.errors?.map((e) => [e.path, e.extensions?.code]),
      [[['_entities', 1], 'FORBIDDEN']],
    );
    assert.ok(!JSON.stringify(result).includes('bike'));
    assert.equal(statements.length, 1, statements.join('\n'));
  });

  it("lists a customer's own plans only through Customer.plans", async () => {
    const result = await entities('Customer', customerA, 'plans { id }')(viewers.customerA);
    const ids = (result.data as { _entities: { plans: { id: string }[] }[] })._entities[0].plans;
    assert.deepEqual(
      ids.map((p) => p.id),
      [plans.a, plans.a2, plans.actions],
    );
  });

  it("never subscribes customer B to A's plan, nor sends B an event of A's plan", async () => {
    // refused when subscribing: no payment is made, so no event could be what refuses it
    const attempt = subscribeOver(subgraphWsClient(port, SECRET, viewers.customerB), SUBSCRIBE, {
      id: plans.a,
    });
    const denied = await attempt.next(3_000);
    await attempt.close();
    assert.equal(typeof denied === 'string' ? denied : outcomeOf(denied), 'FORBIDDEN');
    const ofB = subscribeOver(subgraphWsClient(port, SECRET, viewers.customerB), SUBSCRIBE, {
      id: plans.b,
    });
    const planIdOf = (result: SingleResult<unknown>) =>
      (result.data as { planBalanceChanged: { id: string } }).planBalanceChanged.id;
    try {
      // B is listening (it got an event of its own plan) before anything happens to A's plan
      assert.equal(planIdOf(await payUntilResult(ofB, plans.b)), plans.b);
      assert.equal(planIdOf(await subscribeAndPay(viewers.customerA, plans.a)), plans.a);
      await deliverPayment(plans.a);
      // whatever B still receives (a late event of its own plan at most) is never of A's plan
      for (let event = await ofB.next(1_000); event !== 'TIMEOUT'; event = await ofB.next(1_000)) {
        assert.notEqual(typeof event, 'string', String(event));
        assert.equal(
          planIdOf(event as SingleResult<unknown>),
          plans.b,
          "B got an event of A's plan",
        );
      }
      await deliverPayment(plans.b);
      const own = await ofB.next(5_000);
      assert.notEqual(typeof own, 'string', String(own));
      assert.equal(planIdOf(own as SingleResult<unknown>), plans.b);
    } finally {
      await ofB.close();
    }
  });

  describe('outside /graphql', () => {
    const post = (path: string, headers: Record<string, string>) =>
      fetch(`http://127.0.0.1:${port}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
    const identity = signIdentity(systemViewer(), identityKey(SECRET));

    it('refuses internal event delivery with a signed viewer but without the service secret', async () => {
      const response = await post('/internal/events', { [IDENTITY_HEADER]: identity });
      assert.equal(response.status, 401);
    });

    it('refuses /graphql with a viewer signed by another key or without the service secret', async () => {
      const forged = signIdentity(
        customerViewer(customerA),
        identityKey('another-secret-0123456789'),
      );
      assert.equal(
        (await post('/graphql', { [SERVICE_SECRET_HEADER]: SECRET, [IDENTITY_HEADER]: forged }))
          .status,
        401,
      );
      assert.equal((await post('/graphql', { [IDENTITY_HEADER]: identity })).status, 401);
    });
  });
});
