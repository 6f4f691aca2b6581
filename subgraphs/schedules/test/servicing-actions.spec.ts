import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { AuditEvent, AuditTrail } from '../../shared/audit/audit-trail';
import { customerViewer, type Viewer } from '../../shared/auth/viewer';
import { LocalDate } from '../../shared/dates/local-date';
import { receiveEvent } from '../../shared/events/inbox-receiver';
import { createAppPubSub } from '../../shared/events/pubsub';
import { Dec } from '../../shared/money/money';
import { serviceViewer, staffViewer } from '../../shared/testing/authorization-matrix';
import { errorCode, silentLogger } from '../../shared/testing/subgraph-harness';
import { createTestDatabase, type TestDatabase } from '../../shared/testing/test-database';
import { parsePlanTerms, planStateToJson, replayPlan } from '../src/engine';
import { baseTermsJson } from '../src/engine/terms.fixture';
import { openSchedulesOrm } from '../src/orm';
import { PAYMENT_RECORDED, paymentRecordedHandler } from '../src/payment-intake/payment-intake';
import { planEventLog, utcCalendarDate } from '../src/plan/plan-events';
import { AppliedPayment } from '../src/plan/plan.entity';
import { PlanService } from '../src/plan/plan.service';
import { createServer, type SchedulesService } from '../src/server';
import { appliedWaivers } from '../src/servicing-actions/applied-waivers';

const TODAY = '2026-03-10';
const PLAN_TERMS = { ...baseTermsJson, disbursementDate: '2026-01-10', firstDueDate: '2026-02-10' };
const OUTCOME = `__typename
  ... on ServicingActionRecorded { action { id kind status amount { amount currency } decidedBy appliedOn } }
  ... on UserError { code message }`;
const EXCEEDS = '... on AmountExceedsOutstanding { outstanding { amount } }';
const DECIDED = '... on ActionAlreadyDecided { status }';
const WAIVE = `mutation($input: RequestWaiverInput!) { requestWaiver(input: $input) {
  ${OUTCOME} ${EXCEEDS} ... on InstallmentNotFound { installmentNumber } } }`;
const WRITE_OFF = `mutation($input: RequestWriteOffInput!) { requestWriteOff(input: $input) { ${OUTCOME} } }`;
const APPROVE = `mutation($input: ApproveServicingActionInput!) {
  approveServicingAction(input: $input) { ${OUTCOME} ${EXCEEDS} ${DECIDED} } }`;
const REJECT = `mutation($input: RejectServicingActionInput!) {
  rejectServicingAction(input: $input) { ${OUTCOME} ${DECIDED} } }`;
const PLAN = `query($id: ID!) { plan(id: $id) { status outstandingBalance { amount } waivedAmount { amount }
  credit { amount } installments { number paidTotal waivedTotal } } }`;

type Outcome = {
  __typename: string;
  code?: string;
  status?: string;
  installmentNumber?: number;
  outstanding?: { amount: string };
  action?: {
    id: string;
    kind: string;
    status: string;
    amount: { amount: string; currency: string } | null;
    decidedBy: string | null;
    appliedOn: string | null;
  };
};
type Plan = {
  status: string;
  outstandingBalance: { amount: string };
  waivedAmount: { amount: string };
  credit: { amount: string };
  installments: { number: number; paidTotal: string; waivedTotal: string }[];
};

/** In-memory audit recorder (the shared hash-chained trail is not wired in yet). */
class RecordingAuditTrail implements AuditTrail {
  readonly events: { subjectId: string | null; event: AuditEvent }[] = [];
  async record(_em: EntityManager, viewer: Viewer, event: AuditEvent): Promise<void> {
    this.events.push({ subjectId: viewer.subjectId, event });
  }
}

const sum = (values: string[]) => values.reduce((t, v) => t.plus(v), new Dec(0)).toFixed(2);

