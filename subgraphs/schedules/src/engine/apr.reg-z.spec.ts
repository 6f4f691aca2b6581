import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Dec } from '../../../shared/money/money';
import { LocalDate } from '../../../shared/dates/local-date';
import { aprFromDatedPayments } from './apr.reg-z';
import { aprFromCashflows } from './apr.input';
import type { UnitPeriod } from './unit-periods';

const d = LocalDate.parse;
const pay = (amount: string, date: LocalDate) => ({ amount: new Dec(amount), date });
const months = (first: string, count: number, amount: string, every = 1) =>
  Array.from({ length: count }, (_, k) => pay(amount, d(first).addMonths(k * every)));
const days = (first: string, count: number, amount: string, step: number) =>
  Array.from({ length: count }, (_, k) => pay(amount, d(first).addDays(k * step)));
const apr = (
  financed: number,
  advance: string,
  payments: ReturnType<typeof pay>[],
  unit?: UnitPeriod,
) => aprFromDatedPayments(new Dec(financed), d(advance), payments, unit).aprPercent.toFixed(2);

// 12 CFR 1026 Appendix J, paragraph (c) "Examples for the actuarial method"
// (https://www.consumerfinance.gov/rules-policy/regulations/1026/j/).
describe('Regulation Z Appendix J APR', () => {
  it('(c)(1)(i) monthly, regular first period: 9.69%', () => {
    assert.equal(apr(5000, '1978-01-10', months('1978-02-10', 24, '230')), '9.69');
  });
  it('(c)(1)(ii) monthly, long first period: 11.82%', () => {
    assert.equal(apr(6000, '1978-02-10', months('1978-04-01', 36, '200')), '11.82');
  });
  it('(c)(1)(iii) semimonthly, short first period: 10.34%', () => {
    const semi = Array.from({ length: 24 }, (_, k) =>
      pay(
        '219.17',
        k % 2 === 0 ? d('1978-03-01').addMonths(k / 2) : d('1978-03-16').addMonths((k - 1) / 2),
      ),
    );
    assert.equal(apr(5000, '1978-02-23', semi, { unit: 'SEMIMONTH', every: 1 }), '10.34');
  });
  it('(c)(1)(iv) quarterly, long first period: 8.97%', () => {
    assert.equal(
      apr(10000, '1978-05-23', months('1978-10-01', 40, '385', 3), { unit: 'MONTH', every: 3 }),
      '8.97',
    );
  });
  it('(c)(1)(v) weekly, long first period: 14.96%', () => {
    assert.equal(
      apr(500, '1978-03-20', days('1978-04-21', 30, '17.60', 7), { unit: 'WEEK', every: 1 }),
      '14.96',
    );
  });
  it('(c)(2)(i) monthly, irregular first payment: 10.08%', () => {
    assert.equal(
      apr(5000, '1978-01-10', [pay('250', d('1978-02-10')), ...months('1978-03-10', 23, '230')]),
      '10.08',
    );
  });
  it('(c)(2)(ii) every 4 weeks, long first period, irregular first payment: 28.50%', () => {
    const flows = [pay('39.50', d('1978-04-20')), ...days('1978-05-18', 11, '38.31', 28)];
    assert.equal(apr(400, '1978-03-18', flows, { unit: 'WEEK', every: 4 }), '28.50');
  });
  it('(c)(3)(i) monthly, irregular final payment: 10.50%', () => {
    assert.equal(
      apr(5000, '1978-01-10', [...months('1978-02-10', 23, '230'), pay('280', d('1980-01-10'))]),
      '10.50',
    );
  });
  it('(c)(3)(ii) every 2 weeks, short first period, irregular final payment: 12.22%', () => {
    const flows = [
      ...days('1978-04-11', 19, '9.50', 14),
      pay('30', d('1978-04-11').addDays(14 * 19)),
    ];
    assert.equal(apr(200, '1978-04-03', flows, { unit: 'WEEK', every: 2 }), '12.22');
  });
  it('(c)(4)(i) monthly, irregular first and final payments: 10.90%', () => {
    const flows = [
      pay('250', d('1978-02-10')),
      ...months('1978-03-10', 22, '230'),
      pay('280', d('1980-01-10')),
    ];
    assert.equal(apr(5000, '1978-01-10', flows), '10.90');
  });
  it('(c)(4)(ii) every 2 months, short first period, irregular first and final: 7.30%', () => {
    const flows = [
      pay('449.36', d('1978-03-01')),
      ...months('1978-05-01', 18, '465', 2),
      pay('200', d('1981-05-01')),
    ];
    assert.equal(apr(8000, '1978-01-10', flows, { unit: 'MONTH', every: 2 }), '7.30');
  });
  it('(c)(5)(i) single payment under one year uses the term as unit-period: 11.45%', () => {
    assert.equal(apr(1000, '1978-01-03', [pay('1080', d('1978-09-15'))]), '11.45');
  });

  it('accepts t/f cash flows with fractions as "a/b" and returns decimal strings', () => {
    // (c)(1)(ii) by hand: 1978-02-10 to 1978-04-01 is 1 month (back to 03-01) + 19 days ((b)(5)(i)).
    const payments = Array.from({ length: 36 }, (_, k) => ({
      amount: '200',
      t: k + 1,
      f: '19/30',
    }));
    const result = aprFromCashflows({ amountFinanced: '6000', payments });
    assert.equal(result.aprPercent, '11.82');
    assert.equal(result.unitPeriodsPerYear, '12');
  });

  it('names the field of invalid cash flows', () => {
    assert.throws(() => aprFromCashflows({ amountFinanced: 6000, payments: [] }), {
      path: 'amountFinanced',
    });
    assert.throws(
      () =>
        aprFromCashflows({
          amountFinanced: '6000',
          payments: [{ amount: '1', date: '2025-01-01' }],
        }),
      { path: 'advanceDate' },
    );
  });
});
