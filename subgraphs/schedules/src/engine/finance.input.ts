import { z } from 'zod';
import type { Dec } from '../../../shared/money/money';
import { formatPath } from './engine-error';
import * as fx from './spreadsheet.functions';

const dec = z
  .string({
    error: (i) =>
      typeof i.input === 'number'
        ? 'must be a decimal string, not a JSON number'
        : 'must be a decimal string',
  })
  .regex(/^-?\d+(\.\d+)?$/, { error: 'must be a decimal string' });
const whole = z
  .union([z.number().int(), z.string().regex(/^-?\d+$/)], { error: 'must be an integer' })
  .transform(Number);

const callSchema = z.object({
  fn: z.enum(['PMT', 'IPMT', 'PPMT', 'CUMIPMT', 'CUMPRINC', 'NPER', 'RATE', 'PV', 'FV'], {
    error: 'must be one of PMT, IPMT, PPMT, CUMIPMT, CUMPRINC, NPER, RATE, PV, FV',
  }),
  rate: dec.optional(),
  nper: dec.optional(),
  pv: dec.optional(),
  fv: dec.optional(),
  pmt: dec.optional(),
  per: dec.optional(),
  start: whole.optional(),
  end: whole.optional(),
  type: whole.optional(),
  guess: dec.optional(),
});

type Call = z.infer<typeof callSchema>;

/** One spreadsheet call's outcome: a value with ≥ 20 significant digits, or an error. */
export type FinanceResult =
  | { value: string }
  | { error: { code: 'BAD_USER_INPUT' | '#NUM!' | '#DIV/0!'; message: string; path?: string } };

const REQUIRED: Record<Call['fn'], readonly (keyof Call)[]> = {
  PMT: ['rate', 'nper', 'pv'],
  IPMT: ['rate', 'per', 'nper', 'pv'],
  PPMT: ['rate', 'per', 'nper', 'pv'],
  CUMIPMT: ['rate', 'nper', 'pv', 'start', 'end'],
  CUMPRINC: ['rate', 'nper', 'pv', 'start', 'end'],
  NPER: ['rate', 'pmt', 'pv'],
  RATE: ['nper', 'pmt', 'pv'],
  PV: ['rate', 'nper', 'pmt'],
  FV: ['rate', 'nper', 'pmt'],
};

/** Evaluates one call of the `finance` CLI contract; never throws. */
export function evaluateFinanceCall(raw: unknown, index: number): FinanceResult {
  const parsed = callSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      error: {
        code: 'BAD_USER_INPUT',
        message: issue.message,
        path: formatPath([index, ...issue.path]),
      },
    };
  }
  const call = parsed.data;
  const missing = REQUIRED[call.fn].find((key) => call[key] === undefined);
  if (missing)
    return {
      error: {
        code: 'BAD_USER_INPUT',
        message: `${call.fn} needs ${missing}`,
        path: `[${index}].${missing}`,
      },
    };
  try {
    return { value: run(call).toSignificantDigits(34).toFixed() };
  } catch (error) {
    // SpreadsheetError is the functions' expected #NUM!/#DIV/0! outcome, returned as data;
    // anything else is a bug and is rethrown.
    if (error instanceof fx.SpreadsheetError)
      return { error: { code: error.code, message: error.message } };
    throw error;
  }
}

function run(c: Call): Dec {
  const type = c.type ?? 0;
  const fv = c.fv ?? '0';
  switch (c.fn) {
    case 'PMT':
      return fx.PMT(c.rate!, c.nper!, c.pv!, fv, type);
    case 'IPMT':
      return fx.IPMT(c.rate!, c.per!, c.nper!, c.pv!, fv, type);
    case 'PPMT':
      return fx.PPMT(c.rate!, c.per!, c.nper!, c.pv!, fv, type);
    case 'CUMIPMT':
      return fx.CUMIPMT(c.rate!, c.nper!, c.pv!, c.start!, c.end!, type);
    case 'CUMPRINC':
      return fx.CUMPRINC(c.rate!, c.nper!, c.pv!, c.start!, c.end!, type);
    case 'NPER':
      return fx.NPER(c.rate!, c.pmt!, c.pv!, fv, type);
    case 'RATE':
      return fx.RATE(c.nper!, c.pmt!, c.pv!, fv, type, c.guess ?? '0.1');
    case 'PV':
      return fx.PV(c.rate!, c.nper!, c.pmt!, fv, type);
    case 'FV':
      return fx.FV(c.rate!, c.nper!, c.pmt!, c.pv ?? '0', type);
  }
}