describe('ServicingActionService: maker-checker for waivers and write-offs', () => {
  let db: TestDatabase;
  let orm: MikroORM;
  let service: SchedulesService;
  const audit = new RecordingAuditTrail();
  const pubSub = createAppPubSub().pubSub;
  const agent1 = staffViewer('AGENT', 'agent-1');
  const agent2 = staffViewer('AGENT', 'agent-2');
  const admin = staffViewer('ADMIN', 'admin-1');

  const run = async <K extends string>(key: K, query: string, input: object, viewer: Viewer) => {
    const result = await service.server.execute<Record<K, Outcome>>(query, { input }, viewer);
    assert.equal(result.errors, undefined, JSON.stringify(result.errors));
    return result.data![key];
  };
  const waive = (input: object, viewer = agent1) => run('requestWaiver', WAIVE, input, viewer);
  const approve = (id: string, viewer = agent2) =>
    run('approveServicingAction', APPROVE, { id }, viewer);
  const reject = (id: string, viewer = agent2) =>
    run('rejectServicingAction', REJECT, { id, reason: 'Not justified' }, viewer);
  const plan = async (id: string) =>
    (await service.server.execute<{ plan: Plan }>(PLAN, { id })).data!.plan;
  const openPlan = async (terms: Record<string, unknown> = PLAN_TERMS) =>
    (
      await new PlanService(orm.em.fork(), () => TODAY).openPlanFromTerms(
        randomUUID(),
        'Loan',
        terms,
      )
    ).id;
  const pay = (planId: string, amount: string, currency = 'USD') => {
    const paymentId = randomUUID();
    return receiveEvent(
      orm,
      { [PAYMENT_RECORDED]: paymentRecordedHandler(pubSub, silentLogger(), () => TODAY) },
      { id: paymentId, topic: PAYMENT_RECORDED, payload: { paymentId, planId, amount, currency } },
    );
  };

  /** The stored balances are exactly the engine's replay of payments and applied waivers. */
  const assertStoredIsReplay = async (planId: string) => {
    const em = orm.em.fork();
    const payments = await em.find(AppliedPayment, { plan: planId });
    const terms = parsePlanTerms(PLAN_TERMS);
    // the date storeReplayedState replays at: the later of the business date and the last payment
    const date = payments
      .map((p) => utcCalendarDate(p.appliedAt))
      .reduce((a, b) => (b.isAfter(a) ? b : a), LocalDate.parse(TODAY));
    const events = planEventLog(terms, payments, await appliedWaivers(em, planId));
    const expected = planStateToJson(replayPlan(terms, events, date));
    const stored = await plan(planId);
    assert.deepEqual(
      stored.installments.map((i) => [i.paidTotal, i.waivedTotal]),
      expected.installments.map((i) => [
        sum([i.paid.principal, i.paid.interest, i.paid.fees]),
        sum([i.waived.interest, i.waived.fees]),
      ]),
    );
    assert.equal(stored.credit.amount, sum([expected.credit, expected.overpaid]));
  };

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
      { audit },
    );
    await service.outbox.stop(); // payments is not running here; rows stay in the outbox
  });

  after(async () => {
    await service.stop();
    await orm.close();
    await db.dispose();
  });

  it('applies a waiver up to the threshold at once, stored balances equal to the replay', async () => {
    const id = await openPlan();
    const before = await plan(id);
    const result = await waive({
      planId: id,
      installmentNumber: 1,
      component: 'INTEREST',
      amount: '50.00',
      reason: 'Late fee courtesy',
    });
    assert.deepEqual(
      [result.action?.status, result.action?.decidedBy, result.action?.appliedOn],
      ['APPLIED', null, TODAY],
    );
    const after = await plan(id);
    assert.equal(after.waivedAmount.amount, '50.00');
    assert.equal(after.installments[0].waivedTotal, '50.00');
    assert.equal(
      after.outstandingBalance.amount,
      new Dec(before.outstandingBalance.amount).minus('50.00').toFixed(2),
    );
    await assertStoredIsReplay(id);
    assert.deepEqual(audit.events.at(-1), {
      subjectId: 'agent-1',
      event: {
        action: 'servicing_action.requested',
        entityType: 'ServicingAction',
        entityId: result.action?.id,
        before: null,
        after: {
          kind: 'WAIVER',
          status: 'APPLIED',
          planId: id,
          installmentNumber: 1,
          component: 'INTEREST',
          amount: { amount: '50.00', currency: 'USD' },
          requestedBy: 'agent-1',
          decidedBy: null,
          waiverLines: [{ installmentNumber: 1, amount: '50.00' }],
        },
      },
    });
  });

  describe('a waiver above the threshold', () => {
    let planId: string;
    let actionId: string;

    before(async () => {
      planId = await openPlan();
      const result = await waive({
        planId,
        component: 'INTEREST',
        amount: '120.00',
        reason: 'Hardship',
      });
      actionId = result.action!.id;
    });

    it('waits for approval and leaves the plan as it was', async () => {
      const pending = await service.server.execute<{ pendingServicingActions: { id: string }[] }>(
        'query($planId: ID) { pendingServicingActions(planId: $planId) { id } }',
        { planId },
        staffViewer('AUDITOR', 'auditor-1'),
      );
      assert.deepEqual(pending.data?.pendingServicingActions, [{ id: actionId }]);
      assert.equal((await plan(planId)).waivedAmount.amount, '0.00');
    });

    it('cannot be approved by whoever requested it, agent or admin', async () => {
      const own = await approve(actionId, agent1);
      assert.deepEqual([own.__typename, own.code], ['MakerCannotApprove', 'MAKER_CANNOT_APPROVE']);
      const adminsOwn = await waive(
        { planId, component: 'INTEREST', amount: '60.00', reason: 'Hardship' },
        admin,
      );
      assert.equal((await approve(adminsOwn.action!.id, admin)).__typename, 'MakerCannotApprove');
      await reject(adminsOwn.action!.id, admin); // a maker may withdraw their own request
      assert.equal((await plan(planId)).waivedAmount.amount, '0.00');
    });

    it('needs a recent MFA of the approver (step-up)', async () => {
      for (const mfaVerifiedAt of [null, new Date(Date.now() - 60 * 60_000).toISOString()]) {
        const result = await service.server.execute(
          APPROVE,
          { input: { id: actionId } },
          { ...agent2, mfaVerifiedAt },
        );
        assert.deepEqual(result.errors?.[0]?.extensions, {
          reason: 'STEP_UP_REQUIRED',
          code: 'FORBIDDEN',
        });
      }
      assert.equal((await plan(planId)).waivedAmount.amount, '0.00');
    });

    it('applies on approval by another agent, oldest installment first, stored equal to the replay', async () => {
      const result = await approve(actionId);
      assert.deepEqual(
        [result.action?.status, result.action?.decidedBy, result.action?.amount?.amount],
        ['APPLIED', 'agent-2', '120.00'],
      );
      const after = await plan(planId);
      assert.equal(after.waivedAmount.amount, '120.00');
      assert.deepEqual(
        after.installments.slice(0, 3).map((i) => i.waivedTotal),
        ['66.67', '53.33', '0.00'],
      );
      await assertStoredIsReplay(planId);
      assert.deepEqual(audit.events.at(-1)?.event.before, { status: 'PENDING_APPROVAL' });
      assert.equal(audit.events.at(-1)?.subjectId, 'agent-2');
    });

    it('keeps stored balances equal to the replay when payments arrive after the waiver', async () => {
      const before = await plan(planId);
      await pay(planId, '1000.00');
      await pay(planId, '37.03');
      await assertStoredIsReplay(planId);
      const after = await plan(planId);
      assert.equal(after.waivedAmount.amount, '120.00');
      assert.equal(
        after.outstandingBalance.amount,
        new Dec(before.outstandingBalance.amount).minus('1037.03').toFixed(2),
      );
    });

    it('is decided once: approving or rejecting again answers ActionAlreadyDecided', async () => {
      const again = await approve(actionId, admin);
      assert.deepEqual([again.__typename, again.status], ['ActionAlreadyDecided', 'APPLIED']);
      assert.equal((await reject(actionId, admin)).__typename, 'ActionAlreadyDecided');
    });
  });

  it('leaves the balances as they were when rejected', async () => {
    const planId = await openPlan();
    const before = await plan(planId);
    const requested = await waive({
      planId,
      component: 'INTEREST',
      amount: '70.00',
      reason: 'Hardship',
    });
    const rejected = await reject(requested.action!.id);
    assert.deepEqual(
      [rejected.action?.status, rejected.action?.decidedBy],
      ['REJECTED', 'agent-2'],
    );
    assert.deepEqual(await plan(planId), before);
    const late = await approve(requested.action!.id, admin);
    assert.deepEqual([late.__typename, late.status], ['ActionAlreadyDecided', 'REJECTED']);
    assert.equal(audit.events.at(-1)?.event.action, 'servicing_action.rejected');
  });

  it('approves once when two checkers approve at the same moment', async () => {
    const planId = await openPlan();
    const requested = await waive({
      planId,
      component: 'INTEREST',
      amount: '90.00',
      reason: 'Hardship',
    });
    const results = await Promise.all([
      approve(requested.action!.id, agent2),
      approve(requested.action!.id, admin),
    ]);
    assert.deepEqual(results.map((r) => r.__typename).sort(), [
      'ActionAlreadyDecided',
      'ServicingActionRecorded',
    ]);
    assert.equal((await plan(planId)).waivedAmount.amount, '90.00');
    await assertStoredIsReplay(planId);
  });

  it('answers what cannot be waived as data: too much, no such installment, a plan without terms', async () => {
    const planId = await openPlan();
    const tooMuch = await waive({
      planId,
      installmentNumber: 1,
      component: 'INTEREST',
      amount: '66.68',
      reason: 'Hardship',
    });
    assert.deepEqual(
      [tooMuch.__typename, tooMuch.outstanding],
      ['AmountExceedsOutstanding', { amount: '66.67' }],
    );
    const missing = await waive({
      planId,
      installmentNumber: 99,
      component: 'FEE',
      amount: '1.00',
      reason: 'Hardship',
    });
    assert.deepEqual([missing.__typename, missing.installmentNumber], ['InstallmentNotFound', 99]);
    const explicit = await new PlanService(orm.em.fork(), () => TODAY).openPlan({
      customerId: randomUUID(),
      title: 'No terms',
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
    });
    const noTerms = await waive({
      planId: explicit.id,
      component: 'INTEREST',
      amount: '1.00',
      reason: 'Hardship',
    });
    assert.equal(noTerms.__typename, 'PlanNotServiceable');
    const decimals = await service.server.execute(
      WAIVE,
      { input: { planId, component: 'INTEREST', amount: '1.001', reason: 'Hardship' } },
      agent1,
    );
    assert.equal(errorCode(decimals), 'BAD_USER_INPUT');
    for (const input of [
      { planId, installmentNumber: 0, component: 'INTEREST', amount: '1.00', reason: 'Hardship' },
      { planId, component: 'INTEREST', amount: '0', reason: 'Hardship' },
      { planId, component: 'INTEREST', amount: '1.00', reason: 'x' },
    ])
      assert.equal(
        errorCode(await service.server.execute(WAIVE, { input }, agent1)),
        'BAD_USER_INPUT',
      );
  });

  it('makes every waiver wait in a currency without a threshold, however small', async () => {
    const planId = await openPlan({ ...PLAN_TERMS, currency: 'JPY', principal: '1000000' });
    const result = await waive({
      planId,
      installmentNumber: 1,
      component: 'INTEREST',
      amount: '1',
      reason: 'Hardship',
    });
    assert.deepEqual(
      [result.action?.status, result.action?.amount],
      ['PENDING_APPROVAL', { amount: '1', currency: 'JPY' }],
    );
  });

  describe('a write-off', () => {
    it('applies only on approval: the plan is WRITTEN_OFF, balances untouched, later waivers refused', async () => {
      const planId = await openPlan();
      await pay(planId, '500.00');
      const before = await plan(planId);
      const requested = await run(
        'requestWriteOff',
        WRITE_OFF,
        { planId, reason: 'Uncollectible after 180 days' },
        agent1,
      );
      assert.equal(requested.action?.status, 'PENDING_APPROVAL');
      assert.deepEqual(await plan(planId), before);
      const approved = await approve(requested.action!.id, admin);
      assert.deepEqual(
        [approved.action?.status, approved.action?.amount?.amount],
        ['APPLIED', before.outstandingBalance.amount],
      );
      const after = await plan(planId);
      assert.deepEqual({ ...after, status: before.status }, before);
      assert.equal(after.status, 'WRITTEN_OFF');
      await assertStoredIsReplay(planId);
      const waiver = await waive({
        planId,
        component: 'INTEREST',
        amount: '1.00',
        reason: 'x-y-z',
      });
      assert.equal(waiver.__typename, 'PlanNotServiceable');
      const again = await run('requestWriteOff', WRITE_OFF, { planId, reason: 'Again' }, agent1);
      assert.equal(again.__typename, 'PlanNotServiceable');
      await pay(planId, '100.00'); // a recovery: applied, and the plan stays written off
      assert.equal((await plan(planId)).status, 'WRITTEN_OFF');
      await assertStoredIsReplay(planId);
    });
  });

  it('refuses customers, auditors and API keys: they can neither request nor approve', async () => {
    const planId = await openPlan();
    const pending = await waive({
      planId,
      component: 'INTEREST',
      amount: '80.00',
      reason: 'Hardship',
    });
    const outsiders: Viewer[] = [
      customerViewer(randomUUID()),
      staffViewer('AUDITOR', 'auditor-1'),
      serviceViewer([
        'plans:read',
        'payments:read',
        'payments:write',
        'ledger:read',
        'customers:read',
      ]),
    ];
    for (const viewer of outsiders) {
      for (const [query, input] of [
        [WAIVE, { planId, component: 'INTEREST', amount: '1.00', reason: 'Hardship' }],
        [WRITE_OFF, { planId, reason: 'Uncollectible' }],
        [APPROVE, { id: pending.action!.id }],
        [REJECT, { id: pending.action!.id, reason: 'Not justified' }],
      ] as const) {
        const result = await service.server.execute(query, { input }, viewer);
        assert.deepEqual(
          [result.data, result.errors?.[0]?.extensions],
          [null, { reason: 'ROLE', code: 'FORBIDDEN' }],
          `${viewer.role} ${query.slice(0, 40)}`,
        );
      }
    }
    assert.equal((await plan(planId)).waivedAmount.amount, '0.00');
  });
});
