import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { baseTermsJson } from '../src/engine/terms.fixture';

// Runs from src (swc) or dist (tsc): find the repository root by walking up to package.json.
function repoRoot(start: string): string {
  let dir = start;
  while (
    !existsSync(path.join(dir, 'package.json')) ||
    !existsSync(path.join(dir, 'tsconfig.server.json'))
  ) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('repository root not found');
    dir = parent;
  }
  return dir;
}

const root = repoRoot(__dirname);

function run(
  script: 'schedule' | 'apr' | 'finance',
  input: unknown,
): { status: number | null; body: Record<string, unknown> & { error?: Record<string, string> } } {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['run', '-s', script], {
    cwd: root,
    input: JSON.stringify(input),
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, body: JSON.parse(result.stdout) };
}

const terms = { ...baseTermsJson };

describe('engine CLI (npm run -s schedule|apr|finance)', () => {
  // Excel PMT docs: PMT(8%/12, 10, 10000) = -1037.03; no fees so the APR is the note rate.
  it('schedule prints installments, totals and the APR as decimal strings', () => {
    const { status, body } = run('schedule', terms);
    assert.equal(status, 0);
    assert.equal(body.installmentAmount, '1037.03');
    assert.equal(body.aprPercent, '8.00');
    const installments = body.installments as { number: number; total: string; balance: string }[];
    assert.equal(installments.length, 10);
    assert.equal(installments[9].balance, '0.00');
    assert.deepEqual(Object.keys(body.totals as object), [
      'principal',
      'interest',
      'fees',
      'total',
    ]);
  });

  it('schedule fails with a non-zero exit and the error naming the field', () => {
    const { status, body } = run('schedule', { ...terms, annualRatePercent: 8 });
    assert.notEqual(status, 0);
    assert.equal(body.error?.code, 'BAD_USER_INPUT');
    assert.equal(body.error?.path, 'annualRatePercent');
  });

  // Regulation Z Appendix J (c)(1)(i): 5,000 financed, 24 monthly payments of 230 → 9.69%.
  it('apr computes the Appendix J example', () => {
    const payments = Array.from({ length: 24 }, (_, k) => ({ amount: '230', t: k + 1, f: '0' }));
    const { status, body } = run('apr', {
      amountFinanced: '5000',
      unitPeriod: { unit: 'MONTH', every: 1 },
      payments,
    });
    assert.equal(status, 0);
    assert.equal(body.aprPercent, '9.69');
    assert.equal(body.unitPeriodsPerYear, '12');
  });

  // Excel CUMIPMT docs: -11135.23213; numpy-financial: rate(10, 0, -3500, 10000) ≈ 0.1107.
  it('finance evaluates calls in order with ≥ 20 significant digits, errors in place', () => {
    const { status, body } = run('finance', [
      { fn: 'CUMIPMT', rate: '0.0075', nper: '360', pv: '125000', start: 13, end: 24, type: 0 },
      { fn: 'RATE', nper: '10', pmt: '0', pv: '-3500', fv: '10000' },
      { fn: 'CUMIPMT', rate: '0', nper: '360', pv: '125000', start: 1, end: 1 },
      { fn: 'PMT', rate: 0.1, nper: '10', pv: '100' },
    ]);
    assert.equal(status, 0);
    const results = body as unknown as { value?: string; error?: { code: string } }[];
    assert.match(results[0].value ?? '', /^-11135\.23213075084268837/);
    assert.match(results[1].value ?? '', /^0\.11069085371/);
    assert.equal(results[2].error?.code, '#NUM!');
    assert.equal(results[3].error?.code, 'BAD_USER_INPUT');
  });

  it('rejects malformed JSON with the error shape', () => {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const result = spawnSync(npm, ['run', '-s', 'apr'], {
      cwd: root,
      input: '{not json',
      encoding: 'utf8',
    });
    assert.notEqual(result.status, 0);
    assert.equal(JSON.parse(result.stdout).error.code, 'BAD_USER_INPUT');
  });
});
