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

/** What a claimed attempt replaced, so a correct password can give its attempt back. */
export interface ClaimedAttempt {
  failedCount: number;
  previous: { lastFailedAt: Date | string | null; lockedUntil: Date | string | null };
}

/**
 * Counts an attempt as a failure BEFORE checking it, in one atomic statement that also enforces
 * the delay and the lock on the previous state: null when the email must wait. Checking first and
 * counting afterwards would let a burst of parallel requests all pass the check; this way at most
 * `delayFrom` attempts run at once. A success then clears (`clearSignInFailures`) or gives the
 * attempt back (`refundAttempt`).
 */
export async function claimAttempt(
  em: EntityManager,
  emailIndex: string,
  now: Date,
  settings: Pick<IdentitySettings, 'lockoutThreshold' | 'lockoutMs' | 'delayFrom'>,
): Promise<ClaimedAttempt | null> {
  const table = qualifiedTableOf(em, 'sign_in_throttle');
  const row = await em.getConnection().execute<{
    failed_count: number;
    previous_last_failed_at: Date | string | null;
    previous_locked_until: Date | string | null;
  }>(
    `with previous as (select last_failed_at, locked_until from ${table} where email_index = ?)
     insert into ${table} as t (email_index, failed_count, last_failed_at, locked_until)
       values (?, 1, ?, null)
     on conflict (email_index) do update set
       failed_count = t.failed_count + 1,
       last_failed_at = excluded.last_failed_at,
       locked_until = case when t.failed_count + 1 >= ? then ?::timestamptz
                           else t.locked_until end
     where (t.locked_until is null or t.locked_until <= ?)
       and (t.failed_count < ? or t.failed_count >= ? or t.last_failed_at is null
            or t.last_failed_at + power(2, t.failed_count - ?) * interval '1 second' <= ?)
     returning t.failed_count,
       (select last_failed_at from previous) as previous_last_failed_at,
       (select locked_until from previous) as previous_locked_until`,
    [
      emailIndex,
      emailIndex,
      now,
      settings.lockoutThreshold,
      new Date(now.getTime() + settings.lockoutMs),
      now,
      settings.delayFrom,
      settings.lockoutThreshold,
      settings.delayFrom,
      now,
    ],
    'get',
    em.getTransactionContext(),
  );
  if (!row) return null;
  return {
    failedCount: row.failed_count,
    previous: { lastFailedAt: row.previous_last_failed_at, lockedUntil: row.previous_locked_until },
  };
}

/** Gives back a claimed attempt that turned out right but is not a complete sign-in yet. */
export async function refundAttempt(
  em: EntityManager,
  emailIndex: string,
  claimed: ClaimedAttempt,
): Promise<void> {
  await em.getConnection().execute(
    `update ${qualifiedTableOf(em, 'sign_in_throttle')} set failed_count = greatest(failed_count - 1, 0),
       last_failed_at = ?, locked_until = ? where email_index = ?`,
    [claimed.previous.lastFailedAt, claimed.previous.lockedUntil, emailIndex],
    'run',
    em.getTransactionContext(),
  );
}

/** Seconds to wait for an email whose attempt was not claimed (at least 1). */
export async function waitSeconds(
  em: EntityManager,
  emailIndex: string,
  now: Date,
  settings: Pick<IdentitySettings, 'delayFrom' | 'lockoutThreshold'>,
): Promise<number> {
  const throttle = await em.findOne(SignInThrottle, { emailIndex }, { disableIdentityMap: true });
  return Math.max(1, throttle ? lockoutWaitSeconds(throttle, now, settings) : 1);
}

/** Forgets the failures of an email (after a complete sign-in or a password reset). */
export async function clearSignInFailures(em: EntityManager, emailIndex: string): Promise<void> {
  await em.nativeDelete(SignInThrottle, { emailIndex });
}
