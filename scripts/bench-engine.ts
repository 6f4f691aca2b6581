// Engine benchmark: schedules/s for 12, 60 and 360 installments and the replay of a 360-period
// plan with 100 events, each beside a straightforward decimal.js baseline in the same run
// (EMI, then per row interest = round(balance × r), principal = EMI − interest).
import { Dec } from '../subgraphs/shared/money/money';
import { LocalDate } from '../subgraphs/shared/dates/local-date';
import {
  parseEvents,
  parsePlanTerms,
  previewSchedule,
  replayPlan,
  scheduleToJson,
  type PlanTerms,
} from '../subgraphs/schedules/src/engine';

const terms = (count: number): PlanTerms =>
  parsePlanTerms({
    principal: '250000.00',
    currency: 'USD',
    annualRatePercent: '7.25',
    installmentCount: count,
    frequency: { unit: 'MONTHS', every: 1 },
    disbursementDate: '2025-01-15',
    firstDueDate: '2025-02-15',
    interestMethod: 'DECLINING_BALANCE',
    amortization: 'EQUAL_INSTALLMENTS',
    interestAccrual: 'PER_PERIOD',
    dayCount: 'ACT/365F',
    rounding: { mode: 'HALF_EVEN' },
  });

interface BaselineRow {
  interest: Dec;
  principal: Dec;
  balance: Dec;
}

function baselineSchedule(principal: string, annualPercent: string, n: number): BaselineRow[] {
  const r = new Dec(annualPercent).div(100).div(12);
  const emi = new Dec(principal)
    .times(r)
    .div(new Dec(1).minus(r.plus(1).pow(-n)))
    .toDecimalPlaces(2);
  const rows: BaselineRow[] = [];
  let balance = new Dec(principal);
  for (let k = 1; k <= n; k += 1) {
    const interest = balance.times(r).toDecimalPlaces(2);
    const part = k === n ? balance : emi.minus(interest);
    balance = balance.minus(part);
    rows.push({ interest, principal: part, balance });
  }
  return rows;
}

const baselineStrings = (rows: BaselineRow[]) =>
  rows.map((row) => ({
    interest: row.interest.toFixed(2),
    principal: row.principal.toFixed(2),
    balance: row.balance.toFixed(2),
  }));

/** Mean milliseconds per call over at least `minMs` of wall time after a warm-up. */
function time(fn: () => unknown, minMs = 700): number {
  for (let i = 0; i < 20; i += 1) fn();
  let runs = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (let i = 0; i < 10; i += 1) fn();
    runs += 10;
    elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  }
  return elapsed / runs;
}

function checkSame(count: number): void {
  const engine = scheduleToJson(previewSchedule(terms(count))).installments;
  const baseline = baselineStrings(baselineSchedule('250000.00', '7.25', count));
  engine.forEach((row, i) => {
    const b = baseline[i];
    if (row.interest !== b.interest || row.principal !== b.principal || row.balance !== b.balance) {
      throw new Error(`engine and baseline differ at ${count}/${i + 1}`);
    }
  });
}

function replayEvents(): unknown[] {
  const events: unknown[] = [];
  const start = LocalDate.parse('2025-02-15');
  for (let k = 0; k < 100; k += 1) {
    const late = k % 10 === 3 ? 12 : 0;
    const extra = k % 25 === 24 ? { prepayment: 'REDUCE_INSTALLMENT' } : {};
    const amount = k % 25 === 24 ? '5000.00' : '1705.44';
    events.push({
      type: 'PAYMENT',
      id: `p${k}`,
      date: start.addMonths(k).addDays(late).toString(),
      amount,
      ...extra,
    });
  }
  return events;
}

function baselineReplay(rows: BaselineRow[], payments: { amount: Dec; index: number }[]): Dec {
  const paidInterest = rows.map(() => new Dec(0));
  const paidPrincipal = rows.map(() => new Dec(0));
  let credit = new Dec(0);
  for (const payment of payments) {
    let left = payment.amount.plus(credit);
    for (let i = 0; i <= payment.index && left.gt(0); i += 1) {
      const interest = Dec.min(left, rows[i].interest.minus(paidInterest[i]));
      paidInterest[i] = paidInterest[i].plus(interest);
      left = left.minus(interest);
      const principal = Dec.min(left, rows[i].principal.minus(paidPrincipal[i]));
      paidPrincipal[i] = paidPrincipal[i].plus(principal);
      left = left.minus(principal);
    }
    credit = left;
  }
  return paidPrincipal.reduce((a, b) => a.plus(b), new Dec(0));
}

function main(): void {
  const lines: string[] = [];
  let ratio360 = 0;
  for (const count of [12, 60, 360]) {
    checkSame(count);
    const t = terms(count);
    const engine = time(() => previewSchedule(t));
    const engineJson = time(() => scheduleToJson(previewSchedule(t)));
    const baseline = time(() => baselineSchedule('250000.00', '7.25', count));
    const baselineJson = time(() => baselineStrings(baselineSchedule('250000.00', '7.25', count)));
    if (count === 360) ratio360 = engine / baseline;
    lines.push(
      `schedule ${String(count).padStart(3)}: engine ${(1000 / engine).toFixed(0)}/s (${engine.toFixed(4)} ms), ` +
        `baseline ${(1000 / baseline).toFixed(0)}/s (${baseline.toFixed(4)} ms), ratio ${(engine / baseline).toFixed(2)}; ` +
        `with strings: engine ${engineJson.toFixed(4)} ms, baseline ${baselineJson.toFixed(4)} ms, ratio ${(engineJson / baselineJson).toFixed(2)}`,
    );
  }
  const t360 = terms(360);
  const events = parseEvents(replayEvents());
  const businessDate = LocalDate.parse('2035-01-01');
  const replay = time(() => replayPlan(t360, events, businessDate), 1500);
  const payments = (replayEvents() as { amount: string }[]).map((e, index) => ({
    amount: new Dec(e.amount),
    index,
  }));
  const replayBaseline = time(
    () => baselineReplay(baselineSchedule('250000.00', '7.25', 360), payments),
    1500,
  );
  lines.push(
    `replay 360 periods, 100 events: engine ${replay.toFixed(3)} ms, baseline (schedule + oldest-first allocation) ` +
      `${replayBaseline.toFixed(3)} ms, ratio ${(replay / replayBaseline).toFixed(2)}`,
  );
  lines.push(
    'engine and baseline schedules are identical to the cent for 12, 60 and 360 installments',
  );
  lines.push(`engine/baseline 360 ratio: ${ratio360.toFixed(2)}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

main();
