import { gql } from 'apollo-angular';

/** Every failure returned as data implements `UserError { message code }`. */
export interface UserErrorResult<T extends string> {
  readonly __typename: T;
  readonly message: string;
  readonly code: string;
}

export interface SignedIn {
  readonly __typename: 'SignedIn';
  readonly account: { readonly id: string; readonly name: string; readonly role: string };
  readonly expiresAt: string;
}

export interface AccountLocked extends UserErrorResult<'AccountLocked'> {
  readonly retryAfterSeconds: number;
}

export interface PasswordRejected extends UserErrorResult<'PasswordRejected'> {
  readonly reasons: readonly string[];
}

export type SignInResult =
  SignedIn | UserErrorResult<'MfaRequired'> | UserErrorResult<'InvalidCredentials'> | AccountLocked;

export type VerifyMfaResult = SignedIn | UserErrorResult<'InvalidMfaCode'>;

export interface CurrentAccount {
  readonly __typename: 'Customer' | 'StaffUser';
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly role: string;
  readonly isMfaEnabled: boolean;
}

const SIGNED_IN = gql`
  fragment SignedInFields on SignedIn {
    account {
      id
      name
      role
    }
    expiresAt
  }
`;

/** Who is signed in; null when nobody is. The route guard and the security page read it. */
export const CURRENT_ACCOUNT = gql<{ me: CurrentAccount | null }, Record<string, never>>`
  query CurrentAccount {
    me {
      id
      name
      email
      role
      isMfaEnabled
    }
  }
`;

export const SIGN_IN = gql<
  { signIn: SignInResult },
  { input: { email: string; password: string } }
>`
  mutation SignIn($input: SignInInput!) {
    signIn(input: $input) {
      __typename
      ...SignedInFields
      ... on UserError {
        message
        code
      }
      ... on AccountLocked {
        retryAfterSeconds
      }
    }
  }
  ${SIGNED_IN}
`;

/** Second sign-in step, and the step-up confirmation for sensitive actions. */
export const VERIFY_MFA = gql<{ verifyMfa: VerifyMfaResult }, { input: { code: string } }>`
  mutation VerifyMfa($input: VerifyMfaInput!) {
    verifyMfa(input: $input) {
      __typename
      ...SignedInFields
      ... on UserError {
        message
        code
      }
    }
  }
  ${SIGNED_IN}
`;

export const SIGN_OUT = gql<{ signOut: boolean }, Record<string, never>>`
  mutation SignOut {
    signOut
  }
`;

export const REQUEST_PASSWORD_RESET = gql<
  { requestPasswordReset: { __typename: 'PasswordResetRequested'; message: string } },
  { input: { email: string } }
>`
  mutation RequestPasswordReset($input: RequestPasswordResetInput!) {
    requestPasswordReset(input: $input) {
      message
    }
  }
`;

export type ResetPasswordResult =
  | { readonly __typename: 'PasswordReset'; readonly message: string }
  | UserErrorResult<'TokenInvalid'>
  | PasswordRejected;

export const RESET_PASSWORD = gql<
  { resetPassword: ResetPasswordResult },
  { input: { token: string; newPassword: string } }
>`
  mutation ResetPassword($input: ResetPasswordInput!) {
    resetPassword(input: $input) {
      __typename
      ... on PasswordReset {
        message
      }
      ... on UserError {
        message
        code
      }
      ... on PasswordRejected {
        reasons
      }
    }
  }
`;

export type AcceptInviteResult = SignedIn | UserErrorResult<'TokenInvalid'> | PasswordRejected;

export const ACCEPT_INVITE = gql<
  { acceptInvite: AcceptInviteResult },
  { input: { token: string; password: string } }
>`
  mutation AcceptInvite($input: AcceptInviteInput!) {
    acceptInvite(input: $input) {
      __typename
      ...SignedInFields
      ... on UserError {
        message
        code
      }
      ... on PasswordRejected {
        reasons
      }
    }
  }
  ${SIGNED_IN}
`;

export type VerifyEmailResult =
  | { readonly __typename: 'EmailVerified'; readonly message: string }
  | UserErrorResult<'TokenInvalid'>;

export const VERIFY_EMAIL = gql<{ verifyEmail: VerifyEmailResult }, { input: { token: string } }>`
  mutation VerifyEmail($input: TokenInput!) {
    verifyEmail(input: $input) {
      __typename
      ... on EmailVerified {
        message
      }
      ... on UserError {
        message
        code
      }
    }
  }
`;

export type SignUpResult =
  | { readonly __typename: 'SignUpAccepted'; readonly message: string }
  | PasswordRejected
  | UserErrorResult<'SignUpClosed'>;

export const SIGN_UP = gql<
  { signUp: SignUpResult },
  { input: { name: string; email: string; password: string } }
>`
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) {
      __typename
      ... on SignUpAccepted {
        message
      }
      ... on UserError {
        message
        code
      }
      ... on PasswordRejected {
        reasons
      }
    }
  }
`;
