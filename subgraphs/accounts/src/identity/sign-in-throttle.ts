import type { EntityManager } from '@mikro-orm/postgresql';
import type { IdentitySettings } from './identity-deps';
import { SignInThrottle } from './sign-in-throttle.entity';
import { qualifiedTableOf } from './sql';

/**
 * Seconds an attempt for this email must still wait: the lock after `lockoutThreshold` failures,
 * or from the `delayFrom`-th failure a delay of 2^(n - delayFrom) s after the last one.
 */
export function lockoutWaitSeconds(
  throttle: Pick<SignInThrottle, 'failedCount' | 'lastFailedAt' | 'lockedUntil'>,
  now: Date,
  settings: Pick<IdentitySettings, 'delayFrom' | 'lockoutThreshold'>,
): number {
  const ms = (until: number) => Math.max(0, Math.ceil((until - now.getTime()) / 1000));
  if (throttle.lockedUntil && throttle.lockedUntil > now) return ms(throttle.lockedUntil.getTime());
  const n = throttle.failedCount;
  if (n >= settings.delayFrom && n < settings.lockoutThreshold && throttle.lastFailedAt) {
    return ms(throttle.lastFailedAt.getTime() + 2 ** (n - settings.delayFrom) * 1000);
  }
  return 0;
}

/**
 * Counts one failure (wrong password, or wrong second factor) for an email index in one atomic
 * upsert, so concurrent failures all count; sets the lock when the threshold is reached. Returns
 * the consecutive failure count.
 */
export async function recordSignInFailure(
  em: EntityManager,
  emailIndex: string,
  now: Date,
  settings: Pick<IdentitySettings, 'lockoutThreshold' | 'lockoutMs'>,
): Promise<number> {
  const row = await em.getConnection().execute<{ failed_count: number }>(
    `insert into ${qualifiedTableOf(em, 'sign_in_throttle')} as t
       (email_index, failed_count, last_failed_at, locked_until) values (?, 1, ?, null)
     on conflict (email_index) do update set
       failed_count = t.failed_count + 1,
       last_failed_at = excluded.last_failed_at,
       locked_until = case when t.failed_count + 1 >= ? then ?::timestamptz
                           else t.locked_until end
     returning failed_count`,
    [emailIndex, now, settings.lockoutThreshold, new Date(now.getTime() + settings.lockoutMs)],
    'get',
    em.getTransactionContext(),
  );
  return row.failed_count;
}

/** Forgets the failures of an email (after a complete sign-in or a password reset). */
export async function clearSignInFailures(em: EntityManager, emailIndex: string): Promise<void> {
  await em.nativeDelete(SignInThrottle, { emailIndex });
}
