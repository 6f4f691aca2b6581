import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { LocalDate } from '../../../../shared/dates/local-date';
import { EngineError } from '../engine-error';
import { explain } from '../explain';
import { termsWith } from '../terms.fixture';
import { parseEvents } from './events';
import { payoffQuote } from './payoff';
import { paymentPreview, planStateToJson } from './plan-state.format';
import { replayPlan } from './replay';

const d = LocalDate.parse;
const lateFee = {
  graceDays: 5,
  fixed: '10',
  percentOfOverdue: '1',
  capPerInstallment: '25',
  capPerPlan: '40',
};
const terms = termsWith({ lateFee });
const state = (events: unknown[], businessDate = '2025-12-31', t = terms) =>
  planStateToJson(replayPlan(t, parseEvents(events), d(businessDate)));
const pay = (
  id: string,
  date: string,
  amount = '1037.03',
  extra: Record<string, unknown> = {},
) => ({ type: 'PAYMENT', id, date, amount, ...extra });
/** The financial part of a state (installments and balances), without the audit trail. */
const money = (s: ReturnType<typeof state>) => ({
  ...s,
  payments: undefined,
  versions: undefined,
  pendingEventIds: undefined,
});

describe('replayPlan', () => {
  it('pays installments on time: current, nothing overdue', () => {
    const s = state([pay('p1', '2025-02-15'), pay('p2', '2025-03-15')], '2025-03-20');
    assert.equal(s.delinquencyBucket, 'CURRENT');
    assert.deepEqual(
      s.installments.slice(0, 2).map((r) => r.status),
      ['PAID', 'PAID'],
    );
    assert.equal(s.principalOutstanding, '8052.81');
  });

  it('allocates penalties → fees → interest → principal, oldest first', () => {
    const s = state([pay('p1', '2025-04-01', '100')], '2025-04-01');
    const steps = s.payments[0].allocations;
    assert.deepEqual(
      steps.map((a) => [a.installmentNumber, a.component, a.amount]),
      [
        [1, 'PENALTY', '20.37'],
        [2, 'PENALTY', '19.63'],
        [1, 'INTEREST', '60.00'],
      ],
    );
  });

  it('can allocate due date first, then component', () => {
    const t = termsWith({ lateFee, allocationOrder: 'DUE_DATE_THEN_COMPONENT' });
    const s = state([pay('p1', '2025-04-01', '100')], '2025-04-01', t);
    assert.deepEqual(
      s.payments[0].allocations.map((a) => [a.installmentNumber, a.component, a.amount]),
      [
        [1, 'PENALTY', '20.37'],
        [1, 'INTEREST', '66.67'],
        [1, 'PRINCIPAL', '12.96'],
      ],
    );
  });

  it('assesses late fees after the grace days with per-installment and per-plan caps', () => {
    const s = state([], '2025-06-30');
    // 10 + 1% × 1037.03 = 20.37 for each; the plan cap of 40 leaves 19.63 for the second.
    assert.deepEqual(s.installments.map((r) => r.due.penalties).slice(0, 3), [
      '20.37',
      '19.63',
      '0.00',
    ]);
    assert.equal(state([], '2025-02-20').penaltiesCharged, '0.00');
    assert.equal(state([], '2025-02-21').penaltiesCharged, '20.37');
  });

  it('tracks days past due and delinquency buckets', () => {
    assert.equal(state([], '2025-02-15').delinquencyBucket, 'CURRENT');
    assert.equal(state([], '2025-03-17').daysPastDue, 30);
    assert.equal(state([], '2025-03-17').delinquencyBucket, 'DPD_1_30');
    assert.equal(state([], '2025-04-16').delinquencyBucket, 'DPD_31_60');
    assert.equal(state([], '2025-05-16').delinquencyBucket, 'DPD_61_90');
    assert.equal(state([], '2025-05-17').delinquencyBucket, 'DPD_90_PLUS');
  });

  it('holds money paid ahead as credit and applies it on the next due date', () => {
    const s = state([pay('p1', '2025-02-15', '2074.06')], '2025-03-15');
    assert.equal(s.payments[0].heldAsCredit, '1037.03');
    assert.equal(s.installments[1].status, 'PAID');
    assert.equal(s.credit, '0.00');
  });

  it('re-amortises an extra payment: REDUCE_TERM keeps the installment, REDUCE_INSTALLMENT the count', () => {
    const base = [pay('p1', '2025-02-15')];
    const term = state([
      ...base,
      pay('p2', '2025-03-15', '4037.03', { prepayment: 'REDUCE_TERM' }),
    ]);
    assert.equal(term.installmentAmount, '1037.03');
    assert.ok(term.installments.length < 10);
    assert.equal(term.versions[1].reason, 'PREPAYMENT_REDUCE_TERM');
    const smaller = state([
      ...base,
      pay('p2', '2025-03-15', '4037.03', { prepayment: 'REDUCE_INSTALLMENT' }),
    ]);
    assert.equal(smaller.installments.length, 10);
    assert.ok(Number(smaller.installmentAmount) < 1037.03);
    assert.match(smaller.versions[1].changes.join(';'), /principal prepaid 3000.00/);
  });

  it('closes the plan when a payment covers the payoff quote', () => {
    const replayed = replayPlan(terms, parseEvents([pay('p1', '2025-02-15')]), d('2025-03-01'));
    const quote = payoffQuote(replayed, d('2025-03-01'));
    // 9029.64 × 8%/12 × 14/28 days of the running period = 30.10 accrued interest.
    assert.equal(quote.interest, '30.10');
    assert.equal(quote.total, '9059.74');
    const s = state([pay('p1', '2025-02-15'), pay('p2', '2025-03-01', quote.total)], '2025-12-31');
    assert.equal(s.status, 'PAID_OFF');
    assert.equal(s.totalOutstanding, '0.00');
    assert.equal(s.versions[1].reason, 'PAYOFF');
  });

  it('waives, charges fees and reschedules from the event log', () => {
    const s = state(
      [
        { type: 'FEE', id: 'f1', date: '2025-02-01', amount: '15', name: 'Returned mail' },
        { type: 'WAIVER', id: 'w1', date: '2025-02-02', installmentNumber: 1, component: 'FEE' },
        {
          type: 'RESCHEDULE',
          id: 'r1',
          date: '2025-02-10',
          annualRatePercent: '0',
          remainingInstallments: 20,
          reason: 'Hardship',
        },
      ],
      '2025-02-10',
    );
    assert.equal(s.installments[0].waived.fees, '15.00');
    assert.equal(s.installments.length, 20);
    assert.equal(s.installments[5].due.interest, '0.00');
    assert.equal(s.versions[1].reason, 'RESCHEDULE');
  });

  it('treats a reversed payment as never made, including the late fee it had avoided', () => {
    const s = state(
      [
        pay('p1', '2025-02-15'),
        { type: 'REVERSAL', id: 'r1', date: '2025-02-25', paymentId: 'p1' },
      ],
      '2025-03-01',
    );
    assert.equal(s.payments[0].status, 'REVERSED');
    assert.equal(s.installments[0].due.penalties, '20.37');
  });

  it('keeps events after the business date pending', () => {
    const s = state([pay('p1', '2025-02-15'), pay('p2', '2025-03-15')], '2025-03-01');
    assert.deepEqual(s.pendingEventIds, ['p2']);
  });

  it('rejects an invalid event log naming the field', () => {
    assert.throws(() => state([pay('p1', '2024-12-01')]), { path: 'events[0].date' });
    assert.throws(() => state([pay('p1', '2025-02-15', '-5')]), { path: 'events[0].amount' });
    assert.throws(() => state([pay('p1', '2025-02-15'), pay('p1', '2025-03-15')]), {
      path: 'events[1].id',
    });
    assert.throws(
      () => state([{ type: 'REVERSAL', id: 'r', date: '2025-03-01', paymentId: 'x' }]),
      EngineError,
    );
  });

  it('previews a payment without recording it', () => {
    const preview = paymentPreview(terms, parseEvents([]), d('2025-02-15'), { amount: '1037.03' });
    assert.equal(preview.payment?.allocations.length, 2);
    assert.equal(preview.after.installments[0].status, 'PAID');
  });

  it('explains an interest amount with balance, rate, days and rounding, and its allocation', () => {
    const replayed = replayPlan(
      termsWith({ interestAccrual: 'DAILY' }),
      parseEvents([pay('p1', '2025-02-15', '1036.49')]),
      d('2025-02-15'),
    );
    const why = explain(replayed, 1, 'INTEREST');
    assert.equal(why.value, '67.95');
    assert.deepEqual(why.inputs.find((i) => i.name === 'days')?.value, '31');
    assert.equal(why.rounding?.mode, 'HALF_UP');
    assert.match(why.rounding?.exact ?? '', /^67\.945/);
    assert.deepEqual(why.allocations, [{ paymentId: 'p1', date: '2025-02-15', amount: '67.95' }]);
  });
});

