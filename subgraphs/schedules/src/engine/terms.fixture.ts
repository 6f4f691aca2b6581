import { parsePlanTerms } from './terms.schema';
import type { PlanTerms } from './terms.types';

/** Test terms: a 10-month 8% USD loan of 10,000 (the Excel PMT documentation example). */
export const baseTermsJson = {
  principal: '10000',
  currency: 'USD',
  annualRatePercent: '8',
  installmentCount: 10,
  frequency: { unit: 'MONTHS', every: 1 },
  disbursementDate: '2025-01-15',
  firstDueDate: '2025-02-15',
  interestMethod: 'DECLINING_BALANCE',
  amortization: 'EQUAL_INSTALLMENTS',
  interestAccrual: 'PER_PERIOD',
  dayCount: 'ACT/365F',
  rounding: { mode: 'HALF_UP' },
} as const;

/** Parsed base terms with fields overridden. */
export const termsWith = (overrides: Record<string, unknown> = {}): PlanTerms =>
  parsePlanTerms({ ...baseTermsJson, ...overrides });
