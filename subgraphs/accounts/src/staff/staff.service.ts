import type { EntityManager } from '@mikro-orm/postgresql';
import { requireRecentMfa, requireRole } from '../../../shared/auth/policy';
import type { Viewer } from '../../../shared/auth/viewer';
import { Field, ObjectType, createUnionType } from 'type-graphql';
import { CustomerService } from '../customer/customer.service';
import { Credential } from '../identity/credential.entity';
import type { IdentityDeps } from '../identity/identity-deps';
import { EmailInUse, emailInUse, outcome } from '../identity/identity.results';
import type { OneTimeTokens } from '../identity/one-time-tokens';
import { normalizeEmail } from '../identity/secret-token';
import { emailIndexOf } from '../identity/sign-in.service';
import { StaffUser, type StaffRole } from './staff-user.entity';
import { StaffUserType } from './staff-user.type';

@ObjectType({ description: 'The staff user was created and the invitation mailed.' })
export class StaffUserCreated {
  @Field(() => StaffUserType, { description: 'The new staff user (MFA not yet enrolled).' })
  staffUser!: StaffUserType;
}

export const CreateStaffUserResult = createUnionType({
  name: 'CreateStaffUserResult',
  description: 'Outcome of createStaffUser.',
  types: () => [StaffUserCreated, EmailInUse] as const,
});

/** Staff administration. One instance per request. */
export class StaffService {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Viewer,
    private readonly deps: IdentityDeps,
    private readonly tokens: OneTimeTokens,
  ) {}

  /**
   * Creates a staff user (ADMIN with a recent MFA) with a password-less login and mails a 7-day
   * invitation; accepting it requires enrolling an authenticator before the session is active.
   */
  async create(input: {
    name: string;
    email: string;
    role: StaffRole;
  }): Promise<typeof CreateStaffUserResult> {
    requireRole(this.viewer, 'ADMIN');
    requireRecentMfa(this.viewer, this.deps.clock().getTime(), this.deps.settings.stepUpMs);
    const email = normalizeEmail(input.email);
    const emailIndex = emailIndexOf(email);
    if (
      (await this.em.findOne(Credential, { emailIndex })) ||
      (await this.em.findOne(StaffUser, { emailIndex })) ||
      (await new CustomerService(this.em).findByEmail(email))
    )
      return emailInUse();
    const { staff, token } = await this.em.transactional(async (em) => {
      const now = this.deps.clock();
      const created = new StaffUser(input.name, email, input.role, now);
      const credential = new Credential('STAFF', created.id, emailIndex, now);
      em.persist([created, credential]);
      const issued = this.tokens.issue(em, 'INVITE', credential);
      await em.flush();
      await this.deps.audit.record(em, this.viewer, {
        action: 'staff_created',
        entityType: 'staff_user',
        entityId: created.id,
        after: { email, role: input.role },
        personalFields: ['email'],
      });
      return { staff: created, token: issued };
    });
    await this.deps.mailer.send(this.deps.mails.invite(email, input.name, token));
    return outcome(StaffUserCreated, { staffUser: StaffUserType.from(staff, false) });
  }
}
