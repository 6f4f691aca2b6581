import { Dec } from '../../../shared/money/money';
import type { payoffQuote, planStateToJson } from '../engine';
import {
  PaymentAllocationType,
  PaymentPreviewType,
  PayoffInterestAccrualType,
  PayoffQuoteType,
} from './plan-servicing.type';
import { scheduledInterest, scheduleRows } from './schedule-rows';
import { ScheduleVersionType } from './schedule.type';
import {
  InstallmentComponent,
  ScheduleChangeReason,
  type PrepaymentStrategy,
} from './servicing.enums';

type PlanStateJson = ReturnType<typeof planStateToJson>;
type PaymentJson = PlanStateJson['payments'][number];

/** GraphQL schedule versions from the engine's version list. */
export const toVersions = (versions: PlanStateJson['versions']): ScheduleVersionType[] =>
  versions.map((v) =>
    Object.assign(new ScheduleVersionType(), {
      ...v,
      reason: v.reason as ScheduleChangeReason,
      changes: [...v.changes],
    }),
  );

/**
 * A payment preview from the plan state before and after the previewed payment: its allocation,
 * the schedule after, and what changed (installment count and amount, scheduled interest saved,
 * schedule versions the payment adds).
 */
export function toPaymentPreview(preview: {
  planId: string;
  strategy: PrepaymentStrategy;
  amount: string;
  before: PlanStateJson;
  after: PlanStateJson;
  payment: PaymentJson | null;
  digits: number;
}): PaymentPreviewType {
  const { before, after, payment, digits } = preview;
  const zero = new Dec(0).toFixed(digits);
  return Object.assign(new PaymentPreviewType(), {
    planId: preview.planId,
    date: after.businessDate,
    amount: preview.amount,
    strategy: preview.strategy,
    allocations: (payment?.allocations ?? []).map((step) =>
      Object.assign(new PaymentAllocationType(), {
        installmentNumber: step.installmentNumber,
        component: step.component as InstallmentComponent,
        amount: step.amount,
      }),
    ),
    heldAsCredit: payment?.heldAsCredit ?? zero,
    overpaid: payment?.overpaid ?? zero,
    installments: scheduleRows(after.installments, digits),
    installmentCountBefore: before.installments.length,
    installmentCountAfter: after.installments.length,
    installmentAmountBefore: before.installmentAmount,
    installmentAmountAfter: after.installmentAmount,
    interestSaved: scheduledInterest(before.installments)
      .minus(scheduledInterest(after.installments))
      .toFixed(digits),
    totalOutstandingAfter: after.totalOutstanding,
    isPaidOff: after.status === 'PAID_OFF',
    newVersions: toVersions(after.versions.slice(before.versions.length)),
  });
}

/** GraphQL payoff quote from the engine's. */
export function toPayoffQuote(
  planId: string,
  quote: ReturnType<typeof payoffQuote>,
): PayoffQuoteType {
  const { accruedInterest, ...amounts } = quote;
  return Object.assign(new PayoffQuoteType(), {
    planId,
    ...amounts,
    interestAccrual: accruedInterest
      ? Object.assign(new PayoffInterestAccrualType(), accruedInterest)
      : null,
  });
}
