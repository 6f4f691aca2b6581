import type { EntityManager } from '@mikro-orm/postgresql';
import { requireRole } from '../../../shared/auth/policy';
import type { Viewer } from '../../../shared/auth/viewer';
import { CustomerService } from '../customer/customer.service';
import { CustomerType } from '../customer/customer.type';
import { StaffUserType } from '../staff/staff-user.type';
import type { MailMessage } from '../mail/mailer';
import type { AccountService } from '../identity/account.service';
import { Credential } from '../identity/credential.entity';
import type { IdentityDeps } from '../identity/identity-deps';
import {
  emailInUse,
  mfaRequired,
  outcome,
  SignedIn,
  tokenInvalid,
} from '../identity/identity.results';
import type { OneTimeTokens } from '../identity/one-time-tokens';
import { rejectPassword } from '../identity/password-rules';
import { normalizeEmail } from '../identity/secret-token';
import { emailIndexOf } from '../identity/sign-in.service';
import type { SessionService, SessionSink } from '../session/session.service';
import {
  CustomerInvited,
  EmailVerified,
  SignUpAccepted,
  SignUpClosed,
  type AcceptInviteResult,
  type InviteCustomerResult,
  type SignUpResult,
  type VerifyEmailResult,
} from './onboarding.results';

const SIGN_UP_MESSAGE = 'Check your mailbox to confirm your email address.';

/** Invitations, self sign-up and email verification. One instance per request. */
export class OnboardingService {
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
   * Staff create a customer with a password-less login and mail a 7-day invitation link. An
   * existing customer without a login, or whose login never got a password, is invited again
   * (earlier links die); any other use of the email is EmailInUse.
   */
  async inviteCustomer(input: {
    name: string;
    email: string;
    locale: string;
  }): Promise<typeof InviteCustomerResult> {
    requireRole(this.viewer, 'AGENT', 'ADMIN');
    const email = normalizeEmail(input.email);
    const existing = await this.em.findOne(Credential, { emailIndex: emailIndexOf(email) });
    // a login that never got a password (invitation lost or expired) may be invited again
    if (existing && (existing.passwordHash || existing.subjectType !== 'CUSTOMER'))
      return emailInUse();
    const known = existing ? null : await new CustomerService(this.em).findByEmail(email);
    if (known && (await this.em.count(Credential, { subjectId: known.id }))) return emailInUse();
    const { customer, token } = await this.em.transactional(async (em) => {
      const customers = new CustomerService(em);
      // customers created before they had logins get one now, keeping their record
      const target = existing
        ? await customers.get(existing.subjectId)
        : (known ?? (await customers.create({ ...input, email })));
      const credential =
        existing ?? new Credential('CUSTOMER', target.id, emailIndexOf(email), this.now());
      em.persist(credential);
      if (existing) await this.tokens.revokeAll(em, 'INVITE', existing.id);
      const issued = this.tokens.issue(em, 'INVITE', credential);
      await em.flush();
      await this.deps.audit.record(em, this.viewer, {
        action: 'invite_created',
        entityType: 'customer',
        entityId: target.id,
        after: { email },
        personalFields: ['email'],
      });
      return { customer: target, token: issued };
    });
    await this.send(this.deps.mails.invite(email, input.name, token));
    return outcome(CustomerInvited, { customer: CustomerType.from(customer) });
  }