describe('replayPlan properties', () => {
  const paymentArbitrary = fc.record({
    day: fc.integer({ min: 0, max: 330 }),
    cents: fc.integer({ min: 1, max: 400000 }),
    prepayment: fc.constantFrom(undefined, 'REDUCE_TERM', 'REDUCE_INSTALLMENT'),
  });
  const log = (payments: { day: number; cents: number; prepayment?: string }[]) =>
    payments.map((p, i) => ({
      type: 'PAYMENT',
      id: `p${String(i).padStart(2, '0')}`,
      date: d('2025-01-15').addDays(p.day).toString(),
      amount: (p.cents / 100).toFixed(2),
      ...(p.prepayment ? { prepayment: p.prepayment } : {}),
    }));

  it('replays any permutation of a valid log to the identical state, twice', () => {
    fc.assert(
      fc.property(fc.array(paymentArbitrary, { maxLength: 8 }), fc.integer(), (payments, salt) => {
        const events = log(payments);
        const shuffled = [...events].sort(
          (a, b) => ((a.id.charCodeAt(2) * 31 + salt) % 7) - ((b.id.charCodeAt(2) * 31 + salt) % 7),
        );
        assert.deepEqual(state(shuffled), state(events));
        assert.deepEqual(state(events), state(events));
      }),
      { numRuns: 40, seed: 3 },
    );
  });

  it('reversing the last payment restores the previous state exactly', () => {
    fc.assert(
      fc.property(
        fc.array(paymentArbitrary, { maxLength: 6 }),
        paymentArbitrary,
        (payments, last) => {
          const before = log(payments);
          const lastEvent = { ...log([last])[0], id: 'zz-last' };
          const reversal = {
            type: 'REVERSAL',
            id: 'zz-reversal',
            date: '2025-12-31',
            paymentId: 'zz-last',
          };
          assert.deepEqual(money(state([...before, lastEvent, reversal])), money(state(before)));
        },
      ),
      { numRuns: 40, seed: 5 },
    );
  });

  it('never lets principal exceed the loan or balances go negative', () => {
    fc.assert(
      fc.property(fc.array(paymentArbitrary, { maxLength: 8 }), (payments) => {
        const s = replayPlan(terms, parseEvents(log(payments)), d('2025-12-31'));
        const principal = s.installments.reduce((sum, r) => sum + r.due.PRINCIPAL, 0n);
        assert.equal(principal, 1_000_000n);
        for (const r of s.installments)
          for (const c of ['PRINCIPAL', 'INTEREST', 'FEE', 'PENALTY'] as const) {
            assert.ok(r.due[c] - r.paid[c] - r.waived[c] >= 0n);
          }
      }),
      { numRuns: 40, seed: 8 },
    );
  });
});
