import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { API_SCOPES, ROLES, type Viewer } from './viewer';

/** Header from the gateway to the subgraphs carrying the signed viewer. */
export const IDENTITY_HEADER = 'x-installa-identity';

/** How long a signed identity is accepted after the gateway signed it (clock skew included). */
export const IDENTITY_MAX_AGE_MS = 60_000;

const viewerSchema = z.strictObject({
  role: z.enum(ROLES).nullable(),
  subjectId: z.string().max(64).nullable(),
  customerId: z.string().max(64).nullable(),
  sessionId: z.string().max(64).nullable(),
  mfaVerifiedAt: z.string().max(40).nullable(),
  scopes: z.array(z.enum(API_SCOPES)).max(API_SCOPES.length),
  ip: z.string().max(64),
  userAgent: z.string().max(256).nullable(),
});

/** Key for identity signatures, derived from the service secret so one secret stays one secret. */
export function identityKey(serviceSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', serviceSecret, 'installa', 'identity-header-v1', 32));
}

const mac = (key: Buffer, body: string): Buffer => createHmac('sha256', key).update(body).digest();

/** `base64url(json).issuedAtMs.base64url(hmac)`: what the gateway sends in `IDENTITY_HEADER`. */
export function signIdentity(viewer: Viewer, key: Buffer, now = Date.now()): string {
  const body = `${Buffer.from(JSON.stringify(viewer)).toString('base64url')}.${now}`;
  return `${body}.${mac(key, body).toString('base64url')}`;
}

/**
 * The viewer in a signed identity header, or null when it is missing, malformed, forged (HMAC
 * compared in constant time) or older than `IDENTITY_MAX_AGE_MS`.
 */
export function verifyIdentity(header: unknown, key: Buffer, now = Date.now()): Viewer | null {
  if (typeof header !== 'string' || header.length > 4096) return null;
  const parts = header.split('.');
  if (parts.length !== 3) return null;
  const [payload, issuedAt, signature] = parts as [string, string, string];
  const expected = mac(key, `${payload}.${issuedAt}`);
  const presented = Buffer.from(signature, 'base64url');
  if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) return null;
  const age = now - Number(issuedAt);
  if (!/^\d{1,15}$/.test(issuedAt) || age > IDENTITY_MAX_AGE_MS || age < -IDENTITY_MAX_AGE_MS)
    return null;
  try {
    const parsed = viewerSchema.safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString()));
    return parsed.success ? (parsed.data as Viewer) : null;
  } catch {
    // JSON.parse throws on a malformed payload: that is a bad header, not a crash
    return null;
  }
}
