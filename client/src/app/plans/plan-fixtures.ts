import { Installment, MyPlansData, PlanSummary } from './plan-queries';

// Test data shaped exactly like gateway responses, __typename included: Apollo adds it to every
// selection and needs it to normalize InstallmentPlan/Installment by id.

const usd = (amount: string) => ({ __typename: 'Money', amount, currency: 'USD' }) as const;

function installment(number: number, overrides: Partial<Installment> = {}): Installment {
  return {
    __typename: 'Installment',
    id: `inst-${number}`,
    number,
    dueDate: `2025-0${number}-01`,
    principal: '300.00',
    interest: '12.50',
    fees: '0.00',
    total: '312.50',
    paidTotal: '0.00',
    status: 'UPCOMING',
    ...overrides,
  };
}

/** A 4-installment USD laptop plan, one installment paid: 312.50 of 1250.00 repaid (25%). */
export function laptopPlan(overrides: Partial<PlanSummary> = {}): PlanSummary {
  return {
    __typename: 'InstallmentPlan',
    id: 'plan-1',
    title: 'Laptop',
    currency: 'USD',
    status: 'ACTIVE',
    outstandingBalance: usd('937.50'),
    paidAmount: usd('312.50'),
    totalRepayable: usd('1250.00'),
    repaidPercent: 25,
    nextInstallment: {
      __typename: 'Installment',
      id: 'inst-2',
      dueDate: '2025-02-01',
      total: '312.50',
    },
    installments: [
      installment(1, { status: 'PAID', paidTotal: '312.50' }),
      installment(2, { status: 'DUE' }),
      installment(3),
      installment(4),
    ],
    ...overrides,
  };
}

/** A paid-off plan with no installments left to pay. */
export function sofaPlan(): PlanSummary {
  return {
    __typename: 'InstallmentPlan',
    id: 'plan-2',
    title: 'Sofa',
    currency: 'USD',
    status: 'PAID_OFF',
    outstandingBalance: usd('0.00'),
    paidAmount: usd('600.00'),
    totalRepayable: usd('600.00'),
    repaidPercent: 100,
    nextInstallment: null,
    installments: [
      installment(1, {
        id: 'sofa-1',
        principal: '600.00',
        interest: '0.00',
        total: '600.00',
        paidTotal: '600.00',
        status: 'PAID',
      }),
    ],
  };
}

export function myPlans(plans: readonly PlanSummary[]): MyPlansData {
  return { me: { __typename: 'Customer', id: 'customer-1', name: 'Dana Demo', plans } };
}
