import { Field, ID, ObjectType } from 'type-graphql';
import type { Role } from '../../../shared/auth/viewer';
import { DateTimeScalar } from '../../../shared/graphql/scalars';
import { AccountInterface, RoleEnum } from '../identity/account.type';
import type { StaffUser } from './staff-user.entity';

@ObjectType('StaffUser', {
  implements: AccountInterface,
  description: 'An employee of the lender (agent, administrator or auditor).',
})
export class StaffUserType extends AccountInterface {
  @Field(() => ID, { description: 'Stable identifier.' })
  declare id: string;

  @Field(() => RoleEnum, { description: 'AGENT, ADMIN or AUDITOR.' })
  declare role: Role;

  @Field(() => DateTimeScalar, { description: 'When the staff user was created (UTC).' })
  createdAt!: Date;

  static from(entity: StaffUser, isMfaEnabled: boolean): StaffUserType {
    return Object.assign(new StaffUserType(), {
      id: entity.id,
      name: entity.name,
      email: entity.email,
      role: entity.role,
      isMfaEnabled,
      createdAt: entity.createdAt,
    });
  }
}
