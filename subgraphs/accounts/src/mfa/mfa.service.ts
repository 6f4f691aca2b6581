import type { EntityManager } from '@mikro-orm/postgresql';
import { requireRecentMfa, requireRole } from '../../../shared/auth/policy';
import type { Viewer } from '../../../shared/auth/viewer';
import type { SessionInstruction } from '../../../shared/auth/session-header';
import { DomainError, unauthenticated } from '../../../shared/errors/domain-error';
import type { AccountService } from '../identity/account.service';
import { Credential } from '../identity/credential.entity';
import type { IdentityDeps } from '../identity/identity-deps';
import {
  invalidMfaCode,
  outcome,
  SignedIn,
  type VerifyMfaResult,
} from '../identity/identity.results';
import { Session } from '../session/session.entity';
import type { SessionService, SessionSink } from '../session/session.service';
import { ConfirmMfaResult, MfaEnabled, MfaEnrollment, RecoveryCodesIssued } from './mfa.results';
import { RecoveryCode } from './recovery-code.entity';
import { claimAttempt, clearSignInFailures } from '../identity/sign-in-throttle';
import {
  acceptedTotpStep,
  newRecoveryCodes,
  newTotpSecret,
  recoveryCodeHash,
  totpUri,
} from './totp';

/** Wrong codes tolerated per session before it is revoked (5 guesses in 10^6). */
export const MFA_FAILURES_PER_SESSION = 5;

