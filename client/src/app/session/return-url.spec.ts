import { DEFAULT_RETURN_URL, safeReturnUrl } from './return-url';

describe('safeReturnUrl', () => {
  it('keeps a path on this site, with its query and fragment', () => {
    expect(safeReturnUrl('/account/security')).toBe('/account/security');
    expect(safeReturnUrl('/plans?tab=2#plan-1')).toBe('/plans?tab=2#plan-1');
  });

  it('falls back to the plans page when there is no return address', () => {
    expect(safeReturnUrl(null)).toBe(DEFAULT_RETURN_URL);
    expect(safeReturnUrl(undefined)).toBe(DEFAULT_RETURN_URL);
    expect(safeReturnUrl('')).toBe(DEFAULT_RETURN_URL);
  });

  it('refuses absolute and protocol-relative URLs (open redirect)', () => {
    for (const hostile of [
      'https://evil.example/plans',
      'javascript:alert(1)',
      '//evil.example',
      '/\\evil.example',
      '/\t/evil.example',
      'evil.example',
      ' /plans',
    ]) {
      expect(safeReturnUrl(hostile)).withContext(hostile).toBe(DEFAULT_RETURN_URL);
    }
  });

  it('never returns to the sign-in pages themselves', () => {
    expect(safeReturnUrl('/sign-in?returnUrl=%2Fplans')).toBe(DEFAULT_RETURN_URL);
    expect(safeReturnUrl('/reset-password')).toBe(DEFAULT_RETURN_URL);
  });
});
