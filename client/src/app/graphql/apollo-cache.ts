import { InMemoryCache } from '@apollo/client';

/**
 * Abstract types of the gateway schema and their members. Apollo needs them to match
 * fragments on interfaces and unions (`... on Customer` inside `me: Account`,
 * `... on SignedIn` inside `SignInResult`); without them those fragments silently match nothing.
 */
export const POSSIBLE_TYPES: Readonly<Record<string, readonly string[]>> = {
  Account: ['Customer', 'StaffUser'],
  UserError: [
    'InvalidCredentials',
    'MfaRequired',
    'AccountLocked',
    'InvalidMfaCode',
    'TokenInvalid',
    'PasswordRejected',
    'SignUpClosed',
  ],
  SignInResult: ['SignedIn', 'MfaRequired', 'InvalidCredentials', 'AccountLocked'],
  VerifyMfaResult: ['SignedIn', 'InvalidMfaCode'],
  ResetPasswordResult: ['PasswordChanged', 'TokenInvalid', 'PasswordRejected'],
  AcceptInviteResult: ['SignedIn', 'TokenInvalid', 'PasswordRejected'],
  VerifyEmailResult: ['EmailVerified', 'TokenInvalid'],
  SignUpResult: ['SignUpAccepted', 'PasswordRejected', 'SignUpClosed'],
  ConfirmMfaEnrollmentResult: ['MfaEnabled', 'InvalidMfaCode'],
  ChangePasswordResult: ['PasswordChanged', 'InvalidCredentials', 'PasswordRejected'],
};

/**
 * The normalized cache shared by the app and its tests.
 *
 * `planBalanceChanged` returns an InstallmentPlan with the same fields as the plans query, so
 * normalizing by `id` lets every event update the cards without any hand-written cache code.
 */
export function createCache(): InMemoryCache {
  return new InMemoryCache({
    possibleTypes: POSSIBLE_TYPES as Record<string, string[]>,
    typePolicies: {
      Customer: { keyFields: ['id'] },
      StaffUser: { keyFields: ['id'] },
      InstallmentPlan: { keyFields: ['id'] },
      Installment: { keyFields: ['id'] },
      Payment: { keyFields: ['id'] },
      // Money is a value object without an id: never normalize it, and let a newer amount
      // replace the old one in place instead of warning about lost cache data.
      Money: { keyFields: false, merge: true },
      // Consents have no id of their own; they live inside their customer.
      Consent: { keyFields: false },
    },
  });
}
