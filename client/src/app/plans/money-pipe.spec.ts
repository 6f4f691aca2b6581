import { formatMoney } from './money-pipe';

describe('formatMoney', () => {
  it('formats a decimal string in its currency and locale', () => {
    expect(formatMoney('1250.5', 'USD', 'en-US')).toBe('$1,250.50');
    expect(formatMoney('1250', 'JPY', 'en-US')).toBe('¥1,250');
    expect(formatMoney('1250.50', 'EUR', 'de-DE')).toBe('1.250,50\u00a0€');
  });

  it('keeps every digit of amounts too large for a binary float', () => {
    expect(formatMoney('12345678901234567.89', 'USD', 'en-US')).toBe('$12,345,678,901,234,567.89');
  });
});
