import { Arg, Field, InputType, Mutation, Resolver } from 'type-graphql';
import { Length } from 'class-validator';
import { ConfirmMfaResult, MfaEnrollment, RecoveryCodesIssued } from './mfa.results';
import type { MfaService } from './mfa.service';

@InputType({ description: 'The first code from the newly set-up authenticator.' })
export class ConfirmMfaEnrollmentInput {
  @Field({ description: '6-digit code.' })
  @Length(6, 6)
  code!: string;
}

@Resolver()
export class MfaResolver {
  constructor(private readonly mfaService: MfaService) {}

  @Mutation(() => MfaEnrollment, {
    description: 'Starts setting up an authenticator app; confirm with confirmMfaEnrollment.',
  })
  startMfaEnrollment(): Promise<MfaEnrollment> {
    return this.mfaService.startEnrollment();
  }

  @Mutation(() => ConfirmMfaResult, {
    description: 'Turns two-factor sign-in on and returns the recovery codes (shown once).',
  })
  confirmMfaEnrollment(
    @Arg('input', () => ConfirmMfaEnrollmentInput) input: ConfirmMfaEnrollmentInput,
  ): Promise<typeof ConfirmMfaResult> {
    return this.mfaService.confirmEnrollment(input.code);
  }

  @Mutation(() => RecoveryCodesIssued, {
    description: 'Replaces the recovery codes (needs a recent authenticator code).',
  })
  regenerateRecoveryCodes(): Promise<RecoveryCodesIssued> {
    return this.mfaService.regenerateRecoveryCodes();
  }

  @Mutation(() => Boolean, {
    description: 'Turns two-factor sign-in off (customers; needs a recent authenticator code).',
  })
  disableMfa(): Promise<boolean> {
    return this.mfaService.disableMfa();
  }
}
