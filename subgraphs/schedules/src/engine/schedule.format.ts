import { formatUnits } from './amount-scale';
import type { Schedule } from './schedule';

/** JSON shape of the `schedule` CLI / a GraphQL preview: every amount a decimal string. */
export interface ScheduleJson {
  installmentAmount: string;
  installments: {
    number: number;
    dueDate: string;
    principal: string;
    interest: string;
    fees: string;
    total: string;
    balance: string;
  }[];
  dueAtDisbursement: { downPayment: string; fees: string; total: string };
  totals: { principal: string; interest: string; fees: string; total: string };
  aprPercent?: string;
}

/**
 * Writes a schedule with exactly the currency's minor digits ("125.50", "1250" for JPY). A NONE
 * (full precision) schedule is rounded HALF_EVEN here, for display only.
 */
export function scheduleToJson(schedule: Schedule): ScheduleJson {
  const { scale } = schedule;
  const money = (units: bigint) => formatUnits(units, scale);
  const upfront = schedule.dueAtDisbursement;
  return {
    installmentAmount: money(schedule.installmentAmount),
    installments: schedule.installments.map((row) => ({
      number: row.number,
      dueDate: row.dueDate.toString(),
      principal: money(row.principal),
      interest: money(row.interest),
      fees: money(row.fees),
      total: money(row.total),
      balance: money(row.balance),
    })),
    dueAtDisbursement: {
      downPayment: money(upfront.downPayment),
      fees: money(upfront.fees),
      total: money(upfront.downPayment + upfront.fees),
    },
    totals: {
      principal: money(schedule.totals.principal),
      interest: money(schedule.totals.interest),
      fees: money(schedule.totals.fees),
      total: money(schedule.totals.total),
    },
  };
}
