import { gql } from 'apollo-angular';

export type ConsentPurpose = 'MARKETING_EMAIL' | 'PRODUCT_ANALYTICS' | 'PARTNER_SHARING';

export interface Consent {
  readonly __typename?: 'Consent';
  readonly purpose: ConsentPurpose;
  readonly isGranted: boolean;
  readonly grantedAt: string | null;
  readonly withdrawnAt: string | null;
  readonly version: string | number;
}

export interface MyConsentsData {
  readonly me:
    | {
        readonly __typename: 'Customer';
        readonly id: string;
        readonly consents: readonly Consent[];
      }
    | { readonly __typename: 'StaffUser'; readonly id: string }
    | null;
}

const CONSENT_FIELDS = gql`
  fragment ConsentFields on Consent {
    purpose
    isGranted
    grantedAt
    withdrawnAt
    version
  }
`;

export const MY_CONSENTS = gql<MyConsentsData, Record<string, never>>`
  query MyConsents {
    me {
      id
      ... on Customer {
        consents {
          ...ConsentFields
        }
      }
    }
  }
  ${CONSENT_FIELDS}
`;

// The contract names the mutations but not their result type; this assumes they return the
// updated Consent (see the report to the server team).
export const GRANT_CONSENT = gql<{ grantConsent: Consent }, { input: { purpose: ConsentPurpose } }>`
  mutation GrantConsent($input: GrantConsentInput!) {
    grantConsent(input: $input) {
      ...ConsentFields
    }
  }
  ${CONSENT_FIELDS}
`;

export const WITHDRAW_CONSENT = gql<
  { withdrawConsent: Consent },
  { input: { purpose: ConsentPurpose } }
>`
  mutation WithdrawConsent($input: WithdrawConsentInput!) {
    withdrawConsent(input: $input) {
      ...ConsentFields
    }
  }
  ${CONSENT_FIELDS}
`;

/** Everything the customer can download about themselves (GDPR Art. 15 and 20). */
export const MY_DATA_EXPORT = gql<{ me: Record<string, unknown> | null }, Record<string, never>>`
  query MyDataExport {
    me {
      id
      name
      email
      role
      isMfaEnabled
      ... on Customer {
        personalDataExport
        consents {
          ...ConsentFields
        }
        plans {
          id
          title
          currency
          principal
          status
          createdAt
          outstandingBalance {
            amount
            currency
          }
          paidAmount {
            amount
            currency
          }
          totalRepayable {
            amount
            currency
          }
          credit {
            amount
            currency
          }
          repaidPercent
          installments {
            id
            number
            dueDate
            principal
            interest
            fees
            total
            paidTotal
            status
          }
        }
        payments {
          id
          amount
          currency
          status
          createdAt
          plan {
            id
          }
        }
      }
    }
  }
  ${CONSENT_FIELDS}
`;

// Result type not in the contract; a union with UserError members is assumed.
export const ERASE_CUSTOMER = gql<
  { eraseCustomer: { readonly __typename: string; readonly message?: string } },
  { input: { customerId: string; reason: string } }
>`
  mutation EraseCustomer($input: EraseCustomerInput!) {
    eraseCustomer(input: $input) {
      __typename
      ... on UserError {
        message
      }
    }
  }
`;
