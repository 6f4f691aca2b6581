import { Field, ID, InterfaceType, registerEnumType } from 'type-graphql';
import { ROLES, type Role } from '../../../shared/auth/viewer';

/** GraphQL enum `Role` over the shared role names. */
export const RoleEnum = Object.fromEntries(ROLES.map((r) => [r, r])) as { [R in Role]: R };
registerEnumType(RoleEnum, {
  name: 'Role',
  description: 'What a signed-in account may do (SERVICE: an API key).',
  valuesConfig: {
    CUSTOMER: { description: 'A borrower: reads and pays their own plans only.' },
    AGENT: { description: 'Servicing staff: all plans; personal data masked unless revealed.' },
    ADMIN: { description: 'Administrator: users, API keys and configuration.' },
    AUDITOR: { description: 'Read-only staff access, including the audit log.' },
    SERVICE: { description: 'A machine client (API key) limited to its scopes.' },
  },
});

/** Anyone who can sign in: a customer or a staff user. */
@InterfaceType('Account', { description: 'Someone who can sign in: a customer or a staff user.' })
export abstract class AccountInterface {
  @Field(() => ID, { description: 'Stable identifier.' })
  id!: string;

  @Field({ description: 'Full name.' })
  name!: string;

  @Field({ description: 'Email address (lower-case), used for sign-in and notices.' })
  email!: string;

  @Field(() => RoleEnum, { description: 'Role granted when this account signs in.' })
  role!: Role;

  @Field({ description: 'True when sign-in asks for an authenticator code.' })
  isMfaEnabled!: boolean;
}
