import { timingSafeEqual, createHash } from 'node:crypto';

/** Header carrying the secret shared by the gateway and the subgraphs (the "router secret"). */
export const SERVICE_SECRET_HEADER = 'x-installa-service-secret';

/** Constant-time comparison of a presented secret with the configured one (hashed to equal length). */
export function isValidServiceSecret(presented: unknown, expected: string): boolean {
  if (typeof presented !== 'string' || presented.length === 0) return false;
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
