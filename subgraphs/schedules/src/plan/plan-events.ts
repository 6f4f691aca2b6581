import { LocalDate } from '../../../shared/dates/local-date';
import type { Dec as Decimal } from '../../../shared/money/money';
import type { PlanEvent, PlanTerms } from '../engine';

/** Id of the plan's DISBURSEMENT event; payment ids are UUIDs, so it cannot collide. */
export const DISBURSEMENT_EVENT_ID = 'disbursement';

/** What the event log needs of an applied payment (the `AppliedPayment` entity fits). */
export interface AppliedPaymentRecord {
  readonly paymentId: string;
  readonly amount: Decimal;
  readonly appliedAt: Date;
}

/** What the event log needs of an applied waiver (an applied WAIVER `ServicingAction`). */
export interface AppliedWaiverRecord {
  readonly id: string;
  /** Business date it took effect, "YYYY-MM-DD". */
  readonly appliedOn: string;
  readonly component: 'PENALTY' | 'FEE' | 'INTEREST';
  /** Amount forgiven per installment, decimal strings of the plan currency. */
  readonly lines: readonly { installmentNumber: number; amount: string }[];
}

/** Id of the WAIVER event of one line of a waiver: `<action id>:<installment number>`. */
export const waiverEventId = (actionId: string, installmentNumber: number): string =>
  `${actionId}:${installmentNumber}`;

/**
 * The plan's event log for the servicing engine: its DISBURSEMENT on the terms' disbursement date,
 * then one PAYMENT per applied payment (id = payment id, amount as a plain decimal string, date =
 * the UTC calendar date it was applied on), then one WAIVER per installment line of each applied
 * waiver (dated the business date it took effect). Payments carry no prepayment strategy: money
 * beyond what is due is held as credit, as the stored allocation does. Oldest first; the engine
 * replays in its own canonical order anyway.
 */
export function planEventLog(
  terms: PlanTerms,
  payments: readonly AppliedPaymentRecord[],
  waivers: readonly AppliedWaiverRecord[] = [],
): PlanEvent[] {
  const paid = [...payments].sort((a, b) => a.appliedAt.getTime() - b.appliedAt.getTime());
  return [
    { type: 'DISBURSEMENT', id: DISBURSEMENT_EVENT_ID, date: terms.disbursementDate },
    ...paid.map((payment): PlanEvent => ({
      type: 'PAYMENT',
      id: payment.paymentId,
      date: utcCalendarDate(payment.appliedAt),
      amount: payment.amount.toFixed(),
    })),
    ...waivers.flatMap((waiver) =>
      waiver.lines.map((line): PlanEvent => ({
        type: 'WAIVER',
        id: waiverEventId(waiver.id, line.installmentNumber),
        date: LocalDate.parse(waiver.appliedOn),
        installmentNumber: line.installmentNumber,
        component: waiver.component,
        amount: line.amount,
      })),
    ),
  ];
}

/** The UTC calendar date of an instant (timestamps are UTC; never the host's zone). */
export const utcCalendarDate = (instant: Date): LocalDate =>
  LocalDate.parse(instant.toISOString().slice(0, 10));
