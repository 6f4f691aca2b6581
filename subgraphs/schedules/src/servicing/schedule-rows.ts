import { Dec } from '../../../shared/money/money';
import type { Installment } from '../plan/plan.entity';
import { ScheduleRowType } from './schedule.type';

/** An installment's scheduled amounts as decimal strings of the currency. */
export interface DueRow {
  readonly number: number;
  readonly dueDate: string;
  readonly due: { readonly principal: string; readonly interest: string; readonly fees: string };
}

/**
 * Schedule rows from what each installment is due: total = principal + interest + fees, balance =
 * principal still scheduled after the row (all rows' principal less the running sum), so the last
 * balance is 0. Exact decimal sums written with the currency's `digits`; nothing is rounded.
 */
export function scheduleRows(rows: readonly DueRow[], digits: number): ScheduleRowType[] {
  let balance = rows.reduce((sum, row) => sum.plus(row.due.principal), new Dec(0));
  return rows.map((row) => {
    balance = balance.minus(row.due.principal);
    const total = new Dec(row.due.principal).plus(row.due.interest).plus(row.due.fees);
    return ScheduleRowType.from({
      number: row.number,
      dueDate: row.dueDate,
      principal: row.due.principal,
      interest: row.due.interest,
      fees: row.due.fees,
      total: total.toFixed(digits),
      balance: balance.toFixed(digits),
    });
  });
}

/** Rows of a plan opened with an explicit schedule: its stored installments, in order. */
export function storedScheduleRows(
  installments: readonly Installment[],
  digits: number,
): ScheduleRowType[] {
  const sorted = [...installments].sort((a, b) => a.number - b.number);
  return scheduleRows(
    sorted.map((i) => ({
      number: i.number,
      dueDate: i.dueDate,
      due: {
        principal: i.principal.toFixed(digits),
        interest: i.interest.toFixed(digits),
        fees: i.fees.toFixed(digits),
      },
    })),
    digits,
  );
}

/** Sum of the scheduled interest of rows, exact. */
export const scheduledInterest = (rows: readonly DueRow[]): Dec =>
  rows.reduce((sum, row) => sum.plus(row.due.interest), new Dec(0));
