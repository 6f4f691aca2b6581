import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Money, Dec, minorDigits } from './money';

describe('Money', () => {
  it('rejects more decimals than the currency allows', () => {
    assert.throws(() => Money.of('1.005', 'USD'), /more decimals than USD allows/);
    assert.throws(() => Money.of('1.5', 'JPY'), /JPY/);
    assert.equal(Money.of('1.005', 'KWD').toFixed(), '1.005');
  });

  it('formats with exactly the minor digits of the currency', () => {
    assert.equal(Money.of('125.5', 'USD').toFixed(), '125.50');
    assert.equal(Money.of('1250', 'JPY').toFixed(), '1250');
    assert.equal(Money.of('1e21', 'USD').toFixed(), '1000000000000000000000.00');
  });

  it('rounds with the named rule only', () => {
    assert.equal(Money.rounded('2.345', 'USD', 'HALF_EVEN').toFixed(), '2.34');
    assert.equal(Money.rounded('2.345', 'USD', 'HALF_UP').toFixed(), '2.35');
    assert.equal(Money.rounded('2.349', 'USD', 'DOWN').toFixed(), '2.34');
    assert.equal(Money.rounded('2.341', 'USD', 'UP').toFixed(), '2.35');
  });

  it('refuses to add different currencies', () => {
    assert.throws(() => Money.of(1, 'USD').plus(Money.of(1, 'EUR')), /Currency mismatch/);
  });

  it('splits 100.00 into 3 parts of 33.34, 33.33, 33.33', () => {
    assert.deepEqual(
      Money.of('100', 'USD')
        .split(3)
        .map((m) => m.toFixed()),
      ['33.34', '33.33', '33.33'],
    );
  });

  it('split parts always sum to the whole, differ by at most one minor unit, never negative', () => {
    const currencies = ['USD', 'JPY', 'KWD'] as const;
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 15n }),
        fc.integer({ min: 1, max: 400 }),
        fc.constantFrom(...currencies),
        (minor, count, currency) => {
          const whole = Money.of(
            new Dec(minor.toString()).div(new Dec(10).pow(minorDigits(currency))),
            currency,
          );
          const parts = whole.split(count);
          const unit = new Dec(10).pow(-minorDigits(currency));
          assert.ok(Money.sum(parts, currency).equals(whole));
          const amounts = parts.map((p) => p.amount);
          const spread = Dec.max(...amounts).minus(Dec.min(...amounts));
          assert.ok(spread.lte(unit));
          assert.ok(parts.every((p) => !p.isNegative()));
        },
      ),
    );
  });

  it('allocates by ratio with the remainder to the first parts', () => {
    assert.deepEqual(
      Money.of('0.05', 'USD')
        .allocate([1, 1, 0, 1])
        .map((m) => m.toFixed()),
      ['0.02', '0.02', '0.00', '0.01'],
    );
  });
});
