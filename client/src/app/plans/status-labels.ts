import { InstallmentStatus, PlanStatus } from './plan-queries';

/** Customer-facing wording for plan statuses. */
export const PLAN_STATUS_LABELS: Readonly<Record<PlanStatus, string>> = {
  PENDING: 'Pending',
  ACTIVE: 'Active',
  PAID_OFF: 'Paid off',
  DELINQUENT: 'Payment overdue',
  CANCELLED: 'Cancelled',
  WRITTEN_OFF: 'Written off',
};

/** Customer-facing wording for installment statuses. */
export const INSTALLMENT_STATUS_LABELS: Readonly<Record<InstallmentStatus, string>> = {
  UPCOMING: 'Upcoming',
  DUE: 'Due',
  PARTIALLY_PAID: 'Partly paid',
  PAID: 'Paid',
  OVERDUE: 'Overdue',
};
