import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LocalDate } from '../../../shared/dates/local-date';
import { yearFraction } from './day-count';

const d = LocalDate.parse;
const frac = (a: string, b: string, c: Parameters<typeof yearFraction>[2]) =>
  yearFraction(d(a), d(b), c).toFractionString();

describe('yearFraction', () => {
  // ISDA, "EMU and market conventions: recent developments" (1998), §4 worked example,
  // 1 Nov 2003 – 1 May 2004: Act/Act (ISDA) 61/365 + 121/366 = 0.49772438..., Act/360 182/360,
  // Act/365 182/365, 30/360 180/360.
  it('matches the ISDA worked example for 2003-11-01 to 2004-05-01', () => {
    const actAct = yearFraction(d('2003-11-01'), d('2004-05-01'), 'ACT/ACT');
    assert.equal(actAct.toDec().toDecimalPlaces(14).toFixed(), '0.49772438056741');
    assert.equal(frac('2003-11-01', '2004-05-01', 'ACT/360'), '91/180');
    assert.equal(frac('2003-11-01', '2004-05-01', 'ACT/365F'), '182/365');
    assert.equal(frac('2003-11-01', '2004-05-01', '30/360'), '1/2');
  });

  it('uses 365 days for ACT/365F even in leap years, and 364 for ACT/364', () => {
    assert.equal(frac('2024-01-01', '2025-01-01', 'ACT/365F'), '366/365');
    assert.equal(frac('2024-01-01', '2024-01-29', 'ACT/364'), '1/13');
  });

  // SIA Standard Securities Calculation Methods, 30/360 US: 31st → 30th, Feb month-end → 30th.
  it('applies the 30/360 US end-of-month rules', () => {
    assert.equal(frac('2025-01-31', '2025-03-31', '30/360'), '1/6');
    assert.equal(frac('2024-02-29', '2024-03-31', '30/360'), '1/12');
    // D1 = 15 < 30, so D2 = 31 stays: 60 + 16 = 76 days.
    assert.equal(frac('2025-01-15', '2025-03-31', '30/360'), '19/90');
  });
});
