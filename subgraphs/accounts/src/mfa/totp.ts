import { randomBytes } from 'node:crypto';
import { generate, generateSecret, generateURI, verify } from 'otplib';
import { sha256Hex } from '../identity/secret-token';

/** RFC 6238 parameters: 30-second steps, 6 digits, SHA-1 (what authenticator apps expect). */
export const TOTP_PERIOD_SECONDS = 30;

/** A new base32 TOTP secret (160 random bits). */
export const newTotpSecret = (): string => generateSecret();

/** `otpauth://` URI for the authenticator app's QR code. */
export const totpUri = (secret: string, email: string): string =>
  generateURI({ issuer: 'Installa', label: email, secret });

/**
 * The time step a 6-digit `code` matches at `now` (±1 step for clock drift), or null. A step at or
 * before `lastAcceptedStep` is refused, so a code is accepted once only (replay guard).
 */
export async function acceptedTotpStep(
  secret: string,
  code: string,
  now: Date,
  lastAcceptedStep: number | null,
): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  const result = await verify({
    secret,
    token: code,
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: TOTP_PERIOD_SECONDS,
    ...(lastAcceptedStep !== null ? { afterTimeStep: lastAcceptedStep } : {}),
  });
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

/** The code an authenticator shows at `at` (tests and the demo banner). */
export const totpCodeAt = (secret: string, at: Date): Promise<string> =>
  generate({ secret, epoch: Math.floor(at.getTime() / 1000) });

/** Ten recovery codes of 80 random bits each, formatted `xxxx-xxxx-xxxx-xxxx` (base32, lower). */
export function newRecoveryCodes(count = 10): string[] {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  return Array.from({ length: count }, () => {
    const bytes = randomBytes(16);
    const chars = Array.from(bytes, (b) => alphabet[b % 32]).join('');
    return chars.match(/.{4}/g)!.join('-');
  });
}

/** Hash of a recovery code as typed (spaces, dashes and case ignored). */
export const recoveryCodeHash = (code: string): string =>
  sha256Hex(code.replace(/[\s-]/g, '').toLowerCase());
