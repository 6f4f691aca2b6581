import { gql } from 'apollo-angular';

import { PasswordRejected, UserErrorResult } from '../auth/auth-queries';

/** One place the account is signed in (a browser on a device). */
export interface AccountSession {
  readonly __typename?: string;
  readonly id: string;
  readonly createdAt: string;
  readonly lastSeenAt: string;
  readonly expiresAt: string;
  readonly userAgent: string | null;
  readonly ip: string | null;
  readonly isCurrent: boolean;
}

export const MY_SESSIONS = gql<{ mySessions: readonly AccountSession[] }, Record<string, never>>`
  query MySessions {
    mySessions {
      id
      createdAt
      lastSeenAt
      expiresAt
      userAgent
      ip
      isCurrent
    }
  }
`;

/** Either way the session is no longer live: revoked now, or already gone (SessionNotFound). */
export const REVOKE_SESSION = gql<
  { revokeSession: { readonly __typename: 'SessionRevoked' | 'SessionNotFound' } },
  { input: { id: string } }
>`
  mutation RevokeSession($input: RevokeSessionInput!) {
    revokeSession(input: $input) {
      __typename
    }
  }
`;

export interface MfaEnrollment {
  readonly secret: string;
  readonly otpauthUri: string;
}

export const START_MFA_ENROLLMENT = gql<
  { startMfaEnrollment: MfaEnrollment },
  Record<string, never>
>`
  mutation StartMfaEnrollment {
    startMfaEnrollment {
      secret
      otpauthUri
    }
  }
`;

export interface MfaEnabled {
  readonly __typename: 'MfaEnabled';
  readonly recoveryCodes: readonly string[];
}

export const CONFIRM_MFA_ENROLLMENT = gql<
  { confirmMfaEnrollment: MfaEnabled | UserErrorResult<'InvalidMfaCode'> },
  { input: { code: string } }
>`
  mutation ConfirmMfaEnrollment($input: ConfirmMfaEnrollmentInput!) {
    confirmMfaEnrollment(input: $input) {
      __typename
      ... on MfaEnabled {
        recoveryCodes
      }
      ... on UserError {
        message
        code
      }
    }
  }
`;

export const REGENERATE_RECOVERY_CODES = gql<
  { regenerateRecoveryCodes: MfaEnabled },
  Record<string, never>
>`
  mutation RegenerateRecoveryCodes {
    regenerateRecoveryCodes {
      __typename
      recoveryCodes
    }
  }
`;

export const DISABLE_MFA = gql<{ disableMfa: boolean }, Record<string, never>>`
  mutation DisableMfa {
    disableMfa
  }
`;

export type ChangePasswordResult =
  | { readonly __typename: 'PasswordChanged'; readonly message: string }
  | UserErrorResult<'InvalidCredentials'>
  | PasswordRejected;

export const CHANGE_PASSWORD = gql<
  { changePassword: ChangePasswordResult },
  { input: { currentPassword: string; newPassword: string } }
>`
  mutation ChangePassword($input: ChangePasswordInput!) {
    changePassword(input: $input) {
      __typename
      ... on PasswordChanged {
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
