import { Field, ObjectType, createUnionType } from 'type-graphql';
import { UserError } from '../../../shared/errors/user-error';
import { CustomerType } from '../customer/customer.type';
import {
  EmailInUse,
  InvalidCredentials,
  MfaRequired,
  PasswordRejected,
  SignedIn,
  TokenInvalid,
} from '../identity/identity.results';

@ObjectType({ description: 'The customer was created and the invitation mailed.' })
export class CustomerInvited {
  @Field(() => CustomerType, { description: 'The new customer.' })
  customer!: CustomerType;
}

@ObjectType({
  description:
    'Sign-up received. The same answer whether or not the email already had an account: ' +
    'the mailbox tells which.',
})
export class SignUpAccepted {
  @Field({ description: 'What to tell the user (check your mailbox).' })
  message!: string;
}

@ObjectType({ implements: UserError, description: 'Self sign-up is off on this deployment.' })
export class SignUpClosed extends UserError {}

@ObjectType({ description: 'The email address is confirmed.' })
export class EmailVerified {
  @Field({ description: 'Confirmation to show.' })
  message!: string;
}

@ObjectType({ description: 'If the email has an account, a reset link was mailed.' })
export class PasswordResetRequested {
  @Field({ description: 'What to tell the user (same whether or not the account exists).' })
  message!: string;
}

@ObjectType({ description: 'The password was changed; every session was ended.' })
export class PasswordReset {
  @Field({ description: 'Confirmation to show; sign in with the new password.' })
  message!: string;
}

@ObjectType({ description: 'The password was changed; this session was renewed.' })
export class PasswordChanged {
  @Field({ description: 'Confirmation to show.' })
  message!: string;
}

export const InviteCustomerResult = createUnionType({
  name: 'InviteCustomerResult',
  description: 'Outcome of inviteCustomer.',
  types: () => [CustomerInvited, EmailInUse] as const,
});

export const AcceptInviteResult = createUnionType({
  name: 'AcceptInviteResult',
  description:
    'Outcome of acceptInvite. Staff get MfaRequired (MFA_ENROLLMENT_REQUIRED): they enrol an ' +
    'authenticator before their session becomes active.',
  types: () => [SignedIn, MfaRequired, TokenInvalid, PasswordRejected] as const,
});

export const SignUpResult = createUnionType({
  name: 'SignUpResult',
  description: 'Outcome of signUp.',
  types: () => [SignUpAccepted, SignUpClosed, PasswordRejected] as const,
});

export const VerifyEmailResult = createUnionType({
  name: 'VerifyEmailResult',
  description: 'Outcome of verifyEmail.',
  types: () => [EmailVerified, TokenInvalid] as const,
});

export const ResetPasswordResult = createUnionType({
  name: 'ResetPasswordResult',
  description: 'Outcome of resetPassword.',
  types: () => [PasswordReset, TokenInvalid, PasswordRejected] as const,
});

export const ChangePasswordResult = createUnionType({
  name: 'ChangePasswordResult',
  description: 'Outcome of changePassword.',
  types: () => [PasswordChanged, InvalidCredentials, PasswordRejected] as const,
});
