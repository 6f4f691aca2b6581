import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { LocalDate, daysInMonth, isLeapYear } from './local-date';

describe('LocalDate', () => {
  it('parses and prints ISO dates and rejects impossible ones', () => {
    assert.equal(LocalDate.parse('2025-03-01').toString(), '2025-03-01');
    assert.throws(() => LocalDate.parse('2025-02-29'), RangeError);
    assert.throws(() => LocalDate.parse('2025-3-1'), RangeError);
    assert.equal(LocalDate.isValid('2024-02-29'), true);
  });

  it('keeps a month-end anchor when adding months to the original date: Jan 31 → Feb 29 → Mar 31', () => {
    const anchor = LocalDate.parse('2024-01-31');
    assert.deepEqual(
      [1, 2, 3].map((m) => anchor.addMonths(m).toString()),
      ['2024-02-29', '2024-03-31', '2024-04-30'],
    );
    assert.equal(LocalDate.parse('2025-01-31').addMonths(1).toString(), '2025-02-28');
    assert.equal(LocalDate.parse('2025-01-15').addMonths(-13).toString(), '2023-12-15');
  });

  it('counts actual days across leap years without time-zone drift', () => {
    assert.equal(LocalDate.parse('2024-01-01').daysUntil(LocalDate.parse('2025-01-01')), 366);
    assert.equal(LocalDate.parse('2023-03-25').daysUntil(LocalDate.parse('2023-03-27')), 2);
    assert.equal(LocalDate.parse('1970-01-01').epochDay, 0);
    assert.equal(LocalDate.parse('2000-03-01').addDays(-1).toString(), '2000-02-29');
  });

  it('follows the Gregorian leap-year rule', () => {
    assert.deepEqual([1900, 2000, 2024, 2025].map(isLeapYear), [false, true, true, false]);
    assert.equal(daysInMonth(2100, 2), 28);
  });

  it('round-trips every day number and agrees with UTC calendar arithmetic', () => {
    fc.assert(
      fc.property(fc.integer({ min: -700000, max: 2900000 }), (epochDay) => {
        const date = LocalDate.fromEpochDay(epochDay);
        assert.equal(LocalDate.parse(date.toString()).epochDay, epochDay);
        const utc = new Date(Date.UTC(date.year, date.month - 1, date.day));
        if (date.year >= 1000) assert.equal(utc.toISOString().slice(0, 10), date.toString());
      }),
      { numRuns: 500, seed: 42 },
    );
  });
});