  /**
   * Redeems an invitation: sets the password, marks the email verified and signs in. Customers get
   * an ACTIVE session; staff a PENDING_MFA one and MFA_ENROLLMENT_REQUIRED, so no staff session is
   * ever ACTIVE without a second factor.
   */
  async acceptInvite(input: {
    token: string;
    password: string;
  }): Promise<typeof AcceptInviteResult> {
    const result = await this.em
      .transactional(async (em) => {
        const credential = await this.tokens.redeem(em, 'INVITE', input.token);
        if (!credential || credential.disabledAt) return { outcome: tokenInvalid() };
        const rejected = rejectPassword(
          input.password,
          await this.accounts.emailOf(credential, em),
        );
        if (rejected) {
          // the link stays usable after a refused password: roll the redemption back
          throw new RejectedInTransaction(rejected);
        }
        credential.passwordHash = await this.deps.hasher.hash(input.password);
        credential.emailVerifiedAt ??= this.now();
        await this.tokens.revokeAll(em, 'INVITE', credential.id);
        const staff = credential.subjectType === 'STAFF';
        const account = await this.accounts.forCredential(credential, em);
        const role = account instanceof StaffUserType ? account.role : 'CUSTOMER';
        if (this.viewer.sessionId) await this.sessions.revoke(em, this.viewer.sessionId);
        const opened = this.sessions.open(em, credential, {
          state: staff ? 'PENDING_MFA' : 'ACTIVE',
          role,
          customerId: staff ? null : credential.subjectId,
          viewer: this.viewer,
        });
        await em.flush();
        const audit = { entityType: 'credential', entityId: credential.id };
        await this.deps.audit.record(em, this.viewer, { ...audit, action: 'invite_accepted' });
        await this.deps.audit.record(em, this.viewer, { ...audit, action: 'email_verified' });
        const instruction = opened.instruction;
        if (staff) return { outcome: mfaRequired(false), instruction };
        return {
          outcome: outcome(SignedIn, { account, expiresAt: opened.session.absoluteExpiresAt }),
          instruction,
        };
      })
      .catch((error: unknown) => {
        // the transaction was rolled back on purpose; anything else propagates
        if (error instanceof RejectedInTransaction) return { outcome: error.rejected };
        throw error;
      });
    if ('instruction' in result && result.instruction) this.sink(result.instruction);
    return result.outcome;
  }

  /**
   * Self sign-up (when enabled): an unverified customer and a 24-hour verification link. An email
   * that already has an account gets a warning mail instead; the answer is the same either way,
   * and both paths hash a password so the timing matches too.
   */
  async signUp(input: {
    name: string;
    email: string;
    password: string;
  }): Promise<typeof SignUpResult> {
    if (!this.deps.settings.selfSignUp)
      return outcome(SignUpClosed, {
        code: 'SIGN_UP_CLOSED',
        message: 'Accounts are created by your lender; ask them for an invitation.',
      });
    const email = normalizeEmail(input.email);
    const rejected = rejectPassword(input.password, email);
    if (rejected) return rejected;
    const passwordHash = await this.deps.hasher.hash(input.password);
    const taken =
      (await this.em.findOne(Credential, { emailIndex: emailIndexOf(email) })) ||
      (await new CustomerService(this.em).findByEmail(email));
    if (taken) {
      await this.send(this.deps.mails.signUpAttempt(email));
    } else {
      const token = await this.em.transactional(async (em) => {
        const customer = await new CustomerService(em).create({ name: input.name, email });
        const credential = new Credential('CUSTOMER', customer.id, emailIndexOf(email), this.now());
        credential.passwordHash = passwordHash;
        em.persist(credential);
        const issued = this.tokens.issue(em, 'VERIFY_EMAIL', credential);
        await em.flush();
        return issued;
      });
      await this.send(this.deps.mails.verifyEmail(email, token));
    }
    return outcome(SignUpAccepted, { message: SIGN_UP_MESSAGE });
  }

  /** Confirms the email of the login the token was issued to. */
  async verifyEmail(token: string): Promise<typeof VerifyEmailResult> {
    const verified = await this.em.transactional(async (em) => {
      const credential = await this.tokens.redeem(em, 'VERIFY_EMAIL', token);
      if (!credential) return false;
      credential.emailVerifiedAt ??= this.now();
      await em.flush();
      await this.deps.audit.record(em, this.viewer, {
        action: 'email_verified',
        entityType: 'credential',
        entityId: credential.id,
      });
      return true;
    });
    return verified
      ? outcome(EmailVerified, { message: 'Your email address is confirmed.' })
      : tokenInvalid();
  }

  private now(): Date {
    return this.deps.clock();
  }

  private async send(message: MailMessage): Promise<void> {
    await this.deps.mailer.send(message);
  }
}

/** Carries a refusal out of a transaction so it rolls back (the token stays unused). */
class RejectedInTransaction extends Error {
  constructor(readonly rejected: NonNullable<ReturnType<typeof rejectPassword>>) {
    super('password rejected');
  }
}
