import type { LocalDate } from '../../../../shared/dates/local-date';
import type { AmountScale } from '../amount-scale';
import type { FeeLine } from '../fees';
import type { Period } from '../periods';
import type { Ratio } from '../ratio';
import type { Schedule } from '../schedule';
import type { Component, PlanTerms } from '../terms.types';
import type { PrepaymentStrategy } from './events';

/** Bigint units per component (see AmountScale). */
export type ComponentAmounts = Record<Component, bigint>;

export const COMPONENTS: readonly Component[] = ['PENALTY', 'FEE', 'INTEREST', 'PRINCIPAL'];
export const zeroAmounts = (): ComponentAmounts => ({
  PENALTY: 0n,
  FEE: 0n,
  INTEREST: 0n,
  PRINCIPAL: 0n,
});

/** A late fee assessed on an installment, with what it was computed from. */
export interface PenaltyCharge {
  readonly date: LocalDate;
  readonly overdue: bigint;
  readonly computed: bigint;
  readonly charged: bigint;
  readonly cappedBy: 'NONE' | 'PER_INSTALLMENT' | 'PER_PLAN';
}

/** One installment while servicing: what is due, paid and waived per component (units). */
export interface InstallmentState {
  number: number;
  dueDate: LocalDate;
  period: Period;
  openingBalance: bigint;
  exactInterest: Ratio | null;
  due: ComponentAmounts;
  paid: ComponentAmounts;
  waived: ComponentAmounts;
  scheduledFees: FeeLine[];
  chargedFees: { eventId: string; name: string; amount: bigint }[];
  penalties: PenaltyCharge[];
  lateFeeChecked: boolean;
  /** Interest units earned before mid-period principal prepayments (exact, added before rounding). */
  carriedInterest: Ratio | null;
}

/** One step of a payment's allocation: which component of which installment got how much. */
export interface AllocationStep {
  readonly installmentNumber: number;
  readonly component: Component;
  readonly amount: bigint;
}

/** A payment as replayed: its allocation, or REVERSED (then it had no effect at all). */
export interface PaymentRecord {
  readonly id: string;
  readonly date: LocalDate;
  readonly amount: bigint;
  readonly status: 'APPLIED' | 'REVERSED';
  readonly prepayment?: PrepaymentStrategy;
  allocations: AllocationStep[];
  /** Part held as credit for later due dates. */
  heldAsCredit: bigint;
  /** Part paid beyond the whole plan (refundable). */
  overpaid: bigint;
  reversedBy?: string;
}

/** A schedule version: the rows after a change, and what changed and why. */
export interface ScheduleVersion {
  readonly version: number;
  readonly reason:
    | 'ORIGINAL'
    | 'PREPAYMENT_REDUCE_TERM'
    | 'PREPAYMENT_REDUCE_INSTALLMENT'
    | 'RESCHEDULE'
    | 'PAYOFF';
  readonly eventId?: string;
  readonly effectiveDate: LocalDate;
  readonly installmentAmount: bigint;
  readonly rows: readonly {
    number: number;
    dueDate: LocalDate;
    principal: bigint;
    interest: bigint;
    fees: bigint;
  }[];
  readonly changes: readonly string[];
}

export type DelinquencyBucket = 'CURRENT' | 'DPD_1_30' | 'DPD_31_60' | 'DPD_61_90' | 'DPD_90_PLUS';

/** The deterministic result of replaying a plan's events up to a business date. */
export interface PlanState {
  readonly terms: PlanTerms;
  readonly scale: AmountScale;
  readonly businessDate: LocalDate;
  readonly original: Schedule;
  installments: InstallmentState[];
  installmentAmount: bigint;
  payments: PaymentRecord[];
  versions: ScheduleVersion[];
  credit: bigint;
  overpaid: bigint;
  penaltiesCharged: bigint;
  isPaidOff: boolean;
  pendingEventIds: string[];
}

/** Outstanding units of one component of an installment (due − paid − waived). */
export const outstanding = (row: InstallmentState, component: Component): bigint =>
  row.due[component] - row.paid[component] - row.waived[component];

/** Outstanding units of an installment, all components. */
export const outstandingTotal = (row: InstallmentState): bigint =>
  COMPONENTS.reduce((sum, c) => sum + outstanding(row, c), 0n);

/** Servicing state of installments built from a schedule's rows. */
export function installmentStates(schedule: Schedule): InstallmentState[] {
  return schedule.installments.map((row) => ({
    number: row.number,
    dueDate: row.dueDate,
    period: row.period,
    openingBalance: row.openingBalance,
    exactInterest: row.exactInterest,
    due: { PENALTY: 0n, FEE: row.fees, INTEREST: row.interest, PRINCIPAL: row.principal },
    paid: zeroAmounts(),
    waived: zeroAmounts(),
    scheduledFees: [...row.feeLines],
    chargedFees: [],
    penalties: [],
    lateFeeChecked: false,
    carriedInterest: null,
  }));
}

/** Rows of a version snapshot from installment states. */
export function versionRows(rows: readonly InstallmentState[]): ScheduleVersion['rows'] {
  return rows.map((row) => ({
    number: row.number,
    dueDate: row.dueDate,
    principal: row.due.PRINCIPAL,
    interest: row.due.INTEREST,
    fees: row.due.FEE,
  }));
}
