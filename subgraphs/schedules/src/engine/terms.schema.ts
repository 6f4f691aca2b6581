import { z } from 'zod';
import { LocalDate } from '../../../shared/dates/local-date';
import { isKnownCurrency, minorDigits as currencyDigits } from '../../../shared/money/money';
import { EngineError, formatPath } from './engine-error';
import { Ratio } from './ratio';
import { DAY_COUNTS } from './day-count';
import type { FeeTerms, PlanTerms } from './terms.types';

/** Largest schedule the engine builds (100 years of monthly installments). */
export const MAX_INSTALLMENTS = 1200;

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** A decimal carried as a JSON string; a JSON number is refused (it may already have lost digits). */
export const decimalString = (what = 'a decimal string like "125.50"') =>
  z
    .string({
      error: (issue) =>
        issue.input === undefined
          ? 'is required'
          : typeof issue.input === 'number'
            ? `must be ${what}, not a JSON number (numbers lose precision)`
            : `must be ${what}`,
    })
    .regex(DECIMAL, { error: `must be ${what}` });

const nonNegative = (what?: string) =>
  decimalString(what).refine((s) => !s.startsWith('-'), { error: 'must not be negative' });
const positive = (what?: string) =>
  decimalString(what).refine((s) => Ratio.parse(s).compare(Ratio.ZERO) > 0, {
    error: 'must be greater than zero',
  });

/** A calendar date "YYYY-MM-DD". */
export const isoDate = z
  .string({ error: (i) => (i.input === undefined ? 'is required' : 'must be a date "YYYY-MM-DD"') })
  .refine(LocalDate.isValid, { error: 'must be a valid date "YYYY-MM-DD"' });

const int = (min: number, max: number) =>
  z
    .number({ error: (i) => (i.input === undefined ? 'is required' : 'must be an integer') })
    .int({ error: 'must be an integer' })
    .min(min, { error: `must be at least ${min}` })
    .max(max, { error: `must be at most ${max}` });

const oneOf = <T extends string>(values: readonly [T, ...T[]]) =>
  z.enum(values, { error: `must be one of ${values.join(', ')}` });

const feeSchema = z.discriminatedUnion(
  'type',
  [
    z.object({
      type: z.literal('ONE_OFF'),
      name: z.string().default('Fee'),
      amount: positive(),
      installmentNumber: int(0, MAX_INSTALLMENTS).default(0),
    }),
    z.object({
      type: z.literal('PER_INSTALLMENT'),
      name: z.string().default('Fee'),
      amount: positive(),
    }),
    z.object({
      type: z.literal('PERCENT_OF_INSTALLMENT'),
      name: z.string().default('Fee'),
      percent: positive('a percent string like "1.5"'),
    }),
    z.object({
      type: z.literal('PERCENT_OF_BALANCE'),
      name: z.string().default('Fee'),
      percent: positive('a percent string like "1.5"'),
    }),
  ],
  {
    error:
      'type must be one of ONE_OFF, PER_INSTALLMENT, PERCENT_OF_INSTALLMENT, PERCENT_OF_BALANCE',
  },
);

const COMPONENTS = ['PENALTY', 'FEE', 'INTEREST', 'PRINCIPAL'] as const;

const termsSchema = z.object({
  principal: positive(),
  currency: z
    .string({ error: 'must be an ISO 4217 code' })
    .regex(/^[A-Z]{3}$/, { error: 'must be an ISO 4217 code' }),
  minorUnits: int(0, 8).optional(),
  annualRatePercent: nonNegative('a percent string like "7.5"').refine(
    (s) => Ratio.parse(s).compare(Ratio.of(1000n)) <= 0,
    { error: 'must be at most 1000' },
  ),
  installmentCount: int(1, MAX_INSTALLMENTS),
  frequency: z.object({ unit: oneOf(['DAYS', 'WEEKS', 'MONTHS']), every: int(1, 366).default(1) }),
  disbursementDate: isoDate,
  firstDueDate: isoDate,
  scheduleStartDate: isoDate.optional(),
  interestMethod: oneOf(['DECLINING_BALANCE', 'FLAT', 'NONE']),
  amortization: oneOf(['EQUAL_INSTALLMENTS', 'EQUAL_PRINCIPAL', 'INTEREST_ONLY_BALLOON']),
  interestAccrual: oneOf(['PER_PERIOD', 'DAILY']).default('PER_PERIOD'),
  dayCount: oneOf(
    DAY_COUNTS as [(typeof DAY_COUNTS)[number], ...(typeof DAY_COUNTS)[number][]],
  ).default('ACT/365F'),
  principalGracePeriods: int(0, MAX_INSTALLMENTS).default(0),
  interestFreePeriods: int(0, MAX_INSTALLMENTS).default(0),
  downPayment: nonNegative().optional(),
  rounding: z.object(
    {
      mode: oneOf(['HALF_EVEN', 'HALF_UP', 'DOWN', 'UP', 'NONE']),
      installmentMultipleOf: positive().optional(),
      balanceLastInstallment: z.boolean({ error: 'must be true or false' }).default(false),
    },
    { error: 'is required: { mode, installmentMultipleOf?, balanceLastInstallment? }' },
  ),
  fees: z.array(feeSchema, { error: 'must be an array' }).default([]),
  lateFee: z
    .object({
      graceDays: int(0, 3650).default(0),
      fixed: nonNegative().optional(),
      percentOfOverdue: nonNegative().optional(),
      capPerInstallment: nonNegative().optional(),
      capPerPlan: nonNegative().optional(),
    })
    .optional(),
  allocationOrder: oneOf(['COMPONENT_THEN_DUE_DATE', 'DUE_DATE_THEN_COMPONENT']).default(
    'COMPONENT_THEN_DUE_DATE',
  ),
  componentOrder: z
    .array(oneOf(COMPONENTS))
    .length(4)
    .refine((a) => new Set(a).size === 4, { error: 'must list each component once' })
    .default([...COMPONENTS]),
});

