import type { LocalDate } from '../../../shared/dates/local-date';
import type { RoundingMode } from '../../../shared/money/money';
import type { ScheduleRoundingMode } from './amount-scale';
import type { DayCount } from './day-count';
import type { Ratio } from './ratio';

export type FrequencyUnit = 'DAYS' | 'WEEKS' | 'MONTHS';
export type InterestMethod = 'DECLINING_BALANCE' | 'FLAT' | 'NONE';
export type Amortization = 'EQUAL_INSTALLMENTS' | 'EQUAL_PRINCIPAL' | 'INTEREST_ONLY_BALLOON';
export type InterestAccrual = 'PER_PERIOD' | 'DAILY';
export type Component = 'PENALTY' | 'FEE' | 'INTEREST' | 'PRINCIPAL';
/** COMPONENT_THEN_DUE_DATE: all penalties oldest first, then all fees, ...; the other: per installment. */
export type AllocationOrder = 'COMPONENT_THEN_DUE_DATE' | 'DUE_DATE_THEN_COMPONENT';

/** Payment frequency: a due date every `every` units. */
export interface Frequency {
  readonly unit: FrequencyUnit;
  readonly every: number;
}

/**
 * A fee of the plan, amounts in the currency (positive decimal strings), percents as percent
 * (e.g. "1.5" = 1.5 %). Rounded per fee with the schedule's rounding mode.
 * - ONE_OFF: `amount` due at disbursement (installmentNumber 0 or absent) or on installment k.
 * - PER_INSTALLMENT: fixed `amount` on every installment.
 * - PERCENT_OF_INSTALLMENT: `percent` × (principal + interest) of each installment.
 * - PERCENT_OF_BALANCE: `percent` × principal outstanding at the start of each period.
 */
export type FeeTerms =
  | {
      readonly kind: 'ONE_OFF';
      readonly name: string;
      readonly amount: string;
      readonly installmentNumber: number;
    }
  | { readonly kind: 'PER_INSTALLMENT'; readonly name: string; readonly amount: string }
  | { readonly kind: 'PERCENT_OF_INSTALLMENT'; readonly name: string; readonly percent: string }
  | { readonly kind: 'PERCENT_OF_BALANCE'; readonly name: string; readonly percent: string };

/**
 * Late-fee policy: assessed once per installment on the first day after `graceDays` past its due
 * date while any of it is unpaid. The fee is `fixed` plus `percentOfOverdue` % of the overdue
 * amount of that installment (principal + interest + fees), rounded with the plan's rule, then
 * capped by `capPerInstallment` and by what is left of `capPerPlan`.
 */
export interface LateFeePolicy {
  readonly graceDays: number;
  readonly fixed?: string;
  readonly percentOfOverdue?: string;
  readonly capPerInstallment?: string;
  readonly capPerPlan?: string;
}

/** Contract terms of one plan, validated; amounts are decimal strings of the currency. */
export interface PlanTerms {
  readonly principal: string;
  readonly currency: string;
  readonly minorDigits: number;
  readonly annualRatePercent: string;
  /** annualRatePercent / 100, exact. */
  readonly annualRate: Ratio;
  readonly installmentCount: number;
  readonly frequency: Frequency;
  readonly disbursementDate: LocalDate;
  readonly firstDueDate: LocalDate;
  readonly scheduleStartDate?: LocalDate;
  readonly interestMethod: InterestMethod;
  readonly amortization: Amortization;
  readonly interestAccrual: InterestAccrual;
  readonly dayCount: DayCount;
  readonly principalGracePeriods: number;
  readonly interestFreePeriods: number;
  readonly downPayment?: string;
  readonly rounding: {
    readonly mode: ScheduleRoundingMode;
    readonly installmentMultipleOf?: string;
    readonly balanceLastInstallment: boolean;
  };
  readonly fees: readonly FeeTerms[];
  readonly lateFee?: LateFeePolicy;
  readonly allocationOrder: AllocationOrder;
  readonly componentOrder: readonly Component[];
}

export type { RoundingMode, DayCount };
