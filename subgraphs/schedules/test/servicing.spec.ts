import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createTestDatabase, type TestDatabase } from '../../shared/testing/test-database';
import { errorCode, silentLogger } from '../../shared/testing/subgraph-harness';
import type { SingleResult } from '../../shared/server/subgraph-server';
import { receiveEvent } from '../../shared/events/inbox-receiver';
import { createAppPubSub } from '../../shared/events/pubsub';
import { Dec } from '../../shared/money/money';
import { parsePlanTerms, planStateToJson, previewScheduleJson, replayPlan } from '../src/engine';
import { planEventLog } from '../src/plan/plan-events';
import { LocalDate } from '../../shared/dates/local-date';
import { openSchedulesOrm } from '../src/orm';
import { createServer, type SchedulesService } from '../src/server';
import { PlanService } from '../src/plan/plan.service';
import { AppliedPayment } from '../src/plan/plan.entity';
import { PAYMENT_RECORDED, paymentRecordedHandler } from '../src/payment-intake/payment-intake';
import { baseTermsJson } from '../src/engine/terms.fixture';

const TODAY = '2026-03-10';

// Excel's PMT documentation example: PMT(8%/12, 10, 10000) = -1037.03.
const EXCEL = { ...baseTermsJson };
// The same terms as GraphQL variables: enum names instead of the engine's day-count spelling.
const EXCEL_INPUT = { ...EXCEL, dayCount: 'ACT_365F' };
// The same loan disbursed before the business date, for a plan with payments.
const PLAN_TERMS = { ...EXCEL, disbursementDate: '2026-01-10', firstDueDate: '2026-02-10' };

const ROW = 'number dueDate principal interest fees total balance';
const PREVIEW = `query($terms: ScheduleTermsInput!) { schedulePreview(terms: $terms) {
  currency installmentAmount aprPercent installments { ${ROW} }
  dueAtDisbursement { downPayment fees total } totals { principal interest fees total } } }`;

type Row = {
  number: number;
  dueDate: string;
  principal: string;
  interest: string;
  fees: string;
  total: string;
  balance: string;
};
type Preview = {
  schedulePreview: {
    installmentAmount: string;
    aprPercent: string;
    installments: Row[];
    totals: Record<string, string>;
    dueAtDisbursement: Record<string, string>;
  };
};
type PaymentPreview = {
  paymentPreview: {
    allocations: { installmentNumber: number; component: string; amount: string }[];
    heldAsCredit: string;
    installments: Row[];
    installmentCountBefore: number;
    installmentCountAfter: number;
    installmentAmountBefore: string;
    installmentAmountAfter: string;
    interestSaved: string;
    isPaidOff: boolean;
    newVersions: { reason: string; eventId: string; changes: string[] }[];
  };
};
type Explained = {
  value: string;
  formula: string;
  inputs: { name: string; value: string; unit: string | null }[];
  rounding: { mode: string; exact: string; rounded: string } | null;
  allocations: { paymentId: string; amount: string }[];
};

const fieldOf = (result: SingleResult<unknown>): unknown => result.errors?.[0]?.extensions?.field;
const sum = (values: string[]) => values.reduce((total, v) => total.plus(v), new Dec(0)).toFixed(2);