type RawTerms = z.infer<typeof termsSchema>;

/**
 * Validates plan terms from JSON (decimals as strings, dates as "YYYY-MM-DD") and returns them
 * typed; throws EngineError naming the first bad field (e.g. path "installmentCount").
 */
export function parsePlanTerms(raw: unknown): PlanTerms {
  const result = termsSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new EngineError(formatPath(issue.path), issue.message);
  }
  return checkTerms(result.data);
}

/** Turns the first zod issue of a failed parse into an EngineError. */
export function zodFailure(error: z.ZodError): EngineError {
  const issue = error.issues[0];
  return new EngineError(formatPath(issue.path), issue.message);
}

function checkTerms(raw: RawTerms): PlanTerms {
  const digits =
    raw.minorUnits ?? (isKnownCurrency(raw.currency) ? currencyDigits(raw.currency) : undefined);
  if (digits === undefined)
    throw new EngineError('currency', `unknown currency ${raw.currency}; give minorUnits`);
  const checkDigits = (value: string | undefined, path: string) => {
    if (
      value !== undefined &&
      Ratio.parse(value).times(Ratio.of(10n ** BigInt(digits))).den !== 1n
    ) {
      throw new EngineError(path, `has more decimals than ${raw.currency} allows (${digits})`);
    }
  };
  checkDigits(raw.principal, 'principal');
  checkDigits(raw.downPayment, 'downPayment');
  checkDigits(raw.rounding.installmentMultipleOf, 'rounding.installmentMultipleOf');
  raw.fees.forEach((fee, i) => 'amount' in fee && checkDigits(fee.amount, `fees[${i}].amount`));
  const disbursementDate = LocalDate.parse(raw.disbursementDate);
  const firstDueDate = LocalDate.parse(raw.firstDueDate);
  if (!firstDueDate.isAfter(disbursementDate)) {
    throw new EngineError('firstDueDate', 'must be after disbursementDate');
  }
  const scheduleStartDate = raw.scheduleStartDate
    ? LocalDate.parse(raw.scheduleStartDate)
    : undefined;
  if (scheduleStartDate && !scheduleStartDate.isBefore(firstDueDate)) {
    throw new EngineError('scheduleStartDate', 'must be before firstDueDate');
  }
  if (raw.principalGracePeriods >= raw.installmentCount) {
    throw new EngineError('principalGracePeriods', 'must be less than installmentCount');
  }
  if (raw.interestFreePeriods > raw.installmentCount) {
    throw new EngineError('interestFreePeriods', 'must be at most installmentCount');
  }
  if (raw.downPayment && Ratio.parse(raw.downPayment).compare(Ratio.parse(raw.principal)) >= 0) {
    throw new EngineError('downPayment', 'must be less than principal');
  }
  raw.fees.forEach((fee, i) => {
    if (fee.type === 'ONE_OFF' && fee.installmentNumber > raw.installmentCount) {
      throw new EngineError(`fees[${i}].installmentNumber`, 'must be at most installmentCount');
    }
  });
  return {
    ...raw,
    minorDigits: digits,
    annualRate: Ratio.parse(raw.annualRatePercent).div(Ratio.of(100n)),
    disbursementDate,
    firstDueDate,
    scheduleStartDate,
    fees: raw.fees.map(toFeeTerms),
  };
}

function toFeeTerms(fee: RawTerms['fees'][number]): FeeTerms {
  const { type, ...rest } = fee;
  return { kind: type, ...rest } as FeeTerms;
}
