import { formatUnits, unitsToDec, type AmountScale } from './amount-scale';
import { EngineError } from './engine-error';
import type { FeeLine } from './fees';
import type { Period, RateBasis } from './periods';
import { Ratio } from './ratio';
import type { Schedule } from './schedule';
import type { PenaltyCharge, PlanState } from './servicing/plan-state';
import type { Component, PlanTerms } from './terms.types';

/** One named input of a calculation, as shown in "how was this calculated?". */
export interface ExplainInput {
  readonly name: string;
  readonly value: string;
  readonly note?: string;
}

/** A structured explanation of one amount of one installment. */
export interface Explanation {
  readonly installmentNumber: number;
  readonly component: Component;
  readonly value: string;
  readonly formula: string;
  readonly inputs: readonly ExplainInput[];
  readonly rounding: {
    readonly mode: string;
    readonly digits: number;
    readonly exact: string;
    readonly rounded: string;
  } | null;
  readonly allocations: readonly {
    readonly paymentId: string;
    readonly date: string;
    readonly amount: string;
  }[];
}

interface RowView {
  readonly number: number;
  readonly period: Period;
  readonly openingBalance: bigint;
  readonly principal: bigint;
  readonly interest: bigint;
  readonly fees: bigint;
  readonly feeLines: readonly FeeLine[];
  readonly penalties: readonly PenaltyCharge[];
  readonly penalty: bigint;
  readonly carried: Ratio | null;
  readonly isLast: boolean;
}

/**
 * Explains one amount of an installment of a schedule preview or a replayed plan: the formula,
 * its inputs (balance, rate, days, day-count fraction), the rounding applied and, for a replayed
 * plan, the payment allocation steps that paid it.
 */
export function explain(
  plan: Schedule | PlanState,
  installmentNumber: number,
  component: Component,
): Explanation {
  const view = rowView(plan, installmentNumber);
  const scale = plan.scale;
  const money = (units: bigint) => formatUnits(units, scale);
  const allocations =
    'payments' in plan
      ? plan.payments.flatMap((p) =>
          p.allocations
            .filter(
              (s) =>
                s.installmentNumber === installmentNumber &&
                s.component === component &&
                p.status === 'APPLIED',
            )
            .map((s) => ({ paymentId: p.id, date: p.date.toString(), amount: money(s.amount) })),
        )
      : [];
  const installmentAmount =
    'installmentAmount' in plan && typeof plan.installmentAmount === 'bigint'
      ? plan.installmentAmount
      : 0n;
  const base = { installmentNumber, component, allocations };
  switch (component) {
    case 'INTEREST':
      return { ...base, ...explainInterest(plan.terms, view, scale) };
    case 'PRINCIPAL':
      return { ...base, ...explainPrincipal(plan.terms, view, scale, installmentAmount) };
    case 'FEE':
      return {
        ...base,
        value: money(view.fees),
        formula: 'fees = sum of the fee lines, each rounded separately',
        inputs: view.feeLines.map((line) => ({
          name: line.name,
          value: money(line.amount),
          note: line.percent
            ? `${line.percent}% of ${money(line.base ?? 0n)} (${line.kind})`
            : line.kind,
        })),
        rounding: null,
      };
    case 'PENALTY':
      return {
        ...base,
        value: money(view.penalty),
        formula: 'late fee = fixed + percent × overdue, capped per installment and per plan',
        inputs: view.penalties.map((p) => ({
          name: `late fee assessed ${p.date.toString()}`,
          value: money(p.charged),
          note: `overdue ${money(p.overdue)}, computed ${money(p.computed)}, cap ${p.cappedBy}`,
        })),
        rounding: null,
      };
  }
}

function explainInterest(terms: PlanTerms, view: RowView, scale: AmountScale) {
  const money = (units: bigint) => formatUnits(units, scale);
  if (terms.interestMethod === 'FLAT') {
    return {
      value: money(view.interest),
      formula:
        'total interest = round(principal × annual rate × term in years); each installment round(total / n), the last the remainder',
      inputs: [
        { name: 'annualRatePercent', value: terms.annualRatePercent },
        { name: 'installmentCount', value: String(terms.installmentCount) },
      ],
      rounding: null,
    };
  }
  const { rate, yearFraction, basis } = view.period;
  let exact = Ratio.of(view.openingBalance).times(rate);
  if (view.carried) exact = exact.plus(view.carried);
  const inputs: ExplainInput[] = [
    { name: 'openingBalance', value: money(view.openingBalance) },
    { name: 'annualRatePercent', value: terms.annualRatePercent },
    { name: 'periodStart', value: view.period.start.toString() },
    { name: 'periodEnd', value: view.period.dueDate.toString() },
    {
      name: 'yearFraction',
      value: yearFraction.toFractionString(),
      note: yearFraction.toDec().toSignificantDigits(20).toFixed(),
    },
    {
      name: 'rateFactor',
      value: rate.toDec().toSignificantDigits(20).toFixed(),
      note: 'annual rate × year fraction',
    },
    ...basisInputs(basis),
  ];
  if (view.carried) {
    inputs.push({
      name: 'carriedInterest',
      value: unitsRatio(view.carried, scale),
      note: 'earned before a mid-period prepayment',
    });
  }
  return {
    value: money(view.interest),
    formula: view.carried
      ? 'interest = round(openingBalance × rateFactor + carriedInterest)'
      : 'interest = round(openingBalance × rateFactor)',
    inputs,
    rounding: {
      mode: terms.rounding.mode,
      digits: scale.digits,
      exact: unitsRatio(exact, scale),
      rounded: money(view.interest),
    },
  };
}

