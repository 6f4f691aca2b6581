import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Dec } from '../../../shared/money/money';
import { previewSchedule } from './schedule';
import { scheduleToJson } from './schedule.format';
import { CUMIPMT, PMT } from './spreadsheet.functions';
import { termsWith } from './terms.fixture';
import { previewScheduleJson } from './schedule.preview';
import { baseTermsJson } from './terms.fixture';

const json = (overrides: Record<string, unknown> = {}) =>
  scheduleToJson(previewSchedule(termsWith(overrides)));

describe('previewSchedule', () => {
  // Excel PMT docs: PMT(8%/12, 10, 10000) = -1037.03; first month's interest 10000 × 8%/12 = 66.67.
  it('builds the Excel PMT example: 10 × 1037.03, the last clearing the balance', () => {
    const schedule = json();
    assert.equal(schedule.installmentAmount, '1037.03');
    assert.equal(schedule.installments[0].interest, '66.67');
    assert.equal(schedule.installments[0].principal, '970.36');
    assert.equal(schedule.installments[9].balance, '0.00');
    assert.equal(schedule.totals.principal, '10000.00');
    assert.ok(schedule.installments.slice(0, 9).every((row) => row.total === '1037.03'));
  });

  // Excel CUMIPMT docs: 125,000 at 9% for 30 years pays 11,135.23 interest in year 2; the
  // rounded schedule may drift from the unrounded annuity by cents only.
  it('agrees with CUMIPMT for a 360-month mortgage within rounding drift', () => {
    const schedule = previewSchedule(
      termsWith({ principal: '125000', annualRatePercent: '9', installmentCount: 360 }),
    );
    const emi = PMT(new Dec('0.09').div(12), 360, 125000)
      .negated()
      .toDecimalPlaces(2, Dec.ROUND_HALF_UP);
    assert.equal(scheduleToJson(schedule).installmentAmount, emi.toFixed(2));
    const yearTwo = schedule.installments
      .slice(12, 24)
      .reduce((sum, row) => sum + row.interest, 0n);
    const published = new Dec('11135.23213');
    assert.ok(new Dec(yearTwo.toString()).div(100).minus(published).abs().lt('0.10'));
    assert.ok(
      CUMIPMT(new Dec('0.09').div(12), 360, 125000, 13, 24)
        .negated()
        .minus(published)
        .abs()
        .lt('0.00001'),
    );
  });

  it('keeps month-end due dates anchored: Jan 31 → Feb 29 → Mar 31', () => {
    const schedule = json({
      disbursementDate: '2023-12-31',
      firstDueDate: '2024-01-31',
      installmentCount: 3,
    });
    assert.deepEqual(
      schedule.installments.map((r) => r.dueDate),
      ['2024-01-31', '2024-02-29', '2024-03-31'],
    );
  });

  it('zero-interest pay-in-4 with a down payment at purchase: no interest, last takes the remainder', () => {
    const schedule = json({
      principal: '100',
      downPayment: '25',
      installmentCount: 3,
      annualRatePercent: '0',
      interestMethod: 'NONE',
    });
    assert.deepEqual(
      schedule.installments.map((r) => r.total),
      ['25.00', '25.00', '25.00'],
    );
    assert.equal(schedule.dueAtDisbursement.downPayment, '25.00');
    const thirds = json({ principal: '100', installmentCount: 3, interestMethod: 'NONE' });
    assert.deepEqual(
      thirds.installments.map((r) => r.principal),
      ['33.33', '33.33', '33.34'],
    );
    assert.equal(thirds.totals.interest, '0.00');
  });

  it('rounds the equal installment to installmentMultipleOf', () => {
    assert.equal(
      json({ rounding: { mode: 'HALF_UP', installmentMultipleOf: '1' } }).installmentAmount,
      '1037.00',
    );
    assert.equal(
      json({ rounding: { mode: 'UP', installmentMultipleOf: '0.05' } }).installmentAmount,
      '1037.05',
    );
  });

  it('applies the named rounding mode to each interest amount', () => {
    // 10000 × 8%/12 = 66.666...: DOWN 66.66, UP 66.67.
    assert.equal(json({ rounding: { mode: 'DOWN' } }).installments[0].interest, '66.66');
    assert.equal(json({ rounding: { mode: 'UP' } }).installments[0].interest, '66.67');
  });

  it('keeps full precision with rounding NONE and rounds only for display', () => {
    const schedule = previewSchedule(termsWith({ rounding: { mode: 'NONE' } }));
    assert.equal(schedule.scale.digits, 20);
    assert.equal(scheduleToJson(schedule).installmentAmount, '1037.03');
    assert.equal(schedule.installments[9].balance, 0n);
  });

  it('uses zero minor digits for JPY', () => {
    const schedule = json({
      principal: '1000000',
      currency: 'JPY',
      installmentCount: 12,
      annualRatePercent: '3',
    });
    assert.match(schedule.installmentAmount, /^\d+$/);
    assert.equal(schedule.totals.principal, '1000000');
  });

  // Flat interest: total = P × annual × years = 12000 × 10% × 1 = 1200, 100 a month.
  it('spreads flat interest evenly', () => {
    const schedule = json({
      principal: '12000',
      annualRatePercent: '10',
      installmentCount: 12,
      interestMethod: 'FLAT',
    });
    assert.equal(schedule.installmentAmount, '1100.00');
    assert.ok(
      schedule.installments.every((r) => r.interest === '100.00' && r.principal === '1000.00'),
    );
    assert.equal(schedule.totals.interest, '1200.00');
  });

  it('amortises equal principal, balloon and grace periods', () => {
    const equal = json({
      principal: '1200',
      installmentCount: 12,
      amortization: 'EQUAL_PRINCIPAL',
      annualRatePercent: '12',
    });
    assert.ok(equal.installments.every((r) => r.principal === '100.00'));
    assert.equal(equal.installments[0].interest, '12.00');
    const balloon = json({ amortization: 'INTEREST_ONLY_BALLOON', annualRatePercent: '12' });
    assert.equal(balloon.installments[0].total, '100.00');
    assert.equal(balloon.installments[9].total, '10100.00');
    const grace = json({ principalGracePeriods: 2 });
    assert.deepEqual(
      grace.installments.slice(0, 2).map((r) => r.principal),
      ['0.00', '0.00'],
    );
    assert.equal(grace.installments[2].interest, '66.67');
  });

  it('charges nothing in interest-free periods', () => {
    const schedule = json({ interestFreePeriods: 3 });
    assert.deepEqual(
      schedule.installments.slice(0, 3).map((r) => r.interest),
      ['0.00', '0.00', '0.00'],
    );
    assert.notEqual(schedule.installments[3].interest, '0.00');
  });

  it('accrues an odd first period by days and prorates a start before disbursement', () => {
    // 2025-01-15 → 2025-03-01 is 45 days: 10000 × 8% × 45/365 = 98.63.
    assert.equal(json({ firstDueDate: '2025-03-01' }).installments[0].interest, '98.63');
    // Period 2025-01-01 → 02-01 (31 days), disbursed 01-15: 10000 × 8%/12 × 17/31 = 36.56.
    const prorated = json({
      scheduleStartDate: '2025-01-01',
      disbursementDate: '2025-01-15',
      firstDueDate: '2025-02-01',
    });
    assert.equal(prorated.installments[0].interest, '36.56');
  });

  it('accrues daily by the day count between period dates', () => {
    // February 2025 has 28 days: 10000 × 8% × 31/365 for Jan 15 → Feb 15 = 67.95 (ACT/365F).
    assert.equal(json({ interestAccrual: 'DAILY' }).installments[0].interest, '67.95');
    assert.equal(
      json({ interestAccrual: 'DAILY', dayCount: 'ACT/360' }).installments[0].interest,
      '68.89',
    );
    assert.equal(
      json({ interestAccrual: 'DAILY', dayCount: '30/360' }).installments[0].interest,
      '66.67',
    );
  });

  it('shows fees per installment beside principal and interest', () => {
    const schedule = json({
      fees: [
        { type: 'ONE_OFF', name: 'Origination', amount: '100' },
        { type: 'ONE_OFF', name: 'Statement', amount: '7.5', installmentNumber: 3 },
        { type: 'PER_INSTALLMENT', name: 'Service', amount: '2' },
        { type: 'PERCENT_OF_BALANCE', name: 'Insurance', percent: '0.1' },
      ],
    });
    assert.equal(schedule.dueAtDisbursement.fees, '100.00');
    assert.equal(schedule.installments[0].fees, '12.00'); // 2 + 0.1% × 10000
    assert.equal(schedule.installments[2].fees, '17.55'); // 7.5 + 2 + 0.1% × 8052.81 (8.05)
    assert.equal(schedule.installments[0].total, '1049.03');
  });

  it('adds the Reg Z APR: equal to the note rate without fees, higher with a prepaid fee', () => {
    assert.equal(
      previewScheduleJson({ ...termsBase(), rounding: { mode: 'HALF_UP' } }).aprPercent,
      '8.00',
    );
    const withFee = previewScheduleJson({
      ...termsBase(),
      fees: [{ type: 'ONE_OFF', amount: '100' }],
    });
    assert.ok(Number(withFee.aprPercent) > 8);
  });

  it('balanceLastInstallment never leaves the last installment further from the others', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 120 }),
        fc.integer({ min: 100, max: 2500 }),
        (n, ratePermille) => {
          const overrides = {
            installmentCount: n,
            annualRatePercent: (ratePermille / 100).toFixed(2),
            rounding: { mode: 'DOWN' },
          };
          const gap = (balance: boolean) => {
            const s = previewSchedule(
              termsWith({
                ...overrides,
                rounding: { mode: 'DOWN', balanceLastInstallment: balance },
              }),
            );
            const last = s.installments[s.installments.length - 1];
            const diff = last.principal + last.interest - s.installmentAmount;
            return diff < 0n ? -diff : diff;
          };
          assert.ok(gap(true) <= gap(false));
        },
      ),
      { numRuns: 60, seed: 11 },
    );
  });
});

function termsBase(): Record<string, unknown> {
  return { ...baseTermsJson };
}
