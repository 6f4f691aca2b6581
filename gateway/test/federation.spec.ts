import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startSystemFixture, subscribe, type SystemFixture } from './system-fixture';

const PLAN_EVENT = `subscription($planId: ID!) { planBalanceChanged(planId: $planId) {
  id outstandingBalance { amount currency } payments { id amount } customer { name }
} }`;
const RECORD = `mutation($input: RecordPaymentInput!) { recordPayment(input: $input) {
  __typename ... on PaymentRecorded { payment { id amount } } } }`;

type PlanEvent = {
  planBalanceChanged: {
    outstandingBalance: { amount: string };
    payments: { id: string; amount: string }[];
    customer: { name: string };
  };
};
type Me = {
  me: {
    id: string;
    plans: {
      id: string;
      title: string;
      currency: string;
      outstandingBalance: { amount: string };
    }[];
  };
};

describe('the federated system through the gateway', { timeout: 300_000 }, () => {
  let fx: SystemFixture;
  let me: Me['me'];
  let key = 0;
  const pay = (planId: string, amount: string, currency = 'USD') =>
    fx.gql<{ recordPayment: { __typename: string; payment: { id: string } } }>(RECORD, {
      input: {
        planId,
        amount,
        currency,
        idempotencyKey: `federation-test-${process.pid}-${(key += 1)}`,
      },
    });
  const balanceOf = async (planId: string) =>
    (
      await fx.gql<{ plan: { outstandingBalance: { amount: string } } }>(
        'query($id: ID!) { plan(id: $id) { outstandingBalance { amount } } }',
        { id: planId },
      )
    ).data?.plan.outstandingBalance.amount;

  before(async () => {
    fx = await startSystemFixture();
    me = (
      (
        await fx.gql<Me>(
          '{ me { id ... on Customer { plans { id title currency outstandingBalance { amount } } } } }',
        )
      ).data as Me
    ).me;
  });

  after(async () => {
    await fx?.stop();
  });

  it('answers one query with data from all three subgraphs', async () => {
    const result = await fx.gql<{
      customer: {
        name: string;
        plans: {
          installments: { dueDate: string; principal: string; interest: string }[];
          payments: { amount: string }[];
        }[];
        payments: unknown[];
      };
    }>(
      'query($id: ID!) { customer(id: $id) { name plans { installments { dueDate principal interest } payments { amount } } payments { amount } } }',
      { id: me.id },
    );
    assert.equal(result.errors, undefined);
    const customer = result.data?.customer;
    assert.equal(customer?.name, 'Dana Demo');
    assert.equal(customer?.plans.length, 3);
    assert.equal(customer?.plans[0].installments.length, 12);
    assert.match(customer?.plans[0].installments[0].dueDate ?? '', /^\d{4}-\d{2}-\d{2}$/);
    assert.deepEqual(
      customer?.plans.map((p) => p.payments.length),
      [2, 1, 3],
    );
    assert.equal(customer?.payments.length, 6);
  });

  it(`delivers each balance change to a gateway subscriber within 1 s, with fresh cross-subgraph fields${''}`, async (t) => {
    t.diagnostic(
      fx.usesRedis
        ? 'events published by a second schedules instance, over Redis'
        : 'single schedules instance, in-memory pub/sub',
    );
    const laptop = me.plans.find((p) => p.title.startsWith('Laptop')) as Me['me']['plans'][number];
    const subscription = subscribe<PlanEvent>(fx.wsClient(), PLAN_EVENT, { planId: laptop.id });
    await new Promise((r) => setTimeout(r, 1_000)); // let the upstream subscription open
    let previousPayments = 2;
    let previousBalance = Number(laptop.outstandingBalance.amount); // display comparison only
    for (const amount of ['10.00', '20.00', '30.00']) {
      const started = Date.now();
      const recorded = await pay(laptop.id, amount);
      assert.equal(recorded.data?.recordPayment.__typename, 'PaymentRecorded');
      const event = (await subscription.next(5_000)).data?.planBalanceChanged;
      const latency = Date.now() - started;
      assert.ok(latency <= 1_000, `event after ${latency} ms`);
      assert.equal(event?.customer.name, 'Dana Demo');
      assert.equal(
        event?.payments.length,
        previousPayments + 1,
        'payments (from the payments subgraph) must be fresh on every event',
      );
      assert.equal(event?.payments.at(-1)?.amount, amount);
      assert.equal(
        Number(event?.outstandingBalance.amount),
        Number((previousBalance - Number(amount)).toFixed(2)),
      );
      previousPayments += 1;
      previousBalance -= Number(amount);
    }
    await subscription.close();
  });

  it('catches up exactly once when schedules was down while a payment was recorded', async () => {
    const sofa = me.plans.find((p) => p.title.startsWith('Sofa')) as Me['me']['plans'][number];
    const target = fx.usesRedis ? 'schedules-2' : 'schedules';
    const before = await balanceOf(sofa.id);
    await fx.system.stopService(target);
    const recorded = await pay(sofa.id, '25.00');
    assert.equal(
      recorded.data?.recordPayment.__typename,
      'PaymentRecorded',
      JSON.stringify(recorded),
    );
    await new Promise((r) => setTimeout(r, 1_500)); // delivery attempts fail meanwhile
    await fx.system.startService(target);
    const expected = (Number(before) - 25).toFixed(2);
    const deadline = Date.now() + 20_000;
    while ((await balanceOf(sofa.id)) !== expected && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 200));
    assert.equal(await balanceOf(sofa.id), expected);
    await new Promise((r) => setTimeout(r, 1_500)); // a duplicate delivery would show up by now
    assert.equal(await balanceOf(sofa.id), expected);
  });

  it("propagates the request id to every subgraph's log and logs no personal data", async () => {
    const requestId = `e2e-${process.pid}-request`;
    const response = await fetch(`${fx.system.gatewayUrl}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-request-id': requestId,
        cookie: fx.customerCookie,
      },
      body: JSON.stringify({
        query:
          'query Traced($id: ID!) { customer(id: $id) { email plans { payments { amount } } } }',
        variables: { id: me.id },
      }),
    });
    assert.equal(response.status, 200);
    for (const name of ['accounts', 'schedules', 'payments']) {
      const read = () => readFileSync(path.join(fx.logDir, `${name}.log`), 'utf8').split('\n');
      // log lines reach the file asynchronously (through a pipe): wait for ours, up to 5 s
      for (let i = 0; i < 50 && !read().some((l) => l.includes(requestId)); i += 1) {
        await new Promise((r) => setTimeout(r, 100));
      }
      const lines = read();
      const traced = lines.filter((l) => l.includes(requestId));
      assert.ok(
        traced.some((l) => l.includes('graphql request')),
        `${name} did not log the request id`,
      );
      assert.ok(
        !lines.some((l) => l.includes('@installa.test')),
        `${name} logged an email address`,
      );
    }
  });

  it('serves offline GraphiQL, health and readiness on the gateway', async () => {
    const page = await fetch(`${fx.system.gatewayUrl}/graphiql`);
    const html = await page.text();
    assert.equal(page.status, 200);
    assert.match(html, /graphiql/i);
    assert.doesNotMatch(
      html,
      /https?:\/\/(unpkg|cdn|fonts\.googleapis)/i,
      'GraphiQL must not load from a CDN',
    );
    assert.equal((await fetch(`${fx.system.gatewayUrl}/healthz`)).status, 200);
    const ready = (await (await fetch(`${fx.system.gatewayUrl}/readyz`)).json()) as {
      status: string;
    };
    assert.equal(ready.status, 'ready');
  });

  it('reports not ready while a subgraph is down', async () => {
    await fx.system.stopService('accounts');
    assert.equal((await fetch(`${fx.system.gatewayUrl}/readyz`)).status, 503);
    await fx.system.startService('accounts');
    assert.equal((await fetch(`${fx.system.gatewayUrl}/readyz`)).status, 200);
  });

  it('exits cleanly (code 0) on SIGTERM', async () => {
    await fx.system.stopService('gateway');
    assert.equal(fx.system.exitCode('gateway'), 0);
    await fx.system.stopService('payments');
    assert.equal(fx.system.exitCode('payments'), 0);
  });
});
