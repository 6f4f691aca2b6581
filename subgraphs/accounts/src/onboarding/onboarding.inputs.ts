import { Field, InputType } from 'type-graphql';
import { IsEmail, Length, Matches, MaxLength } from 'class-validator';

@InputType({ description: 'A customer to create and invite by mail.' })
export class InviteCustomerInput {
  @Field({ description: 'Full name.' })
  @Length(1, 200)
  name!: string;

  @Field({ description: 'Email address; the invitation goes there.' })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(320)
  email!: string;

  @Field({ description: 'Preferred language as a BCP 47 tag, e.g. en-US.' })
  @Matches(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { message: 'locale must be a BCP 47 tag' })
  @MaxLength(35)
  locale!: string;
}

@InputType({ description: 'The token from an invitation link and the chosen password.' })
export class AcceptInviteInput {
  @Field({ description: 'Token from the link (after #token=).' })
  @MaxLength(100)
  token!: string;

  @Field({ description: 'New password: 12 to 128 characters, not a common one.' })
  @MaxLength(1024)
  password!: string;
}

@InputType({ description: 'A new customer account (when self sign-up is on).' })
export class SignUpInput {
  @Field({ description: 'Full name.' })
  @Length(1, 200)
  name!: string;

  @Field({ description: 'Email address; a confirmation link goes there.' })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(320)
  email!: string;

  @Field({ description: 'Password: 12 to 128 characters, not a common one.' })
  @MaxLength(1024)
  password!: string;
}

@InputType({ description: 'The token from a link.' })
export class TokenInput {
  @Field({ description: 'Token from the link (after #token=).' })
  @MaxLength(100)
  token!: string;
}

@InputType({ description: 'The token from a reset link and the new password.' })
export class ResetPasswordInput {
  @Field({ description: 'Token from the link (after #token=).' })
  @MaxLength(100)
  token!: string;

  @Field({ description: 'New password: 12 to 128 characters, not a common one.' })
  @MaxLength(1024)
  newPassword!: string;
}

@InputType({ description: 'Current and new password.' })
export class ChangePasswordInput {
  @Field({ description: 'The password used now.' })
  @MaxLength(1024)
  currentPassword!: string;

  @Field({ description: 'New password: 12 to 128 characters, not a common one.' })
  @MaxLength(1024)
  newPassword!: string;
}
