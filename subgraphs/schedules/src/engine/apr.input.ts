import { z } from 'zod';
import { Dec } from '../../../shared/money/money';
import { LocalDate } from '../../../shared/dates/local-date';
import { aprFromDatedPayments, aprFromTimedPayments, type AprResult } from './apr.reg-z';
import { EngineError } from './engine-error';
import { Ratio } from './ratio';
import { decimalString, isoDate, zodFailure } from './terms.schema';
import type { Schedule } from './schedule';
import { unitsToDec } from './amount-scale';
import type { UnitPeriod } from './unit-periods';

const positive = decimalString().refine((s) => Ratio.parse(s).compare(Ratio.ZERO) > 0, {
  error: 'must be greater than zero',
});
const fraction = z
  .string({ error: 'must be a decimal or "a/b" string' })
  .regex(/^(\d+(\.\d+)?|\d+\/[1-9]\d*)$/, { error: 'must be a decimal or "a/b" string' });

const cashflowsSchema = z.object({
  amountFinanced: positive,
  advanceDate: isoDate.optional(),
  unitPeriod: z
    .object({
      unit: z.enum(['DAY', 'WEEK', 'SEMIMONTH', 'MONTH', 'YEAR'], {
        error: 'must be one of DAY, WEEK, SEMIMONTH, MONTH, YEAR',
      }),
      every: z.number({ error: 'must be an integer' }).int().min(1).max(366).default(1),
    })
    .optional(),
  unitPeriodsPerYear: positive.optional(),
  payments: z
    .array(
      z.union(
        [
          z.object({ amount: positive, date: isoDate }).strict(),
          z
            .object({
              amount: positive,
              t: z.number({ error: 'must be an integer' }).int().min(0),
              f: fraction.default('0'),
            })
            .strict(),
        ],
        { error: 'each payment needs { amount, date } or { amount, t, f }' },
      ),
      { error: 'must be an array' },
    )
    .min(1, { error: 'must not be empty' }),
});

/** JSON result of an APR computation: decimal strings. */
export interface AprJson {
  aprPercent: string;
  periodicRate: string;
  unitPeriodsPerYear: string;
}

const fractionRatio = (text: string): Ratio => {
  const [a, b] = text.split('/');
  return b === undefined ? Ratio.parse(a) : Ratio.of(BigInt(a), BigInt(b));
};

/**
 * Regulation Z APR from JSON cash flows (see the `apr` CLI contract): payments either dated (with
 * `advanceDate`) or given as unit-periods `t` plus fraction `f`. Throws EngineError naming the field.
 */
export function aprFromCashflows(raw: unknown): AprJson {
  const parsed = cashflowsSchema.safeParse(raw);
  if (!parsed.success) throw zodFailure(parsed.error);
  const input = parsed.data;
  const amountFinanced = new Dec(input.amountFinanced);
  const perYear = input.unitPeriodsPerYear ? Ratio.parse(input.unitPeriodsPerYear) : undefined;
  const unitPeriod = input.unitPeriod as UnitPeriod | undefined;
  let result: AprResult;
  if (input.payments.every((p) => 'date' in p)) {
    if (!input.advanceDate)
      throw new EngineError('advanceDate', 'is required when payments have dates');
    const dated = input.payments.map((p) => ({
      amount: new Dec(p.amount),
      date: LocalDate.parse((p as { date: string }).date),
    }));
    result = aprFromDatedPayments(
      amountFinanced,
      LocalDate.parse(input.advanceDate),
      dated,
      unitPeriod,
      perYear,
    );
  } else {
    const timed = input.payments.map((p, index) => {
      if (!('t' in p))
        throw new EngineError(`payments[${index}]`, 'mix of dated and timed payments');
      const f = fractionRatio(p.f);
      if (f.compare(Ratio.ONE) >= 0)
        throw new EngineError(`payments[${index}].f`, 'must be less than 1');
      return { amount: new Dec(p.amount), t: p.t, f };
    });
    const periodsPerYear = perYear ?? (unitPeriod ? unitsPerYearOf(unitPeriod) : Ratio.of(12n));
    result = aprFromTimedPayments(amountFinanced, timed, periodsPerYear);
  }
  return aprJson(result);
}

function unitsPerYearOf(period: UnitPeriod): Ratio {
  const table = { MONTH: 12n, SEMIMONTH: 24n, WEEK: 52n, DAY: 365n, YEAR: 1n } as const;
  return Ratio.of(table[period.unit], BigInt(period.every));
}

/** APR result as strings; periodic rate to 12 decimals, unit-periods per year to 10. */
export function aprJson(result: AprResult): AprJson {
  return {
    aprPercent: result.aprPercent.toFixed(2),
    periodicRate: result.periodicRate.toDecimalPlaces(12).toFixed(),
    unitPeriodsPerYear: result.unitPeriodsPerYear.toDec().toDecimalPlaces(10).toFixed(),
  };
}

/**
 * Reg Z APR of a schedule: amount financed = financed principal − fees due at disbursement
 * (prepaid finance charges); payments = each installment's total on its due date; the
 * unit-period is the payment frequency (months, weeks or days).
 */
export function scheduleApr(schedule: Schedule): AprResult {
  const digits = schedule.scale.digits;
  const financed = unitsToDec(schedule.financedPrincipal - schedule.dueAtDisbursement.fees, digits);
  const payments = schedule.installments.map((row) => ({
    amount: unitsToDec(row.total, digits),
    date: row.dueDate,
  }));
  const { unit, every } = schedule.terms.frequency;
  const unitPeriod: UnitPeriod = {
    unit: unit === 'MONTHS' ? 'MONTH' : unit === 'WEEKS' ? 'WEEK' : 'DAY',
    every,
  };
  return aprFromDatedPayments(financed, schedule.terms.disbursementDate, payments, unitPeriod);
}

/**
 * EU effective annual rate (Directive 2008/48/EC Annex I): X with
 * A = Σ P_k (1 + X)^(−t_k), t_k in years of 365 days from the advance; percent, 2 decimals HALF_UP.
 */
export function effectiveAnnualRate(
  amount: Dec,
  advanceDate: LocalDate,
  payments: readonly { amount: Dec; date: LocalDate }[],
): Dec {
  const times = payments.map((p) => ({
    p: p.amount,
    t: new Dec(advanceDate.daysUntil(p.date)).div(365),
  }));
  let x = new Dec('0.1');
  for (let step = 0; step < 100; step += 1) {
    const lnGrowth = x.plus(1).ln();
    let value = new Dec(0);
    let slope = new Dec(0);
    for (const { p, t } of times) {
      const discounted = p.times(t.negated().times(lnGrowth).exp());
      value = value.plus(discounted);
      slope = slope.minus(discounted.times(t).div(x.plus(1)));
    }
    const next = x.minus(value.minus(amount).div(slope));
    if (next.minus(x).abs().lt('1e-20'))
      return next.times(100).toDecimalPlaces(2, Dec.ROUND_HALF_UP);
    x = next;
  }
  throw new EngineError('payments', 'effective annual rate did not converge');
}
