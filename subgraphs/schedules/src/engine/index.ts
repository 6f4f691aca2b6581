/**
 * Public API of the servicing engine: pure functions, no I/O, no clock (the business date is an
 * argument). Amounts cross the boundary as decimal strings; invalid input throws EngineError
 * ({ code: 'BAD_USER_INPUT', message, path }).
 */
export { EngineError, type EngineIssue } from './engine-error';
export { parsePlanTerms, MAX_INSTALLMENTS } from './terms.schema';
export type { PlanTerms, FeeTerms, LateFeePolicy, Component, AllocationOrder } from './terms.types';
export { previewSchedule, type Schedule, type ScheduleInstallment } from './schedule';
export { scheduleToJson, type ScheduleJson } from './schedule.format';
export {
  aprFromCashflows,
  scheduleApr,
  effectiveAnnualRate,
  aprJson,
  type AprJson,
} from './apr.input';
export { aprFromDatedPayments, aprFromTimedPayments } from './apr.reg-z';
export * as spreadsheet from './spreadsheet.functions';
export { evaluateFinanceCall, type FinanceResult } from './finance.input';
export { parseEvents, type PlanEvent, type PrepaymentStrategy } from './servicing/events';
export { replayPlan } from './servicing/replay';
export { planStateToJson, paymentPreview } from './servicing/plan-state.format';
export { payoffQuote, daysPastDue, delinquencyBucket } from './servicing/payoff';
export type { PlanState } from './servicing/plan-state';
export { explain, type Explanation } from './explain';
export { previewScheduleJson } from './schedule.preview';