describe('schedules servicing API', () => {
  let db: TestDatabase;
  let orm: MikroORM;
  let service: SchedulesService;
  let planId: string;
  let schedulePlanId: string;
  const firstPaymentId = randomUUID();
  const pubSub = createAppPubSub().pubSub;
  const execute = <T>(query: string, variables?: Record<string, unknown>) =>
    service.server.execute<T>(query, variables);

  before(async () => {
    db = await createTestDatabase();
    orm = await openSchedulesOrm(db.url, silentLogger(), 4);
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
    planId = (await plans.openPlanFromTerms(randomUUID(), 'Excel loan', PLAN_TERMS)).id;
    schedulePlanId = (
      await plans.openPlan({
        customerId: randomUUID(),
        title: 'Explicit schedule',
        currency: 'USD',
        principal: new Dec('100.00'),
        installments: [
          {
            dueDate: '2026-04-01',
            principal: new Dec('100.00'),
            interest: new Dec('1.00'),
            fees: new Dec('0'),
          },
        ],
      })
    ).id;
    const payment = { paymentId: firstPaymentId, planId, amount: '1037.03', currency: 'USD' };
    await receiveEvent(
      orm,
      { [PAYMENT_RECORDED]: paymentRecordedHandler(pubSub, silentLogger(), () => TODAY) },
      { id: firstPaymentId, topic: PAYMENT_RECORDED, payload: payment },
    );
    // appliedAt is the wall clock; pin it to the first due date so the replay is deterministic.
    await orm.em
      .fork()
      .nativeUpdate(
        AppliedPayment,
        { paymentId: firstPaymentId },
        { appliedAt: new Date('2026-02-10T12:00:00Z') },
      );
  });

  after(async () => {
    await service.stop();
    await orm.close();
    await db.dispose();
  });

  describe('schedulePreview', () => {
    it('previews the Excel example exactly as the schedule CLI prints it', async () => {
      const result = await execute<Preview>(PREVIEW, { terms: EXCEL_INPUT });
      assert.equal(result.errors, undefined, JSON.stringify(result.errors));
      const preview = result.data?.schedulePreview;
      assert.equal(preview?.installmentAmount, '1037.03');
      assert.equal(preview?.aprPercent, '8.00');
      const cli = previewScheduleJson(EXCEL);
      assert.deepEqual(preview?.installments, cli.installments);
      assert.deepEqual(preview?.totals, cli.totals);
      assert.deepEqual(preview?.dueAtDisbursement, cli.dueAtDisbursement);
      assert.equal(preview?.installments[9].balance, '0.00');
    });

    it('accepts fees as a typed list and adds them to the installments', async () => {
      const fees = [
        { kind: 'PER_INSTALLMENT', name: 'Service', amount: '2.50' },
        { kind: 'ONE_OFF', amount: '25.00' },
      ];
      const result = await execute<Preview>(PREVIEW, { terms: { ...EXCEL_INPUT, fees } });
      assert.equal(result.errors, undefined, JSON.stringify(result.errors));
      assert.equal(result.data?.schedulePreview.installments[0].fees, '2.50');
      assert.equal(result.data?.schedulePreview.dueAtDisbursement.fees, '25.00');
      assert.equal(result.data?.schedulePreview.totals.fees, '50.00');
    });

    const invalid: [string, Record<string, unknown>, string][] = [
      ['a negative principal', { principal: '-100' }, 'terms.principal'],
      ['zero installments', { installmentCount: 0 }, 'terms.installmentCount'],
      ['more than 1200 installments', { installmentCount: 1201 }, 'terms.installmentCount'],
      [
        'a first due date before disbursement',
        { firstDueDate: '2025-01-01' },
        'terms.firstDueDate',
      ],
      ['more decimals than the currency has', { principal: '100.005' }, 'terms.principal'],
      ['a fee without its amount', { fees: [{ kind: 'ONE_OFF' }] }, 'terms.fees[0].amount'],
      [
        'a percent on a fixed-amount fee',
        { fees: [{ kind: 'PER_INSTALLMENT', amount: '1.00', percent: '1' }] },
        'terms.fees[0].percent',
      ],
    ];
    for (const [what, change, field] of invalid) {
      it(`rejects ${what} with BAD_USER_INPUT naming ${field}`, async () => {
        const result = await execute(PREVIEW, { terms: { ...EXCEL_INPUT, ...change } });
        assert.equal(errorCode(result), 'BAD_USER_INPUT', JSON.stringify(result.errors));
        assert.equal(fieldOf(result), field, JSON.stringify(result.errors));
      });
    }

    // These fail while GraphQL coerces the variables, before any of our code runs: the shared
    // error formatting passes graphql-js's message through, which names the path, but sets no
    // extensions.field.
    const uncoercible: [string, Record<string, unknown>, string][] = [
      ['the rate as a JSON number', { annualRatePercent: 8 }, 'terms.annualRatePercent'],
      ['an unknown enum value', { interestMethod: 'COMPOUND' }, 'terms.interestMethod'],
    ];
    for (const [what, change, path] of uncoercible) {
      it(`rejects ${what} with BAD_USER_INPUT whose message names ${path}`, async () => {
        const result = await execute(PREVIEW, { terms: { ...EXCEL_INPUT, ...change } });
        assert.equal(errorCode(result), 'BAD_USER_INPUT', JSON.stringify(result.errors));
        assert.ok(
          result.errors?.[0]?.message.includes(`at "${path}"`),
          JSON.stringify(result.errors),
        );
      });
    }
  });

  describe('aprDisclosure', () => {
    it('discloses the Regulation Z Appendix J example: 5000 financed, 24 monthly payments of 230 → 9.69 %', async () => {
      // A flat 5.2 % a year for two years makes exactly 24 payments of 230.00 on 5000.
      const terms = {
        ...EXCEL_INPUT,
        principal: '5000',
        annualRatePercent: '5.2',
        installmentCount: 24,
        interestMethod: 'FLAT',
        disbursementDate: '1978-01-10',
        firstDueDate: '1978-02-10',
      };
      const result = await execute<{ aprDisclosure: Record<string, string> }>(
        `query($terms: ScheduleTermsInput!) {
        aprDisclosure(terms: $terms) { currency aprPercent periodicRate unitPeriodsPerYear amountFinanced financeCharge totalOfPayments } }`,
        { terms },
      );
      assert.equal(result.errors, undefined, JSON.stringify(result.errors));
      const { periodicRate, ...disclosure } = result.data?.aprDisclosure ?? {};
      assert.deepEqual(disclosure, {
        currency: 'USD',
        aprPercent: '9.69',
        unitPeriodsPerYear: '12',
        amountFinanced: '5000.00',
        financeCharge: '520.00',
        totalOfPayments: '5520.00',
      });
      assert.equal(new Dec(periodicRate).times(1200).toDecimalPlaces(2).toFixed(2), '9.69');
    });
  });

  describe('on a plan opened from terms with a payment applied', () => {
    it('shows the original and current schedule and one schedule version', async () => {
      const result = await execute<{
        plan: {
          original: Row[];
          current: Row[];
          byDefault: Row[];
          scheduleVersions: { version: number; reason: string }[];
        };
      }>(
        `query($id: ID!) { plan(id: $id) {
        original: schedule(version: ORIGINAL) { ${ROW} } current: schedule(version: CURRENT) { ${ROW} }
        byDefault: schedule { number } scheduleVersions { version reason } } }`,
        { id: planId },
      );
      assert.equal(result.errors, undefined, JSON.stringify(result.errors));
      const plan = result.data?.plan;
      assert.deepEqual(plan?.original, previewScheduleJson(PLAN_TERMS).installments);
      assert.deepEqual(plan?.current, plan?.original);
      assert.equal(plan?.byDefault.length, 10);
      assert.deepEqual(plan?.scheduleVersions, [{ version: 1, reason: 'ORIGINAL' }]);
    });

    const PAYMENT_PREVIEW = `query($id: ID!, $amount: Decimal!, $strategy: PrepaymentStrategy!) {
      paymentPreview(planId: $id, amount: $amount, strategy: $strategy) {
        allocations { installmentNumber component amount } heldAsCredit installments { ${ROW} }
        installmentCountBefore installmentCountAfter installmentAmountBefore installmentAmountAfter
        interestSaved isPaidOff newVersions { reason eventId changes } } }`;
    const preview = async (amount: string, strategy: string) => {
      const result = await execute<PaymentPreview>(PAYMENT_PREVIEW, {
        id: planId,
        amount,
        strategy,
      });
      assert.equal(result.errors, undefined, JSON.stringify(result.errors));
      return result.data!.paymentPreview;
    };

    it('previews a REDUCE_TERM prepayment: installment due today first, the rest shortens the plan', async () => {
      const result = await preview('3000.00', 'REDUCE_TERM');
      const dueToday = previewScheduleJson(PLAN_TERMS).installments[1].total;
      const paidOn = (n: number) =>
        sum(result.allocations.filter((a) => a.installmentNumber === n).map((a) => a.amount));
      assert.equal(paidOn(2), dueToday);
      assert.deepEqual(
        result.allocations
          .filter((a) => a.installmentNumber === 3)
          .map((a) => [a.component, a.amount]),
        [['PRINCIPAL', new Dec('3000.00').minus(dueToday).toFixed(2)]],
      );
      assert.equal(result.installmentCountBefore, 10);
      assert.ok(result.installmentCountAfter < 10, String(result.installmentCountAfter));
      assert.equal(result.installmentAmountAfter, '1037.03');
      assert.ok(new Dec(result.interestSaved).gt(0), result.interestSaved);
      assert.equal(result.newVersions[0].reason, 'PREPAYMENT_REDUCE_TERM');
      assert.equal(sum(result.installments.map((r) => r.principal)), '10000.00');
      assert.equal(result.installments.at(-1)?.balance, '0.00');
      assert.equal(result.isPaidOff, false);
    });

    it('previews a REDUCE_INSTALLMENT prepayment: same term, lower installments', async () => {
      const result = await preview('3000.00', 'REDUCE_INSTALLMENT');
      assert.equal(result.installmentCountAfter, 10);
      assert.ok(
        new Dec(result.installmentAmountAfter).lt('1037.03'),
        result.installmentAmountAfter,
      );
      assert.equal(result.newVersions[0].reason, 'PREPAYMENT_REDUCE_INSTALLMENT');
      assert.ok(new Dec(result.interestSaved).gt(0));
    });

    it('previews holding the excess as credit: nothing re-amortised, no interest saved', async () => {
      const result = await preview('3000.00', 'HOLD_AS_CREDIT');
      assert.equal(
        result.heldAsCredit,
        new Dec('3000.00').minus(previewScheduleJson(PLAN_TERMS).installments[1].total).toFixed(2),
      );
      assert.deepEqual(
        [result.installmentCountAfter, result.interestSaved, result.newVersions.length],
        [10, '0.00', 0],
      );
    });

    it('rejects a payment amount that is not positive or has too many decimals', async () => {
      for (const amount of ['0', '-5.00', '1.001']) {
        const result = await execute(PAYMENT_PREVIEW, {
          id: planId,
          amount,
          strategy: 'REDUCE_TERM',
        });
        assert.deepEqual(
          [errorCode(result), fieldOf(result)],
          ['BAD_USER_INPUT', 'amount'],
          amount,
        );
      }
    });

    it('quotes the payoff: remaining principal plus the interest due today', async () => {
      const result = await execute<{
        payoffQuote: Record<string, string> & {
          interestAccrual: { installmentNumber: number; elapsedDays: number; amount: string };
        };
      }>(
        `query($id: ID!) {
        payoffQuote(planId: $id, goodThrough: "${TODAY}") { goodThrough principal interest fees penalties credit total
          interestAccrual { installmentNumber elapsedDays amount } } }`,
        { id: planId },
      );
      assert.equal(result.errors, undefined, JSON.stringify(result.errors));
      const quote = result.data!.payoffQuote;
      const schedule = previewScheduleJson(PLAN_TERMS).installments;
      assert.equal(quote.goodThrough, TODAY);
      assert.equal(quote.principal, schedule[0].balance);
      assert.equal(quote.interest, schedule[1].interest);
      assert.deepEqual(quote.interestAccrual, {
        installmentNumber: 3,
        elapsedDays: 0,
        amount: '0.00',
      });
      assert.equal(
        quote.total,
        new Dec(quote.principal)
          .plus(quote.interest)
          .plus(quote.fees)
          .plus(quote.penalties)
          .minus(quote.credit)
          .toFixed(2),
      );
    });

    it('refuses a payoff date before the business date, naming goodThrough', async () => {
      const result = await execute(
        `query($id: ID!) { payoffQuote(planId: $id, goodThrough: "2026-03-09") { total } }`,
        { id: planId },
      );
      assert.deepEqual([errorCode(result), fieldOf(result)], ['BAD_USER_INPUT', 'goodThrough']);
    });

    it("explains each installment's interest with numbers that reproduce the stored interest", async () => {
      const result = await execute<{
        plan: { installments: { number: number; interest: string; explain: Explained }[] };
      }>(
        `query($id: ID!) { plan(id: $id) {
        installments { number interest explain(component: INTEREST) { value formula inputs { name value unit }
          rounding { mode exact rounded } allocations { paymentId amount } } } } }`,
        { id: planId },
      );
      assert.equal(result.errors, undefined, JSON.stringify(result.errors));
      const installments = result.data!.plan.installments;
      assert.equal(installments.length, 10);
      for (const { number, interest, explain } of installments) {
        const input = (name: string) => explain.inputs.find((i) => i.name === name);
        assert.equal(explain.value, interest, `installment ${number}`);
        assert.equal(explain.rounding?.rounded, interest);
        assert.equal(
          new Dec(explain.rounding!.exact).toDecimalPlaces(2, Dec.ROUND_HALF_UP).toFixed(2),
          interest,
        );
        const recomputed = new Dec(input('openingBalance')!.value).times(
          input('rateFactor')!.value,
        );
        assert.equal(
          recomputed.toDecimalPlaces(2, Dec.ROUND_HALF_UP).toFixed(2),
          interest,
          `installment ${number}`,
        );
        assert.deepEqual(
          [input('openingBalance')?.unit, input('annualRatePercent')?.unit],
          ['USD', 'percent'],
        );
      }
      assert.deepEqual(installments[0].explain.allocations, [
        { paymentId: firstPaymentId, amount: installments[0].interest },
      ]);
      assert.deepEqual(installments[1].explain.allocations, []);
    });

    it('explains principal and fees too', async () => {
      const result = await execute<{
        plan: { installments: { principal: string; p: Explained; f: Explained }[] };
      }>(
        `query($id: ID!) { plan(id: $id) {
        installments { principal p: explain(component: PRINCIPAL) { value formula } f: explain(component: FEE) { value } } } }`,
        { id: planId },
      );
      assert.equal(result.errors, undefined, JSON.stringify(result.errors));
      for (const row of result.data!.plan.installments)
        assert.deepEqual([row.p.value, row.f.value], [row.principal, '0.00']);
    });
  });

  describe('plans that cannot be serviced', () => {
    it('answers BAD_USER_INPUT for a plan opened with an explicit schedule (no terms)', async () => {
      const result = await execute(
        `query($id: ID!) { payoffQuote(planId: $id, goodThrough: "${TODAY}") { total } }`,
        { id: schedulePlanId },
      );
      assert.deepEqual([errorCode(result), fieldOf(result)], ['BAD_USER_INPUT', 'planId']);
      assert.match(result.errors?.[0]?.message ?? '', /no terms/);
    });

    it("still shows such a plan's stored schedule, with no versions", async () => {
      const result = await execute<{ plan: { schedule: Row[]; scheduleVersions: unknown[] } }>(
        `query($id: ID!) { plan(id: $id) { schedule(version: ORIGINAL) { ${ROW} } scheduleVersions { version } } }`,
        { id: schedulePlanId },
      );
      assert.equal(result.errors, undefined, JSON.stringify(result.errors));
      assert.deepEqual(result.data?.plan.schedule, [
        {
          number: 1,
          dueDate: '2026-04-01',
          principal: '100.00',
          interest: '1.00',
          fees: '0.00',
          total: '101.00',
          balance: '0.00',
        },
      ]);
      assert.deepEqual(result.data?.plan.scheduleVersions, []);
    });

    it('answers NOT_FOUND for an unknown plan id, UUID or not', async () => {
      for (const id of [randomUUID(), 'not-a-plan']) {
        const result = await execute(
          `query($id: ID!) { paymentPreview(planId: $id, amount: "1.00", strategy: REDUCE_TERM) { amount } }`,
          { id },
        );
        assert.equal(errorCode(result), 'NOT_FOUND', id);
      }
    });
  });

  describe('PlanService.openPlanFromTerms', () => {
    it('rejects invalid terms naming the field and stores nothing', async () => {
      const plans = new PlanService(orm.em.fork(), () => TODAY);
      await assert.rejects(
        plans.openPlanFromTerms(randomUUID(), 'Bad', { ...PLAN_TERMS, installmentCount: 0 }),
        (error: { extensions: Record<string, unknown> }) =>
          error.extensions.code === 'BAD_USER_INPUT' &&
          error.extensions.field === 'terms.installmentCount',
      );
      await assert.rejects(
        plans.openPlanFromTerms(randomUUID(), 'Bad', { ...PLAN_TERMS, rounding: { mode: 'NONE' } }),
        (error: { extensions: Record<string, unknown> }) =>
          error.extensions.field === 'terms.rounding.mode',
      );
      assert.equal(await orm.em.fork().count('InstallmentPlan', { title: 'Bad' }), 0);
    });
  });

  describe('stored balances', () => {
    it("are exactly the engine's replay of the payments, credit included, after partial payments", async () => {
      const plans = new PlanService(orm.em.fork(), () => TODAY);
      const id = (await plans.openPlanFromTerms(randomUUID(), 'Replayed loan', PLAN_TERMS)).id;
      const handler = {
        [PAYMENT_RECORDED]: paymentRecordedHandler(pubSub, silentLogger(), () => TODAY),
      };
      for (const amount of ['500.00', '1200.00', '3.33']) {
        const paymentId = randomUUID();
        await receiveEvent(orm, handler, {
          id: paymentId,
          topic: PAYMENT_RECORDED,
          payload: { paymentId, planId: id, amount, currency: 'USD' },
        });
      }
      const applied = await orm.em.fork().find(AppliedPayment, { plan: id });
      const lastDate = LocalDate.parse(
        applied
          .map((p) => p.appliedAt.toISOString().slice(0, 10))
          .sort()
          .at(-1) as string,
      );
      const terms = parsePlanTerms(PLAN_TERMS);
      const expected = planStateToJson(replayPlan(terms, planEventLog(terms, applied), lastDate));
      const result = await execute<{
        plan: {
          credit: { amount: string };
          paidAmount: { amount: string };
          installments: { number: number; paidTotal: string }[];
        };
      }>(
        'query($id: ID!) { plan(id: $id) { credit { amount } paidAmount { amount } installments { number paidTotal } } }',
        { id },
      );
      const plan = result.data?.plan;
      assert.deepEqual(
        plan?.installments.map((i) => i.paidTotal),
        expected.installments.map((i) => sum([i.paid.principal, i.paid.interest, i.paid.fees])),
      );
      assert.equal(plan?.credit.amount, sum([expected.credit, expected.overpaid]));
      assert.equal(plan?.paidAmount.amount, '1703.33');
    });
  });
});
