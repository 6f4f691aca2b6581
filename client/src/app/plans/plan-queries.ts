import { gql } from 'apollo-angular';

/** Decimal scalar: an exact decimal string such as "125.50". Never converted for arithmetic. */
export type Decimal = string;
/** LocalDate scalar: a calendar date such as "2025-03-01". */
export type LocalDate = string;

export interface Money {
  readonly __typename?: 'Money';
  readonly amount: Decimal;
  readonly currency: string;
}

export type PlanStatus =
  'PENDING' | 'ACTIVE' | 'PAID_OFF' | 'DELINQUENT' | 'CANCELLED' | 'WRITTEN_OFF';
export type InstallmentStatus = 'UPCOMING' | 'DUE' | 'PARTIALLY_PAID' | 'PAID' | 'OVERDUE';

export interface Installment {
  readonly __typename?: 'Installment';
  readonly id: string;
  readonly number: number;
  readonly dueDate: LocalDate;
  readonly principal: Decimal;
  readonly interest: Decimal;
  readonly fees: Decimal;
  readonly total: Decimal;
  readonly paidTotal: Decimal;
  readonly status: InstallmentStatus;
}

export type NextInstallment = Pick<Installment, '__typename' | 'id' | 'dueDate' | 'total'>;

/** Everything a plan card shows; the query and the subscription select the same fields. */
export interface PlanSummary {
  readonly __typename?: 'InstallmentPlan';
  readonly id: string;
  readonly title: string;
  readonly currency: string;
  readonly status: PlanStatus;
  readonly outstandingBalance: Money;
  readonly paidAmount: Money;
  readonly totalRepayable: Money;
  /** Whole percent repaid, computed by the server (the client does no money arithmetic). */
  readonly repaidPercent: number;
  readonly nextInstallment: NextInstallment | null;
  readonly installments: readonly Installment[];
}

/** `me` is an Account: only customers have plans; staff users see none. */
export interface MyPlansData {
  readonly me:
    | {
        readonly __typename?: 'Customer';
        readonly id: string;
        readonly name: string;
        readonly plans: readonly PlanSummary[];
      }
    | { readonly __typename?: 'StaffUser'; readonly id: string; readonly name: string }
    | null;
}

export interface PlanBalanceChangedData {
  readonly planBalanceChanged: PlanSummary;
}

export interface PlanBalanceChangedVariables {
  readonly planId: string;
}

const PLAN_SUMMARY = gql`
  fragment PlanSummary on InstallmentPlan {
    id
    title
    currency
    status
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
    repaidPercent
    nextInstallment {
      id
      dueDate
      total
    }
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
`;

/** The signed-in account's plans; `me` is null when nobody is signed in. */
export const MY_PLANS = gql<MyPlansData, Record<string, never>>`
  query MyPlans {
    me {
      id
      name
      ... on Customer {
        plans {
          ...PlanSummary
        }
      }
    }
  }
  ${PLAN_SUMMARY}
`;

/** Emits the whole plan whenever its balance changes; the normalized cache updates the card. */
export const PLAN_BALANCE_CHANGED = gql<PlanBalanceChangedData, PlanBalanceChangedVariables>`
  subscription PlanBalanceChanged($planId: ID!) {
    planBalanceChanged(planId: $planId) {
      ...PlanSummary
    }
  }
  ${PLAN_SUMMARY}
`;
