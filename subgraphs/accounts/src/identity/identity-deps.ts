import type { AuditTrail } from '../../../shared/audit/audit-trail';
import type { Mailer } from '../mail/mailer';
import type { IdentityMails } from '../mail/identity-mails';
import type { PasswordHasher } from './password';
import type { Clock } from './secret-token';
import type { IpLimiter } from './ip-limiter';

/** Identity rules from configuration, in milliseconds. */
export interface IdentitySettings {
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  /** How long a password-only (PENDING_MFA) session may wait for its second factor. */
  pendingMfaMs: number;
  /** Lock after this many consecutive failures... */
  lockoutThreshold: number;
  /** ...for this long. */
  lockoutMs: number;
  /** Failures from which each attempt must wait 2^(n - delayFrom) seconds. */
  delayFrom: number;
  /** How recent an MFA must be for sensitive actions. */
  stepUpMs: number;
  selfSignUp: boolean;
}

/** Process-wide collaborators of the identity services (built once in `createServer`). */
export interface IdentityDeps {
  settings: IdentitySettings;
  clock: Clock;
  hasher: PasswordHasher;
  mailer: Mailer;
  mails: IdentityMails;
  audit: AuditTrail;
  ipLimiter: IpLimiter;
}

/** Settings from the accounts configuration; unset values take the documented defaults. */
export function identitySettings(config: {
  SESSION_IDLE_MINUTES?: number;
  SESSION_ABSOLUTE_HOURS?: number;
  LOCKOUT_MINUTES?: number;
  SELF_SIGN_UP?: boolean;
}): IdentitySettings {
  return {
    sessionIdleMs: (config.SESSION_IDLE_MINUTES ?? 15) * 60_000,
    sessionAbsoluteMs: (config.SESSION_ABSOLUTE_HOURS ?? 12) * 3_600_000,
    pendingMfaMs: 5 * 60_000,
    lockoutThreshold: 10,
    lockoutMs: (config.LOCKOUT_MINUTES ?? 30) * 60_000,
    delayFrom: 5,
    stepUpMs: 10 * 60_000,
    selfSignUp: config.SELF_SIGN_UP ?? false,
  };
}
