import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../../../shared/auth/viewer';
import { fieldCipher } from '../../../shared/crypto/field-cipher';
import {
  claimAttempt,
  clearSignInFailures,
  refundAttempt,
  waitSeconds,
  type ClaimedAttempt,
} from './sign-in-throttle';
import { StaffUser } from '../staff/staff-user.entity';
import type { SessionService, SessionSink } from '../session/session.service';
import type { AccountService } from './account.service';
import { Credential } from './credential.entity';
import type { IdentityDeps } from './identity-deps';
import {
  accountLocked,
  invalidCredentials,
  mfaRequired,
  outcome,
  SignedIn,
  type SignInResult,
} from './identity.results';
import { normalizeEmail } from './secret-token';

/** Blind index of an email, the key of credentials, staff users and throttles. */
export const emailIndexOf = (email: string): string =>
  fieldCipher().blindIndex(normalizeEmail(email), 'email');

/** Sign-in and sign-out of one request. */
export class SignInService {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Viewer,
    private readonly deps: IdentityDeps,
    private readonly sessions: SessionService,
    private readonly accounts: AccountService,
    private readonly sink: SessionSink,
  ) {}

  /**
   * Checks email and password. Unknown emails, emails without a password and disabled logins run
   * one argon2 verification against a dummy hash and are throttled like real ones, so neither the
   * answer nor its timing reveals whether an account exists.
   */
  async signIn(input: { email: string; password: string }): Promise<typeof SignInResult> {
    const { clock, ipLimiter, hasher, settings } = this.deps;
    const ipWait = await ipLimiter.retryAfterSeconds(this.viewer.ip);
    if (ipWait > 0) return accountLocked(ipWait, 'RATE_LIMITED');
    const emailIndex = emailIndexOf(input.email);
    const claimed = await claimAttempt(this.em, emailIndex, clock(), settings);
    if (!claimed) return accountLocked(await waitSeconds(this.em, emailIndex, clock(), settings));
    const credential = await this.em.findOne(Credential, { emailIndex });
    const usable = credential?.passwordHash && !credential.disabledAt ? credential : null;
    const hash = usable?.passwordHash ?? (await hasher.dummyHash());
    const matches = await hasher.verify(hash, input.password);
    if (!matches || !usable) return this.fail(claimed.failedCount, credential);
    return this.succeed(usable, claimed);
  }

  /** Ends the caller's session (pending or active) and clears the cookie. */
  async signOut(): Promise<boolean> {
    const id = this.viewer.sessionId;
    await this.em.transactional(async (em) => {
      if (id && (await this.sessions.revoke(em, id))) {
        await this.deps.audit.record(em, this.viewer, {
          action: 'session_revoked',
          entityType: 'session',
          entityId: id,
          after: { reason: 'SIGNED_OUT' },
        });
      }
    });
    this.sink({ action: 'clear' });
    return true;
  }

  /** The attempt was counted when claimed; this records it and the per-IP failure. */
  private async fail(
    failedCount: number,
    credential: Credential | null,
  ): Promise<typeof SignInResult> {
    await this.em.transactional(async (em) => {
      const event = { entityType: 'credential', entityId: credential?.id ?? null };
      await this.deps.audit.record(em, this.viewer, {
        ...event,
        action: 'sign_in_failed',
        after: { failedCount },
      });
      if (failedCount >= this.deps.settings.lockoutThreshold) {
        await this.deps.audit.record(em, this.viewer, { ...event, action: 'locked' });
      }
    });
    await this.deps.ipLimiter.recordFailure(this.viewer.ip);
    return invalidCredentials();
  }

  private async succeed(
    credential: Credential,
    claimed: ClaimedAttempt,
  ): Promise<typeof SignInResult> {
    const staff =
      credential.subjectType === 'STAFF'
        ? await this.em.findOneOrFail(StaffUser, { id: credential.subjectId })
        : null;
    if (staff?.disabledAt) return invalidCredentials();
    if (staff && !credential.totpEnabledAt) {
      // no session at all: enrolment happens only from an invitation link (mailbox proven), so a
      // leaked password of a staff member who never enrolled cannot enrol an attacker's app
      await refundAttempt(this.em, credential.emailIndex, claimed);
      return mfaRequired(false);
    }
    // staff always need a second factor; customers when they enrolled one
    const needsMfa = staff !== null || credential.totpEnabledAt !== null;
    const opened = await this.em.transactional(async (em) => {
      // with a second factor pending, earlier failures keep counting until verifyMfa succeeds
      if (needsMfa) await refundAttempt(em, credential.emailIndex, claimed);
      else await clearSignInFailures(em, credential.emailIndex);
      // rotate on login: the session the request came with (if any) ends here
      if (this.viewer.sessionId) await this.sessions.revoke(em, this.viewer.sessionId);
      const result = this.sessions.open(em, credential, {
        state: needsMfa ? 'PENDING_MFA' : 'ACTIVE',
        role: staff ? staff.role : 'CUSTOMER',
        customerId: staff ? null : credential.subjectId,
        viewer: this.viewer,
      });
      await em.flush();
      await this.deps.audit.record(em, this.viewer, {
        action: 'signed_in',
        entityType: 'credential',
        entityId: credential.id,
        after: { sessionId: result.session.id, state: result.session.state },
      });
      return result;
    });
    this.sink(opened.instruction);
    if (needsMfa) return mfaRequired(credential.totpEnabledAt !== null);
    return outcome(SignedIn, {
      account: await this.accounts.forCredential(credential),
      expiresAt: opened.session.absoluteExpiresAt,
    });
  }
}
