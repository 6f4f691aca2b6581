import { z } from 'zod';
import { LocalDate } from '../../../../shared/dates/local-date';
import { EngineError, formatPath } from '../engine-error';
import { decimalString, isoDate } from '../terms.schema';
import { Ratio } from '../ratio';

/** What to do with money paid beyond what is due: re-amortise with fewer or smaller installments. */
export type PrepaymentStrategy = 'REDUCE_TERM' | 'REDUCE_INSTALLMENT';

/**
 * One entry of a plan's event log. Amounts are positive decimal strings of the plan currency.
 * The plan state is always the replay of these events from the original terms.
 * - PAYMENT: money received; beyond what is due it is held as credit for the next due dates,
 *   or with `prepayment` applied to principal and the rest of the schedule re-amortised.
 * - REVERSAL: the payment `paymentId` never happened (bounced); replay goes without it.
 * - FEE: a charge added to installment `installmentNumber` (default: first one due on/after date).
 * - WAIVER: forgives the outstanding `component` of an installment (all of it unless `amount`).
 * - RESCHEDULE: from `date`, re-amortise the outstanding principal at a new rate and/or over a
 *   new number of remaining installments.
 */
export type PlanEvent =
  | { readonly type: 'DISBURSEMENT'; readonly id: string; readonly date: LocalDate }
  | {
      readonly type: 'PAYMENT';
      readonly id: string;
      readonly date: LocalDate;
      readonly amount: string;
      readonly prepayment?: PrepaymentStrategy;
    }
  | {
      readonly type: 'REVERSAL';
      readonly id: string;
      readonly date: LocalDate;
      readonly paymentId: string;
    }
  | {
      readonly type: 'FEE';
      readonly id: string;
      readonly date: LocalDate;
      readonly amount: string;
      readonly name: string;
      readonly installmentNumber?: number;
    }
  | {
      readonly type: 'WAIVER';
      readonly id: string;
      readonly date: LocalDate;
      readonly installmentNumber: number;
      readonly component: 'PENALTY' | 'FEE' | 'INTEREST';
      readonly amount?: string;
    }
  | {
      readonly type: 'RESCHEDULE';
      readonly id: string;
      readonly date: LocalDate;
      readonly annualRatePercent?: string;
      readonly remainingInstallments?: number;
      readonly reason: string;
    };

const positive = decimalString().refine((s) => Ratio.parse(s).compare(Ratio.ZERO) > 0, {
  error: 'must be greater than zero',
});
const id = z.string({ error: 'must be a string id' }).min(1, { error: 'must not be empty' });
const count = z.number({ error: 'must be an integer' }).int({ error: 'must be an integer' });

const eventSchema = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('DISBURSEMENT'), id, date: isoDate }),
    z.object({
      type: z.literal('PAYMENT'),
      id,
      date: isoDate,
      amount: positive,
      prepayment: z
        .enum(['REDUCE_TERM', 'REDUCE_INSTALLMENT'], {
          error: 'must be REDUCE_TERM or REDUCE_INSTALLMENT',
        })
        .optional(),
    }),
    z.object({ type: z.literal('REVERSAL'), id, date: isoDate, paymentId: id }),
    z.object({
      type: z.literal('FEE'),
      id,
      date: isoDate,
      amount: positive,
      name: z.string().default('Fee'),
      installmentNumber: count.min(1).optional(),
    }),
    z.object({
      type: z.literal('WAIVER'),
      id,
      date: isoDate,
      installmentNumber: count.min(1),
      component: z.enum(['PENALTY', 'FEE', 'INTEREST'], {
        error: 'must be PENALTY, FEE or INTEREST',
      }),
      amount: positive.optional(),
    }),
    z.object({
      type: z.literal('RESCHEDULE'),
      id,
      date: isoDate,
      annualRatePercent: decimalString('a percent string like "7.5"')
        .refine((s) => !s.startsWith('-'), { error: 'must not be negative' })
        .optional(),
      remainingInstallments: count.min(1).max(1200).optional(),
      reason: z.string().default('Rescheduled'),
    }),
  ],
  { error: 'type must be one of DISBURSEMENT, PAYMENT, REVERSAL, FEE, WAIVER, RESCHEDULE' },
);

/** Validates a JSON event log; throws EngineError naming e.g. "events[2].amount". */
export function parseEvents(raw: unknown): PlanEvent[] {
  const result = z.array(eventSchema, { error: 'must be an array of events' }).safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new EngineError(formatPath(['events', ...issue.path]), issue.message);
  }
  return result.data.map((event) => ({ ...event, date: LocalDate.parse(event.date) }) as PlanEvent);
}

// Same-day order: charges and waivers before money, so a payment sees that day's fees.
const RANK: Record<PlanEvent['type'], number> = {
  DISBURSEMENT: 0,
  FEE: 1,
  WAIVER: 2,
  RESCHEDULE: 3,
  PAYMENT: 4,
  REVERSAL: 5,
};

/** The canonical replay order: date, then kind, then id; so any permutation replays the same. */
export function compareEvents(a: PlanEvent, b: PlanEvent): number {
  return (
    a.date.compare(b.date) ||
    RANK[a.type] - RANK[b.type] ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}
