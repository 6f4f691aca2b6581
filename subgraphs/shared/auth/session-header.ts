/**
 * How accounts tells the gateway to set or clear the session cookie. Subgraphs never set cookies:
 * a resolver that opens, rotates or ends a session sets this response header and the gateway turns
 * it into `SESSION_COOKIE` (Secure, HttpOnly, SameSite=Lax, Path=/), stripping the header itself.
 */
export const SESSION_HEADER = 'x-installa-session';

/** The browser cookie holding the opaque session token (`__Host-`: Secure, no Domain, Path=/). */
export const SESSION_COOKIE = '__Host-installa_session';

/** Set the cookie to `token` for `maxAgeSeconds`, or clear it. */
export type SessionInstruction =
  { action: 'set'; token: string; maxAgeSeconds: number } | { action: 'clear' };

/** A session token as issued by accounts: 32 random bytes, base64url (43 characters). */
export const SESSION_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** `set <token> <maxAgeSeconds>` or `clear`: the value of `SESSION_HEADER`. */
export function formatSessionInstruction(instruction: SessionInstruction): string {
  if (instruction.action === 'clear') return 'clear';
  if (!SESSION_TOKEN_PATTERN.test(instruction.token)) throw new RangeError('malformed token');
  const maxAge = Math.max(0, Math.floor(instruction.maxAgeSeconds));
  return `set ${instruction.token} ${maxAge}`;
}

/** Parses a `SESSION_HEADER` value; null when it is missing or malformed (then do nothing). */
export function parseSessionInstruction(value: unknown): SessionInstruction | null {
  if (typeof value !== 'string') return null;
  if (value === 'clear') return { action: 'clear' };
  const match = /^set ([A-Za-z0-9_-]{43}) (\d{1,9})$/.exec(value);
  if (!match) return null;
  return { action: 'set', token: match[1] as string, maxAgeSeconds: Number(match[2]) };
}
