import { Field, InputType } from 'type-graphql';
import { IsEmail, Length, MaxLength } from 'class-validator';

@InputType({ description: 'Email and password.' })
export class SignInInput {
  @Field({ description: 'Email address (any case).' })
  @MaxLength(320)
  email!: string;

  @Field({ description: 'Password.' })
  @MaxLength(1024, { message: 'password is too long' })
  password!: string;
}

@InputType({ description: 'A second-factor code.' })
export class VerifyMfaInput {
  @Field({ description: 'The 6-digit authenticator code, or one of the recovery codes.' })
  @Length(6, 40)
  code!: string;
}

@InputType({ description: 'Email address for a password reset.' })
export class RequestPasswordResetInput {
  @Field({ description: 'Email address of the account.' })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(320)
  email!: string;
}
