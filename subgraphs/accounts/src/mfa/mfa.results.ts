import { Field, ObjectType, createUnionType } from 'type-graphql';
import { InvalidMfaCode } from '../identity/identity.results';

@ObjectType({ description: 'A started authenticator enrolment; confirm it with a code.' })
export class MfaEnrollment {
  @Field({ description: 'The TOTP secret (base32), for typing into the app by hand.' })
  secret!: string;

  @Field({ description: 'otpauth:// URI to show as a QR code.' })
  otpauthUri!: string;
}

@ObjectType({ description: 'Two-factor sign-in is on. The recovery codes are shown only now.' })
export class MfaEnabled {
  @Field(() => [String], { description: 'Ten single-use codes for when the app is lost.' })
  recoveryCodes!: string[];
}

@ObjectType({ description: 'New recovery codes; the previous ones no longer work.' })
export class RecoveryCodesIssued {
  @Field(() => [String], { description: 'Ten single-use codes, shown only now.' })
  recoveryCodes!: string[];
}

export const ConfirmMfaResult = createUnionType({
  name: 'ConfirmMfaResult',
  description: 'Outcome of confirmMfaEnrollment.',
  types: () => [MfaEnabled, InvalidMfaCode] as const,
});
