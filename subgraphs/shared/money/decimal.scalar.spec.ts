import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Kind } from 'graphql';
import { DecimalScalar, parseDecimalString } from './decimal.scalar';
import { Dec } from './money';
import { DomainError } from '../errors/domain-error';

describe('Decimal scalar', () => {
  it('parses exact decimal strings without losing digits', () => {
    assert.equal(
      parseDecimalString('12345678901234567890.123456789').toFixed(),
      '12345678901234567890.123456789',
    );
    assert.equal(parseDecimalString('-0.10').toFixed(2), '-0.10');
  });

  for (const bad of [
    12.5,
    true,
    null,
    '1e3',
    'NaN',
    'Infinity',
    '01.5',
    '1.',
    '.5',
    ' 1',
    '1'.repeat(49),
  ]) {
    it(`rejects ${JSON.stringify(bad)} with BAD_USER_INPUT`, () => {
      assert.throws(
        () => DecimalScalar.parseValue(bad),
        (e: unknown) => e instanceof DomainError && e.code === 'BAD_USER_INPUT',
      );
    });
  }

  it('rejects number literals in queries', () => {
    assert.throws(
      () => DecimalScalar.parseLiteral({ kind: Kind.FLOAT, value: '1.5' }),
      DomainError,
    );
    assert.equal(
      (
        DecimalScalar.parseLiteral({ kind: Kind.STRING, value: '1.5' }) as InstanceType<typeof Dec>
      ).toFixed(),
      '1.5',
    );
  });

  it('serialises pre-formatted money strings as they are and decimals without exponents', () => {
    assert.equal(DecimalScalar.serialize('125.50'), '125.50');
    assert.equal(DecimalScalar.serialize(new Dec('1e-7')), '0.0000001');
    assert.throws(() => DecimalScalar.serialize(1.5));
  });
});
