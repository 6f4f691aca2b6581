import { Arg, Mutation, Resolver } from 'type-graphql';
import { RequestPasswordResetInput } from '../identity/identity.inputs';
import {
  AcceptInviteInput,
  ChangePasswordInput,
  InviteCustomerInput,
  ResetPasswordInput,
  SignUpInput,
  TokenInput,
} from './onboarding.inputs';
import {
  AcceptInviteResult,
  ChangePasswordResult,
  InviteCustomerResult,
  PasswordResetRequested,
  ResetPasswordResult,
  SignUpResult,
  VerifyEmailResult,
} from './onboarding.results';
import type { OnboardingService } from './onboarding.service';
import type { PasswordService } from './password.service';

@Resolver()
export class OnboardingResolver {
  constructor(
    private readonly onboarding: OnboardingService,
    private readonly passwords: PasswordService,
  ) {}

  @Mutation(() => InviteCustomerResult, {
    description: 'Creates a customer and mails a 7-day invitation (AGENT or ADMIN).',
  })
  inviteCustomer(@Arg('input', () => InviteCustomerInput) input: InviteCustomerInput) {
    return this.onboarding.inviteCustomer(input);
  }

  @Mutation(() => AcceptInviteResult, {
    description: 'Chooses a password from an invitation link and signs in.',
  })
  acceptInvite(@Arg('input', () => AcceptInviteInput) input: AcceptInviteInput) {
    return this.onboarding.acceptInvite(input);
  }

  @Mutation(() => SignUpResult, {
    description: 'Creates a customer account (when self sign-up is on); mails a confirmation link.',
  })
  signUp(@Arg('input', () => SignUpInput) input: SignUpInput) {
    return this.onboarding.signUp(input);
  }

  @Mutation(() => VerifyEmailResult, { description: 'Confirms an email address from its link.' })
  verifyEmail(@Arg('input', () => TokenInput) input: TokenInput) {
    return this.onboarding.verifyEmail(input.token);
  }

  @Mutation(() => PasswordResetRequested, {
    description: 'Mails a 1-hour password reset link if the email has an account.',
  })
  requestPasswordReset(
    @Arg('input', () => RequestPasswordResetInput) input: RequestPasswordResetInput,
  ) {
    return this.passwords.requestReset(input.email);
  }

  @Mutation(() => ResetPasswordResult, {
    description: 'Sets a new password from a reset link; every session ends.',
  })
  resetPassword(@Arg('input', () => ResetPasswordInput) input: ResetPasswordInput) {
    return this.passwords.reset(input);
  }

  @Mutation(() => ChangePasswordResult, {
    description:
      'Changes the password (with MFA on: needs a recent authenticator code); other sessions ' +
      'end and this one gets a new token.',
  })
  changePassword(@Arg('input', () => ChangePasswordInput) input: ChangePasswordInput) {
    return this.passwords.change(input);
  }
}
