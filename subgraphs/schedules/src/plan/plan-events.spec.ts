import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Dec } from '../../../shared/money/money';
import { parsePlanTerms, replayPlan, planStateToJson } from '../engine';
import { baseTermsJson } from '../engine/terms.fixture';
import { DISBURSEMENT_EVENT_ID, planEventLog, utcCalendarDate } from './plan-events';

const terms = parsePlanTerms(baseTermsJson);
const payment = (paymentId: string, amount: string, appliedAt: string) => ({
  paymentId,
  amount: new Dec(amount),
  appliedAt: new Date(appliedAt),
});

describe('planEventLog', () => {
  it("starts with the disbursement on the terms' disbursement date", () => {
    const [first, ...rest] = planEventLog(terms, []);
    assert.deepEqual(
      [first.type, first.id, first.date.toString()],
      ['DISBURSEMENT', DISBURSEMENT_EVENT_ID, '2025-01-15'],
    );
    assert.equal(rest.length, 0);
  });

  it('maps each applied payment to a PAYMENT with its id, amount string and UTC date, oldest first', () => {
    const events = planEventLog(terms, [
      payment('p-2', '1037.0300', '2025-03-15T08:00:00Z'),
      payment('p-1', '1037.03', '2025-02-14T23:30:00-02:00'),
    ]);
    assert.deepEqual(
      events
        .slice(1)
        .map((e) => e.type === 'PAYMENT' && [e.id, e.date.toString(), e.amount, e.prepayment]),
      [
        ['p-1', '2025-02-15', '1037.03', undefined],
        ['p-2', '2025-03-15', '1037.03', undefined],
      ],
    );
  });

  it('writes amounts without exponent notation', () => {
    const [, event] = planEventLog(terms, [payment('p', '0.0000001', '2025-02-15T00:00:00Z')]);
    assert.equal(event.type === 'PAYMENT' && event.amount, '0.0000001');
  });

  it("takes the calendar date in UTC whatever the instant's offset", () => {
    assert.equal(utcCalendarDate(new Date('2025-12-31T23:59:59.999Z')).toString(), '2025-12-31');
    assert.equal(utcCalendarDate(new Date('2025-12-31T22:00:00-05:00')).toString(), '2026-01-01');
  });

  it('replays to the state the engine gives for the same payments', () => {
    const events = planEventLog(terms, [payment('p-1', '1037.03', '2025-02-15T10:00:00Z')]);
    const state = planStateToJson(replayPlan(terms, events, terms.firstDueDate));
    assert.equal(state.payments[0].status, 'APPLIED');
    assert.equal(state.installments[0].status, 'PAID');
  });
});
