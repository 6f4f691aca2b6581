import type { EntityManager } from '@mikro-orm/postgresql';
import { requireRecentMfa, requireSignedIn } from '../../../shared/auth/policy';
import type { Viewer } from '../../../shared/auth/viewer';
import type { AccountService } from '../identity/account.service';
import { Credential } from '../identity/credential.entity';
import { forbidden } from '../identity/identity-errors';
import type { IdentityDeps } from '../identity/identity-deps';
import { invalidCredentials, outcome, tokenInvalid } from '../identity/identity.results';
import type { OneTimeTokens } from '../identity/one-time-tokens';
import { rejectPassword } from '../identity/password-rules';
import { normalizeEmail } from '../identity/secret-token';
import { emailIndexOf } from '../identity/sign-in.service';
import { clearSignInFailures } from '../identity/sign-in-throttle';
import type { SessionService, SessionSink } from '../session/session.service';
import {
  PasswordChanged,
  PasswordReset,
  PasswordResetRequested,
  type ChangePasswordResult,
  type ResetPasswordResult,
} from './onboarding.results';

/** Forgotten and changed passwords. One instance per request. */
export class PasswordService {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Viewer,
    private readonly deps: IdentityDeps,
    private readonly tokens: OneTimeTokens,
    private readonly sessions: SessionService,
    private readonly accounts: AccountService,
    private readonly sink: SessionSink,
  ) {}

  /**
   * Mails a 1-hour reset link when the email has a login; the answer never says whether. Staff who
   * never enrolled MFA get a new invitation instead: enrolment only happens from one.
   */
  async requestReset(rawEmail: string): Promise<PasswordResetRequested> {
    const email = normalizeEmail(rawEmail);
    const credential = await this.em.findOne(Credential, { emailIndex: emailIndexOf(email) });
    if (
      credential?.subjectType === 'STAFF' &&
      !credential.totpEnabledAt &&
      !credential.disabledAt
    ) {
      const token = await this.em.transactional(async (em) => {
        await this.tokens.revokeAll(em, 'INVITE', credential.id);
        const issued = this.tokens.issue(em, 'INVITE', credential);
        await em.flush();
        return issued;
      });
      const staff = await this.accounts.forCredential(credential);
      await this.deps.mailer.send(this.deps.mails.invite(email, staff.name, token));
    } else if (credential && !credential.disabledAt) {
      const token = await this.em.transactional(async (em) => {
        await this.tokens.revokeAll(em, 'RESET_PASSWORD', credential.id);
        const issued = this.tokens.issue(em, 'RESET_PASSWORD', credential);
        await em.flush();
        return issued;
      });
      await this.deps.mailer.send(this.deps.mails.resetPassword(email, token));
    }
    return outcome(PasswordResetRequested, {
      message: 'If this email has an account, a link to reset the password is on its way.',
    });
  }

  /**
   * Sets a new password from a reset link, marks the email verified (the link proved the mailbox),
   * clears the lockout and revokes every session. MFA stays on: the next sign-in still asks for it.
   */
  async reset(input: { token: string; newPassword: string }): Promise<typeof ResetPasswordResult> {
    return this.em
      .transactional(async (em) => {
        const credential = await this.tokens.redeem(em, 'RESET_PASSWORD', input.token);
        if (!credential || credential.disabledAt) return tokenInvalid();
        const email = await this.accounts.emailOf(credential, em);
        const rejected = rejectPassword(input.newPassword, email);
        if (rejected) throw new Refused(rejected);
        credential.passwordHash = await this.deps.hasher.hash(input.newPassword);
        credential.emailVerifiedAt ??= this.deps.clock();
        await this.tokens.revokeAll(em, 'RESET_PASSWORD', credential.id);
        await clearSignInFailures(em, credential.emailIndex);
        await this.sessions.revokeAll(em, credential.id);
        await em.flush();
        await this.deps.audit.record(em, this.viewer, {
          action: 'password_reset',
          entityType: 'credential',
          entityId: credential.id,
        });
        return outcome(PasswordReset, { message: 'Your password was changed. Sign in again.' });
      })
      .catch((error: unknown) => {
        // a refused password rolls the redemption back so the link can be used again
        if (error instanceof Refused) return error.result;
        throw error;
      });
  }

  /**
   * Changes the password of the signed-in user: the current one must match and, when MFA is on,
   * the session must have passed it recently (step-up). Other sessions are revoked and this one
   * is replaced by a new token.
   */
  async change(input: {
    currentPassword: string;
    newPassword: string;
  }): Promise<typeof ChangePasswordResult> {
    const viewer = requireSignedIn(this.viewer);
    if (viewer.role === 'SERVICE' || !viewer.sessionId || !viewer.subjectId)
      throw forbidden('SESSION_REQUIRED');
    const credential = await this.em.findOneOrFail(Credential, { id: viewer.subjectId });
    if (credential.totpEnabledAt)
      requireRecentMfa(viewer, this.deps.clock().getTime(), this.deps.settings.stepUpMs);
    const current = await this.sessions.findLive(this.em, viewer.sessionId);
    if (!current) throw forbidden('SESSION_REQUIRED');
    if (!(await this.deps.hasher.verify(credential.passwordHash ?? '', input.currentPassword)))
      return invalidCredentials();
    const rejected = rejectPassword(input.newPassword, await this.accounts.emailOf(credential));
    if (rejected) return rejected;
    const newHash = await this.deps.hasher.hash(input.newPassword);
    const opened = await this.em.transactional(async (em) => {
      credential.passwordHash = newHash;
      await this.sessions.revokeAll(em, credential.id);
      const next = this.sessions.open(em, credential, {
        state: 'ACTIVE',
        role: current.role,
        customerId: current.customerId,
        viewer,
        mfaVerifiedAt: current.mfaVerifiedAt,
      });
      next.session.absoluteExpiresAt = current.absoluteExpiresAt;
      await em.flush();
      await this.deps.audit.record(em, viewer, {
        action: 'password_changed',
        entityType: 'credential',
        entityId: credential.id,
      });
      return next;
    });
    if (opened.instruction.action === 'set')
      this.sink({ ...opened.instruction, maxAgeSeconds: this.remainingSeconds(current) });
    return outcome(PasswordChanged, { message: 'Your password was changed.' });
  }

  private remainingSeconds(session: { absoluteExpiresAt: Date }): number {
    return Math.max(
      0,
      Math.floor((session.absoluteExpiresAt.getTime() - this.deps.clock().getTime()) / 1000),
    );
  }
}

/** Carries a refusal out of a transaction so it rolls back. */
class Refused extends Error {
  constructor(readonly result: NonNullable<ReturnType<typeof rejectPassword>>) {
    super('password rejected');
  }
}
