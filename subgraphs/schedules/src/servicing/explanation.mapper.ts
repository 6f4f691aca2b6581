import type { Explanation } from '../engine';
import {
  ExplanationAllocationType,
  ExplanationInputType,
  ExplanationRoundingType,
  ExplanationType,
} from './plan-servicing.type';
import { InstallmentComponent } from './servicing.enums';

const MONEY_INPUTS = new Set([
  'openingBalance',
  'interest',
  'installment',
  'installmentMultipleOf',
  'carriedInterest',
]);
const UNITS: Record<string, string> = {
  annualRatePercent: 'percent',
  periodStart: 'date',
  periodEnd: 'date',
  yearFraction: 'years',
  days: 'days',
  installmentCount: 'installments',
};

// Fee and late-fee inputs are the fee lines and charges themselves: amounts of the currency.
function unitOf(name: string, component: InstallmentComponent, currency: string): string | null {
  if (component === InstallmentComponent.FEE || component === InstallmentComponent.PENALTY)
    return currency;
  return MONEY_INPUTS.has(name) ? currency : (UNITS[name] ?? null);
}

/** GraphQL explanation from the engine's, each input with its unit. */
export function toExplanation(explanation: Explanation, currency: string): ExplanationType {
  const component = explanation.component as InstallmentComponent;
  return Object.assign(new ExplanationType(), {
    installmentNumber: explanation.installmentNumber,
    component,
    value: explanation.value,
    formula: explanation.formula,
    inputs: explanation.inputs.map((input) =>
      Object.assign(new ExplanationInputType(), {
        name: input.name,
        value: input.value,
        unit: unitOf(input.name, component, currency),
        note: input.note ?? null,
      }),
    ),
    rounding:
      explanation.rounding && Object.assign(new ExplanationRoundingType(), explanation.rounding),
    allocations: explanation.allocations.map((a) =>
      Object.assign(new ExplanationAllocationType(), a),
    ),
  });
}
