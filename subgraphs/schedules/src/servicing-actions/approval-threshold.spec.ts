import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Money } from '../../../shared/money/money';
import { loadConfig } from '../config';
import { needsApproval, parseApprovalThresholds } from './approval-threshold';

describe('parseApprovalThresholds', () => {
  it("reads one threshold per currency with that currency's minor digits", () => {
    const { thresholds, issues } = parseApprovalThresholds('USD:50.00, JPY:5000,KWD:15.125');
    assert.deepEqual(issues, []);
    assert.deepEqual(
      [...thresholds].map(([currency, money]) => [currency, money.toFixed()]),
      [
        ['USD', '50.00'],
        ['JPY', '5000'],
        ['KWD', '15.125'],
      ],
    );
  });

  it('names every bad entry: format, unknown currency, too many decimals, repeated currency', () => {
    const { issues } = parseApprovalThresholds('USD:50.00,50,XYZ:1,JPY:10.5,USD:1,EUR:-1');
    assert.equal(issues.length, 5, issues.join('\n'));
    assert.match(issues.join('\n'), /"50" is not CUR:amount/);
    assert.match(issues.join('\n'), /XYZ is not a known/);
    assert.match(issues.join('\n'), /JPY:10\.5/);
    assert.match(issues.join('\n'), /USD is given twice/);
    assert.match(issues.join('\n'), /"EUR:-1"/);
  });
});

describe('needsApproval', () => {
  const { thresholds } = parseApprovalThresholds('USD:50.00,JPY:5000');

  it('lets a waiver up to and including the threshold apply at once', () => {
    assert.equal(needsApproval(thresholds, Money.of('50.00', 'USD')), false);
    assert.equal(needsApproval(thresholds, Money.of('50.01', 'USD')), true);
    assert.equal(needsApproval(thresholds, Money.of('5000', 'JPY')), false);
    assert.equal(needsApproval(thresholds, Money.of('5001', 'JPY')), true);
  });

  it('always needs approval in a currency without a threshold', () => {
    assert.equal(needsApproval(thresholds, Money.of('0.01', 'EUR')), true);
  });
});

describe('schedules loadConfig WAIVER_APPROVAL_THRESHOLD', () => {
  const env = { DATABASE_URL: 'postgres://localhost/x' };

  it('defaults to 50.00 in USD, EUR and GBP', () => {
    const thresholds = loadConfig(env).WAIVER_APPROVAL_THRESHOLD;
    assert.deepEqual(
      [...thresholds].map(([c, m]) => `${c}:${m.toFixed()}`),
      ['USD:50.00', 'EUR:50.00', 'GBP:50.00'],
    );
  });

  it('refuses to start with a bad threshold, naming the variable and the entry', () => {
    assert.throws(
      () => loadConfig({ ...env, WAIVER_APPROVAL_THRESHOLD: 'JPY:10.5' }),
      /WAIVER_APPROVAL_THRESHOLD: JPY:10\.5/,
    );
  });
});