/** Second factor: verification, enrolment, recovery codes. One instance per request. */
export class MfaService {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Viewer,
    private readonly deps: IdentityDeps,
    private readonly sessions: SessionService,
    private readonly accounts: AccountService,
    private readonly sink: SessionSink,
  ) {}

  /**
   * Checks a TOTP code (±1 step, each step once) or an unused recovery code. On a PENDING_MFA
   * session it issues a new ACTIVE session (new token: the old one dies); on an ACTIVE one it
   * refreshes `mfaVerifiedAt` (step-up). Five wrong codes revoke the session.
   */
  async verifyMfa(code: string): Promise<typeof VerifyMfaResult> {
    const session = await this.currentSession();
    const credential = session.credential.getEntity();
    if (!credential.totpEnabledAt || !credential.totpSecret)
      return invalidMfaCode('MFA_NOT_ENROLLED');
    // counted before checking, so parallel guesses cannot outrun the lockout
    const claimed = await claimAttempt(
      this.em,
      credential.emailIndex,
      this.deps.clock(),
      this.deps.settings,
    );
    if (!claimed) return invalidMfaCode('ACCOUNT_LOCKED');
    const result = await this.em.transactional(async (em) => {
      const usedRecovery = await this.consumeCode(em, credential, code.trim());
      if (usedRecovery === null) return this.countFailure(em, session);
      const now = this.deps.clock();
      const audit = { entityType: 'credential', entityId: credential.id };
      if (usedRecovery)
        await this.deps.audit.record(em, this.viewer, { ...audit, action: 'recovery_code_used' });
      await this.deps.audit.record(em, this.viewer, { ...audit, action: 'mfa_verified' });
      await clearSignInFailures(em, credential.emailIndex);
      return this.completeSecondFactor(em, credential, session, now);
    });
    if (!result) return invalidMfaCode();
    if (result.instruction) this.sink(result.instruction);
    return outcome(SignedIn, {
      account: await this.accounts.forCredential(credential),
      expiresAt: result.session.absoluteExpiresAt,
    });
  }

  /**
   * Starts enrolment: a new secret stored encrypted, not yet enabled. Allowed on an ACTIVE session
   * (customers with a verified email) and on a PENDING_MFA session of a login without MFA, which
   * only `acceptInvite` opens (staff finishing their invitation). Refused when MFA is already on.
   */
  async startEnrollment(): Promise<MfaEnrollment> {
    const session = await this.currentSession();
    const credential = session.credential.getEntity();
    if (credential.totpEnabledAt)
      throw new DomainError('CONFLICT', 'Two-factor sign-in is already on.');
    if (credential.subjectType === 'CUSTOMER' && !credential.emailVerifiedAt)
      throw new DomainError('FORBIDDEN', 'Confirm your email address first.', {
        reason: 'EMAIL_NOT_VERIFIED',
      });
    const secret = newTotpSecret();
    credential.totpSecret = secret;
    await this.em.flush();
    const email = await this.accounts.emailOf(credential);
    return outcome(MfaEnrollment, { secret, otpauthUri: totpUri(secret, email) });
  }

  /**
   * Enables MFA when `code` matches the pending secret and returns 10 recovery codes (stored
   * hashed). A PENDING_MFA session becomes ACTIVE with a new token.
   */
  async confirmEnrollment(code: string): Promise<typeof ConfirmMfaResult> {
    const session = await this.currentSession();
    const credential = session.credential.getEntity();
    if (credential.totpEnabledAt || !credential.totpSecret) return invalidMfaCode('NO_ENROLLMENT');
    const now = this.deps.clock();
    const step = await acceptedTotpStep(credential.totpSecret, code.trim(), now, null);
    if (step === null) return invalidMfaCode();
    const result = await this.em.transactional(async (em) => {
      credential.totpEnabledAt = now;
      credential.lastTotpStep = step;
      const codes = await this.replaceRecoveryCodes(em, credential);
      await this.deps.audit.record(em, this.viewer, {
        action: 'mfa_enabled',
        entityType: 'credential',
        entityId: credential.id,
      });
      const { instruction } = await this.completeSecondFactor(em, credential, session, now);
      return { codes, instruction };
    });
    if (result.instruction) this.sink(result.instruction);
    return outcome(MfaEnabled, { recoveryCodes: result.codes });
  }

  /** New recovery codes (step-up required); the old ones stop working. */
  async regenerateRecoveryCodes(): Promise<RecoveryCodesIssued> {
    requireRecentMfa(this.viewer, this.deps.clock().getTime(), this.deps.settings.stepUpMs);
    const credential = await this.em.findOneOrFail(Credential, { id: this.viewer.subjectId! });
    const codes = await this.em.transactional(async (em) => {
      const issued = await this.replaceRecoveryCodes(em, credential);
      await this.deps.audit.record(em, this.viewer, {
        action: 'recovery_codes_regenerated',
        entityType: 'credential',
        entityId: credential.id,
      });
      return issued;
    });
    return outcome(RecoveryCodesIssued, { recoveryCodes: codes });
  }

  /** Turns MFA off (customers only; staff must keep it) after a recent step-up. */
  async disableMfa(): Promise<boolean> {
    requireRole(this.viewer, 'CUSTOMER');
    requireRecentMfa(this.viewer, this.deps.clock().getTime(), this.deps.settings.stepUpMs);
    const credential = await this.em.findOneOrFail(Credential, { id: this.viewer.subjectId! });
    await this.em.transactional(async (em) => {
      credential.totpSecret = null;
      credential.totpEnabledAt = null;
      credential.lastTotpStep = null;
      await em.nativeDelete(RecoveryCode, { credential: credential.id });
      await this.deps.audit.record(em, this.viewer, {
        action: 'mfa_disabled',
        entityType: 'credential',
        entityId: credential.id,
      });
      await em.flush();
    });
    return true;
  }

  /** The caller's live session (pending or active) with its credential; UNAUTHENTICATED else. */
  private async currentSession(): Promise<Session> {
    const session = await this.sessions.findLive(this.em, this.viewer.sessionId);
    if (!session || session.credential.getEntity().disabledAt)
      throw unauthenticated('Sign in to continue.');
    return session;
  }

  /** true: a recovery code was used; false: a TOTP code; null: neither matched. */
  private async consumeCode(
    em: EntityManager,
    credential: Credential,
    code: string,
  ): Promise<boolean | null> {
    const now = this.deps.clock();
    if (/^\d{6}$/.test(code)) {
      const step = await acceptedTotpStep(
        credential.totpSecret!,
        code,
        now,
        credential.lastTotpStep,
      );
      if (step === null) return null;
      // conditional update: two concurrent requests with one code cannot both pass
      const updated = await em.nativeUpdate(
        Credential,
        { id: credential.id, $or: [{ lastTotpStep: null }, { lastTotpStep: { $lt: step } }] },
        { lastTotpStep: step },
      );
      credential.lastTotpStep = step;
      return updated > 0 ? false : null;
    }
    const used = await em.nativeUpdate(
      RecoveryCode,
      { credential: credential.id, codeHash: recoveryCodeHash(code), usedAt: null },
      { usedAt: now },
    );
    return used > 0 ? true : null;
  }

  /**
   * A wrong code counts on the session (revoked at 5); it was already counted towards the
   * email's lockout when claimed, so a known password does not buy unlimited guesses.
   */
  private async countFailure(em: EntityManager, session: Session): Promise<null> {
    session.mfaFailures += 1;
    if (session.mfaFailures >= MFA_FAILURES_PER_SESSION) {
      session.revokedAt = this.deps.clock();
      this.sink({ action: 'clear' });
    }
    await this.deps.audit.record(em, this.viewer, {
      action: 'mfa_failed',
      entityType: 'session',
      entityId: session.id,
      after: { failures: session.mfaFailures },
    });
    await em.flush();
    return null;
  }

  /**
   * A passed second factor: an ACTIVE session records the time (step-up); a pending one is
   * replaced by a new ACTIVE session with a new token (rotation on privilege change).
   */
  private async completeSecondFactor(
    em: EntityManager,
    credential: Credential,
    session: Session,
    now: Date,
  ): Promise<{ session: Session; instruction: SessionInstruction | null }> {
    if (session.state === 'ACTIVE') {
      session.mfaVerifiedAt = now;
      await em.flush();
      return { session, instruction: null };
    }
    session.revokedAt = now;
    const opened = this.sessions.open(em, credential, {
      state: 'ACTIVE',
      role: session.role,
      customerId: session.customerId,
      viewer: this.viewer,
      mfaVerifiedAt: now,
    });
    await em.flush();
    return opened;
  }

  private async replaceRecoveryCodes(em: EntityManager, credential: Credential): Promise<string[]> {
    await em.nativeDelete(RecoveryCode, { credential: credential.id });
    const codes = newRecoveryCodes();
    const now = this.deps.clock();
    const ref = em.getReference(Credential, credential.id, { wrapped: true });
    for (const code of codes) em.persist(new RecoveryCode(ref, recoveryCodeHash(code), now));
    return codes;
  }
}
