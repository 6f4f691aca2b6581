import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Dec } from '../../../shared/money/money';
import {
  CUMIPMT,
  CUMPRINC,
  FV,
  IPMT,
  NPER,
  PMT,
  PPMT,
  PV,
  RATE,
  SpreadsheetError,
} from './spreadsheet.functions';

const monthly = (annual: string) => new Dec(annual).div(12);
/** Compares to a published figure at its own number of decimals. */
const near = (actual: Dec, published: string) => {
  const places = published.includes('.') ? published.split('.')[1].length : 0;
  assert.equal(actual.toDecimalPlaces(places, Dec.ROUND_HALF_UP).toFixed(places), published);
};
/** Compares the first `digits` significant digits with a value published at higher precision. */
const digits = (actual: Dec, published: string, count = 20) =>
  assert.equal(
    actual.toSignificantDigits(count).toFixed(),
    new Dec(published).toSignificantDigits(count).toFixed(),
  );

describe('spreadsheet functions (Excel order and signs)', () => {
  // Microsoft Excel PMT docs: PMT(8%/12, 10, 10000) = ($1,037.03); PMT(6%/12, 18*12, 0, 50000) = ($129.08).
  it('PMT matches the Excel documentation examples', () => {
    near(PMT(monthly('0.08'), 10, 10000), '-1037.03');
    near(PMT(monthly('0.06'), 216, 0, 50000), '-129.08');
  });

  // numpy-financial tests/test_financial.py (Decimal variants, 28-digit context).
  it('PMT, PV and PPMT match numpy-financial Decimal results to 20 digits', () => {
    digits(PMT(monthly('0.08'), 60, 15000), '-304.1459143262052370338701494');
    digits(PMT('0.8', 3, 20000), '-19311.25827814569536423841060');
    digits(PMT('0.3', 12, 2000), '-626.9081401700757748402586600');
    assert.equal(PMT(0, 60, 15000).toFixed(), '-250');
    digits(PV('0.07', 20, 12000, 0), '-127128.1709461939327295222005');
    digits(PPMT(new Dec('0.1').div(12), 1, 60, 55000), '-710.2541257864217612489830917');
  });

  // numpy-financial test_when_is_begin (Google Sheets PPMT): -1158.929712; begin-mode FV from
  // the Excel FV docs: FV(6%/12, 10, -200, -500, 1) = $2,581.40.
  it('handles payments at the beginning of the period (type 1)', () => {
    near(PPMT(new Dec('0.1').div(12), 1, 60, 55000, 0, 1), '-1158.929712');
    near(FV(monthly('0.06'), 10, -200, -500, 1), '2581.40');
    assert.equal(IPMT(monthly('0.06'), 1, 10, 1000, 0, 1).toFixed(), '0');
  });

  // Excel IPMT docs: IPMT(10%/12, 1, 36, 8000) = ($66.67); IPMT(10%, 3, 3, 8000) = ($292.45).
  it('IPMT matches the Excel documentation examples', () => {
    near(IPMT(monthly('0.1'), 1, 36, 8000), '-66.67');
    near(IPMT('0.1', 3, 3, 8000), '-292.45');
  });

  // Excel CUMIPMT docs: -11135.23213 (year 2) and -937.50 (month 1); CUMPRINC docs: -934.1071234.
  it('CUMIPMT and CUMPRINC match the Excel documentation examples', () => {
    near(CUMIPMT(monthly('0.09'), 360, 125000, 13, 24, 0), '-11135.23213');
    near(CUMIPMT(monthly('0.09'), 360, 125000, 1, 1, 0), '-937.50');
    near(CUMPRINC(monthly('0.09'), 360, 125000, 13, 24, 0), '-934.1071234');
    assert.throws(() => CUMIPMT(0, 360, 125000, 1, 1), SpreadsheetError);
  });

  // numpy-financial TestNper: nper(0.075, -2000, 0, 100000) = 21.544944 (Google Sheets),
  // nper(0.1, 0, -500, 1500) = 11.52670461, nper(0, -100, 1000) = 10.
  it('NPER matches numpy-financial', () => {
    near(NPER('0.075', -2000, 0, 100000), '21.544944');
    near(NPER('0.1', 0, -500, 1500), '11.52670461');
    assert.equal(NPER(0, -100, 1000).toFixed(), '10');
    assert.throws(() => NPER('0.1', 0, 500, 1500), SpreadsheetError);
  });

  // numpy-financial TestRate: rate(10, 0, -3500, 10000) ≈ 0.1107 (4 dp); with pmt = 0 the exact
  // answer is (10000/3500)^(1/10) − 1, which RATE must reproduce to 20 digits.
  it('RATE converges to the exact root', () => {
    const rate = RATE(10, 0, -3500, 10000);
    near(rate, '0.1107');
    digits(rate, new Dec(10000).div(3500).pow(new Dec(1).div(10)).minus(1).toFixed());
    // Excel RATE docs: RATE(4*12, -200, 8000) = 1% monthly (0.77% shown unrounded as 0.0077).
    near(RATE(48, -200, 8000), '0.0077');
    assert.throws(() => RATE(12, 400, 10000, 5000), SpreadsheetError);
  });

  it('round-trips: PV of the (negative) PMT of a loan is the (positive) loan', () => {
    const payment = PMT(monthly('0.0725'), 360, 250000);
    digits(PV(monthly('0.0725'), 360, payment), '250000', 28);
  });
});
