import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new opaque secret: 32 random bytes, base64url (43 characters). Only its hash is stored. */
export const newSecretToken = (): string => randomBytes(32).toString('base64url');

/** SHA-256 (hex) of a high-entropy secret: what tables store and look up instead of the secret. */
export const sha256Hex = (value: string): string =>
  createHash('sha256').update(value).digest('hex');

/** Constant-time equality of two secrets of any length (compares their SHA-256 digests). */
export function secretsEqual(presented: string, expected: string): boolean {
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** An injectable clock, so expiry and lockout are tested without waiting. */
export type Clock = () => Date;

/** Trimmed, lower-cased email: the form every blind index and policy check uses. */
export const normalizeEmail = (email: string): string => email.trim().toLowerCase();
