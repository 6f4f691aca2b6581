/** Where to go after signing in when no (usable) return address was given. */
export const DEFAULT_RETURN_URL = '/plans';

/** Pages a return address must never point back to (they would loop or make no sense). */
const AUTH_PAGES =
  /^\/(sign-in|sign-up|forgot-password|reset-password|accept-invite|verify-email)\b/;

/**
 * The `returnUrl` query parameter as a safe in-app path, or the default.
 *
 * Open-redirect guard: only a path on this origin is accepted. `//evil.example` and
 * `/\evil.example` are protocol-relative URLs to browsers, and anything with a scheme
 * (`https:`, `javascript:`) is absolute, so those fall back to the default. Control
 * characters are refused because browsers strip them before parsing (`/\t/evil.example`).
 */
export function safeReturnUrl(value: string | null | undefined): string {
  if (!value || !value.startsWith('/')) return DEFAULT_RETURN_URL;
  if (value.startsWith('//') || value.startsWith('/\\')) return DEFAULT_RETURN_URL;
  // Control characters (U+0000–U+001F, U+007F) and backslashes have no place in our paths.
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return DEFAULT_RETURN_URL;
  if (AUTH_PAGES.test(value)) return DEFAULT_RETURN_URL;
  return value;
}