function explainPrincipal(
  terms: PlanTerms,
  view: RowView,
  scale: AmountScale,
  installment: bigint,
) {
  const money = (units: bigint) => formatUnits(units, scale);
  const inputs: ExplainInput[] = [
    { name: 'openingBalance', value: money(view.openingBalance) },
    { name: 'interest', value: money(view.interest) },
  ];
  let formula: string;
  if (view.number <= terms.principalGracePeriods)
    formula = 'principal = 0 (principal grace period: interest only)';
  else if (view.isLast)
    formula = 'principal = openingBalance (the last installment clears the balance)';
  else if (terms.amortization === 'INTEREST_ONLY_BALLOON')
    formula = 'principal = 0 (interest only until the balloon)';
  else if (terms.amortization === 'EQUAL_PRINCIPAL' && terms.interestMethod !== 'FLAT') {
    formula = 'principal = round(financed principal / amortising installments)';
  } else {
    formula =
      terms.interestMethod === 'DECLINING_BALANCE'
        ? 'principal = installment − interest; installment = P·Π(1+r_k)/f_n, f_1 = 1, f_k = 1 + f_{k−1}(1+r_k), rounded to the installment multiple'
        : 'principal = installment − interest; installment = (principal + total interest) / n, rounded to the installment multiple';
    inputs.push({ name: 'installment', value: money(installment) });
    if (terms.rounding.installmentMultipleOf) {
      inputs.push({ name: 'installmentMultipleOf', value: terms.rounding.installmentMultipleOf });
    }
  }
  return { value: money(view.principal), formula, inputs, rounding: null };
}

function basisInputs(basis: RateBasis): ExplainInput[] {
  switch (basis.kind) {
    case 'PER_PERIOD':
      return [{ name: 'accrual', value: 'PER_PERIOD', note: basis.description }];
    case 'DAILY':
    case 'ODD_FIRST_PERIOD':
      return [
        { name: 'accrual', value: basis.kind === 'DAILY' ? 'DAILY' : 'ODD_FIRST_PERIOD (by days)' },
        { name: 'dayCount', value: basis.detail.convention },
        { name: 'days', value: String(basis.detail.days) },
        ...(
          basis.detail.segments ?? [{ days: basis.detail.days, yearDays: basis.detail.yearDays }]
        ).map((s) => ({
          name: 'segment',
          value: `${s.days}/${s.yearDays}`,
        })),
      ];
    case 'PRORATED_FIRST_PERIOD':
      return [
        ...basisInputs(basis.base),
        {
          name: 'proration',
          value: `${basis.daysSinceDisbursement}/${basis.periodDays}`,
          note: 'days since disbursement / days of the period',
        },
      ];
    case 'INTEREST_FREE':
      return [{ name: 'accrual', value: 'INTEREST_FREE period' }];
    case 'NO_INTEREST_METHOD':
      return [{ name: 'accrual', value: 'interest method NONE' }];
  }
}

function unitsRatio(value: Ratio, scale: AmountScale): string {
  return value
    .toDec()
    .div(unitsToDec(10n ** BigInt(scale.digits), 0))
    .toDecimalPlaces(scale.digits + 10)
    .toFixed();
}

function rowView(plan: Schedule | PlanState, number: number): RowView {
  if ('payments' in plan) {
    const index = plan.installments.findIndex((r) => r.number === number);
    const row = plan.installments[index];
    if (!row) throw new EngineError('installmentNumber', `installment ${number} does not exist`);
    const paidAhead = row.carriedInterest ? row.paid.PRINCIPAL : 0n;
    return {
      number,
      period: row.period,
      openingBalance: row.openingBalance,
      principal: row.due.PRINCIPAL - paidAhead,
      interest: row.due.INTEREST,
      fees: row.due.FEE,
      feeLines: [
        ...row.scheduledFees,
        ...row.chargedFees.map((f) => ({
          name: f.name,
          kind: 'ONE_OFF' as const,
          amount: f.amount,
        })),
      ],
      penalties: row.penalties,
      penalty: row.due.PENALTY,
      carried: row.carriedInterest,
      isLast: index === plan.installments.length - 1,
    };
  }
  const index = plan.installments.findIndex((r) => r.number === number);
  const row = plan.installments[index];
  if (!row) throw new EngineError('installmentNumber', `installment ${number} does not exist`);
  return {
    number,
    period: row.period,
    openingBalance: row.openingBalance,
    principal: row.principal,
    interest: row.interest,
    fees: row.fees,
    feeLines: row.feeLines,
    penalties: [],
    penalty: 0n,
    carried: null,
    isLast: index === plan.installments.length - 1,
  };
}
