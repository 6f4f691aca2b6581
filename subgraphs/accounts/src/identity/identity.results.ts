import { Field, Int, ObjectType, createUnionType } from 'type-graphql';
import { UserError } from '../../../shared/errors/user-error';
import { DateTimeScalar } from '../../../shared/graphql/scalars';
import { AccountInterface } from './account.type';

/** Builds a result object the union can resolve (class instance with its fields). */
export const outcome = <T extends object>(cls: new () => T, fields: Partial<T>): T =>
  Object.assign(new cls(), fields);

@ObjectType({ description: 'Signed in: the session cookie is set.' })
export class SignedIn {
  @Field(() => AccountInterface, { description: 'Who is signed in.' })
  account!: AccountInterface;

  @Field(() => DateTimeScalar, { description: 'When the session ends at the latest.' })
  expiresAt!: Date;
}

@ObjectType({
  implements: UserError,
  description:
    'Password accepted; a second factor is needed (code MFA_REQUIRED: call verifyMfa; ' +
    'MFA_ENROLLMENT_REQUIRED: staff must enrol an authenticator first).',
})
export class MfaRequired extends UserError {}

@ObjectType({ implements: UserError, description: 'Email or password is wrong.' })
export class InvalidCredentials extends UserError {}

@ObjectType({
  implements: UserError,
  description:
    'Too many failed sign-ins (code ACCOUNT_LOCKED for this email, RATE_LIMITED for this ' +
    'network address); try again later.',
})
export class AccountLocked extends UserError {
  @Field(() => Int, { description: 'Seconds to wait before the next attempt.' })
  retryAfterSeconds!: number;
}

@ObjectType({ implements: UserError, description: 'The authenticator or recovery code is wrong.' })
export class InvalidMfaCode extends UserError {}

@ObjectType({ implements: UserError, description: 'The link is unknown, used or expired.' })
export class TokenInvalid extends UserError {}

@ObjectType({ implements: UserError, description: 'The password does not meet the rules.' })
export class PasswordRejected extends UserError {
  @Field(() => [String], {
    description: 'Every rule broken: TOO_SHORT, TOO_LONG, COMMON, CONTAINS_EMAIL.',
  })
  reasons!: string[];
}

@ObjectType({ implements: UserError, description: 'Another account already uses this email.' })
export class EmailInUse extends UserError {}

export const SignInResult = createUnionType({
  name: 'SignInResult',
  description: 'Outcome of signIn.',
  types: () => [SignedIn, MfaRequired, InvalidCredentials, AccountLocked] as const,
});

export const VerifyMfaResult = createUnionType({
  name: 'VerifyMfaResult',
  description: 'Outcome of verifyMfa.',
  types: () => [SignedIn, InvalidMfaCode] as const,
});

export const invalidCredentials = () =>
  outcome(InvalidCredentials, {
    code: 'INVALID_CREDENTIALS',
    message: 'The email or password is not correct.',
  });

export const accountLocked = (retryAfterSeconds: number, code = 'ACCOUNT_LOCKED') =>
  outcome(AccountLocked, {
    code,
    retryAfterSeconds,
    message: `Too many failed attempts. Try again in ${retryAfterSeconds} seconds.`,
  });

export const mfaRequired = (enrolled: boolean) =>
  outcome(MfaRequired, {
    code: enrolled ? 'MFA_REQUIRED' : 'MFA_ENROLLMENT_REQUIRED',
    message: enrolled
      ? 'Enter the code from your authenticator app.'
      : 'Set up an authenticator app to finish. If you left that step, use "Forgot password" ' +
        'to get a new invitation link.',
  });

export const invalidMfaCode = (code = 'INVALID_MFA_CODE') =>
  outcome(InvalidMfaCode, { code, message: 'The code is not correct.' });

export const tokenInvalid = () =>
  outcome(TokenInvalid, {
    code: 'TOKEN_INVALID',
    message: 'This link is not valid any more. Ask for a new one.',
  });

export const emailInUse = () =>
  outcome(EmailInUse, { code: 'EMAIL_IN_USE', message: 'Another account uses this email.' });
