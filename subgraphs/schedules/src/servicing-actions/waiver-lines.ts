import { Dec, type Dec as Decimal } from '../../../shared/money/money';
import type { planStateToJson } from '../engine';
import type { WaivableComponent, WaiverLine } from './servicing-action.entity';

type InstallmentJson = ReturnType<typeof planStateToJson>['installments'][number];

const JSON_KEY = { PENALTY: 'penalties', FEE: 'fees', INTEREST: 'interest' } as const;

/** Outstanding amount of one component of a replayed installment: due − paid − waived (exact). */
export const componentOutstanding = (row: InstallmentJson, component: WaivableComponent): Decimal =>
  new Dec(row.due[JSON_KEY[component]])
    .minus(row.paid[JSON_KEY[component]])
    .minus(row.waived[JSON_KEY[component]]);

export type WaiverSplit =
  | { kind: 'LINES'; lines: WaiverLine[] }
  | { kind: 'EXCEEDS_OUTSTANDING'; outstanding: Decimal }
  | { kind: 'NO_SUCH_INSTALLMENT' };

/**
 * How a waiver of `amount` of `component` forgives the replayed installments: all of it on
 * `installmentNumber`, or, without one, oldest installment first, each up to what it has
 * outstanding. Refused when the amount is more than is outstanding. Exact; every amount is already
 * in the currency's minor units, and lines are written with `digits` decimals.
 */
export function splitWaiver(
  installments: readonly InstallmentJson[],
  component: WaivableComponent,
  installmentNumber: number | null,
  amount: Decimal,
  digits: number,
): WaiverSplit {
  const rows =
    installmentNumber === null
      ? [...installments].sort((a, b) => a.number - b.number)
      : installments.filter((row) => row.number === installmentNumber);
  if (rows.length === 0) return { kind: 'NO_SUCH_INSTALLMENT' };
  const outstanding = rows.reduce(
    (sum, row) => sum.plus(componentOutstanding(row, component)),
    new Dec(0),
  );
  if (amount.gt(outstanding)) return { kind: 'EXCEEDS_OUTSTANDING', outstanding };
  const lines: WaiverLine[] = [];
  let left = amount;
  for (const row of rows) {
    if (left.lte(0)) break;
    const take = Dec.min(left, componentOutstanding(row, component));
    if (take.lte(0)) continue;
    lines.push({ installmentNumber: row.number, amount: take.toFixed(digits) });
    left = left.minus(take);
  }
  return { kind: 'LINES', lines };
}
