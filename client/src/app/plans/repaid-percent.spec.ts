import { repaidPercent } from './repaid-percent';

const usd = (amount: string) => ({ amount, currency: 'USD' });

describe('repaidPercent', () => {
  it('returns the whole percentage repaid, rounded down', () => {
    expect(repaidPercent(usd('312.50'), usd('1250.00'))).toBe(25);
    expect(repaidPercent(usd('1249.99'), usd('1250.00'))).toBe(99);
  });

  it('returns 100 only when everything is repaid', () => {
    expect(repaidPercent(usd('600.00'), usd('600.00'))).toBe(100);
  });

  it('returns 0 for a plan with nothing repayable or an unreadable amount', () => {
    expect(repaidPercent(usd('0.00'), usd('0.00'))).toBe(0);
    expect(repaidPercent(usd('oops'), usd('10.00'))).toBe(0);
  });

  it('clamps overpayment to 100', () => {
    expect(repaidPercent(usd('700.00'), usd('600.00'))).toBe(100);
  });
});
