import { Arg, Field, InputType, Mutation, Resolver } from 'type-graphql';
import { IsEmail, IsIn, Length, MaxLength } from 'class-validator';
import { RoleEnum } from '../identity/account.type';
import type { Role } from '../../../shared/auth/viewer';
import { CreateStaffUserResult, type StaffService } from './staff.service';
import type { StaffRole } from './staff-user.entity';

@InputType({ description: 'A staff user to create and invite by mail.' })
export class CreateStaffUserInput {
  @Field({ description: 'Full name.' })
  @Length(1, 200)
  name!: string;

  @Field({ description: 'Work email address; the invitation goes there.' })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(320)
  email!: string;

  @Field(() => RoleEnum, { description: 'AGENT, ADMIN or AUDITOR.' })
  @IsIn(['AGENT', 'ADMIN', 'AUDITOR'], { message: 'role must be AGENT, ADMIN or AUDITOR' })
  role!: Role;
}

@Resolver()
export class StaffResolver {
  constructor(private readonly staffService: StaffService) {}

  @Mutation(() => CreateStaffUserResult, {
    description: 'Creates a staff user and mails an invitation (ADMIN, recent authenticator code).',
  })
  createStaffUser(@Arg('input', () => CreateStaffUserInput) input: CreateStaffUserInput) {
    return this.staffService.create({ ...input, role: input.role as StaffRole });
  }
}
