import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EngineError } from './engine-error';
import { baseTermsJson } from './terms.fixture';
import { parsePlanTerms } from './terms.schema';

const rejects = (overrides: Record<string, unknown>, path: string, message?: RegExp) => {
  assert.throws(
    () => parsePlanTerms({ ...baseTermsJson, ...overrides }),
    (error: unknown) => {
      assert.ok(error instanceof EngineError, 'an EngineError, not a raw error');
      assert.equal(error.code, 'BAD_USER_INPUT');
      assert.equal(error.path, path);
      if (message) assert.match(error.message, message);
      return true;
    },
  );
};

describe('parsePlanTerms', () => {
  it('accepts the base terms', () => {
    assert.equal(parsePlanTerms(baseTermsJson).installmentCount, 10);
  });
  it('rejects a negative principal', () =>
    rejects({ principal: '-5' }, 'principal', /greater than zero/));
  it('rejects zero installments', () =>
    rejects({ installmentCount: 0 }, 'installmentCount', /at least 1/));
  it('rejects more than 1200 installments', () =>
    rejects({ installmentCount: 1201 }, 'installmentCount', /at most 1200/));
  it('rejects a rate given as a JSON number', () =>
    rejects({ annualRatePercent: 8 }, 'annualRatePercent', /not a JSON number/));
  it('rejects an unknown enum value', () =>
    rejects({ amortization: 'BULLET' }, 'amortization', /must be one of/));
  it('rejects an unknown frequency unit', () =>
    rejects({ frequency: { unit: 'YEARS', every: 1 } }, 'frequency.unit'));
  it('rejects a first due date before disbursement', () =>
    rejects({ firstDueDate: '2025-01-01' }, 'firstDueDate', /after disbursementDate/));
  it('rejects an impossible date', () =>
    rejects({ disbursementDate: '2025-02-30' }, 'disbursementDate'));
  it('rejects more decimals than the currency has', () =>
    rejects({ principal: '100.5', currency: 'JPY' }, 'principal', /JPY/));
  it('rejects an unknown currency unless minorUnits is given', () => {
    rejects({ currency: 'XYZ' }, 'currency');
    assert.equal(
      parsePlanTerms({ ...baseTermsJson, currency: 'XYZ', minorUnits: 3 }).minorDigits,
      3,
    );
  });
  it('names the field inside a fee', () =>
    rejects({ fees: [{ type: 'PER_INSTALLMENT', amount: 5 }] }, 'fees[0].amount', /JSON number/));
  it('rejects a missing rounding object', () => rejects({ rounding: undefined }, 'rounding'));
  it('rejects a grace period as long as the plan', () =>
    rejects({ principalGracePeriods: 10 }, 'principalGracePeriods'));
});
