import { registerEnumType } from 'type-graphql';

// GraphQL names are the keys (SCREAMING_SNAKE); values are the engine's own spellings.

export enum FrequencyUnit {
  DAYS = 'DAYS',
  WEEKS = 'WEEKS',
  MONTHS = 'MONTHS',
}
export enum InterestMethod {
  DECLINING_BALANCE = 'DECLINING_BALANCE',
  FLAT = 'FLAT',
  NONE = 'NONE',
}
export enum Amortization {
  EQUAL_INSTALLMENTS = 'EQUAL_INSTALLMENTS',
  EQUAL_PRINCIPAL = 'EQUAL_PRINCIPAL',
  INTEREST_ONLY_BALLOON = 'INTEREST_ONLY_BALLOON',
}
export enum InterestAccrual {
  PER_PERIOD = 'PER_PERIOD',
  DAILY = 'DAILY',
}
export enum DayCountConvention {
  THIRTY_360 = '30/360',
  ACT_360 = 'ACT/360',
  ACT_364 = 'ACT/364',
  ACT_365F = 'ACT/365F',
  ACT_ACT = 'ACT/ACT',
}
export enum ScheduleRoundingMode {
  HALF_EVEN = 'HALF_EVEN',
  HALF_UP = 'HALF_UP',
  DOWN = 'DOWN',
  UP = 'UP',
  NONE = 'NONE',
}
export enum FeeKind {
  ONE_OFF = 'ONE_OFF',
  PER_INSTALLMENT = 'PER_INSTALLMENT',
  PERCENT_OF_INSTALLMENT = 'PERCENT_OF_INSTALLMENT',
  PERCENT_OF_BALANCE = 'PERCENT_OF_BALANCE',
}
export enum AllocationOrder {
  COMPONENT_THEN_DUE_DATE = 'COMPONENT_THEN_DUE_DATE',
  DUE_DATE_THEN_COMPONENT = 'DUE_DATE_THEN_COMPONENT',
}
export enum InstallmentComponent {
  PENALTY = 'PENALTY',
  FEE = 'FEE',
  INTEREST = 'INTEREST',
  PRINCIPAL = 'PRINCIPAL',
}
export enum PrepaymentStrategy {
  REDUCE_TERM = 'REDUCE_TERM',
  REDUCE_INSTALLMENT = 'REDUCE_INSTALLMENT',
  HOLD_AS_CREDIT = 'HOLD_AS_CREDIT',
}
export enum ScheduleVersionChoice {
  ORIGINAL = 'ORIGINAL',
  CURRENT = 'CURRENT',
}
export enum ScheduleChangeReason {
  ORIGINAL = 'ORIGINAL',
  PREPAYMENT_REDUCE_TERM = 'PREPAYMENT_REDUCE_TERM',
  PREPAYMENT_REDUCE_INSTALLMENT = 'PREPAYMENT_REDUCE_INSTALLMENT',
  RESCHEDULE = 'RESCHEDULE',
  PAYOFF = 'PAYOFF',
}

registerEnumType(FrequencyUnit, {
  name: 'FrequencyUnit',
  description: 'Unit of the payment frequency.',
  valuesConfig: {
    DAYS: { description: 'Due dates every N days.' },
    WEEKS: { description: 'Due dates every N weeks.' },
    MONTHS: {
      description: "Due dates every N months, on the first due date's day (clamped to month end).",
    },
  },
});
registerEnumType(InterestMethod, {
  name: 'InterestMethod',
  description: 'How interest is charged.',
  valuesConfig: {
    DECLINING_BALANCE: {
      description: 'On the principal outstanding in each period (amortising loan).',
    },
    FLAT: { description: 'On the original principal for the whole term, spread evenly.' },
    NONE: { description: 'No interest (e.g. pay in 4).' },
  },
});
registerEnumType(Amortization, {
  name: 'Amortization',
  description: 'How principal is repaid over the installments.',
  valuesConfig: {
    EQUAL_INSTALLMENTS: { description: 'Equal principal + interest each installment (annuity).' },
    EQUAL_PRINCIPAL: { description: 'Equal principal each installment, interest on top.' },
    INTEREST_ONLY_BALLOON: { description: 'Interest only, all principal in the last installment.' },
  },
});
registerEnumType(InterestAccrual, {
  name: 'InterestAccrual',
  description: "How a period's interest is measured.",
  valuesConfig: {
    PER_PERIOD: {
      description: 'Annual rate × the regular period fraction (e.g. 1/12 for monthly).',
    },
    DAILY: { description: 'Annual rate × the actual days of the period under the day count.' },
  },
});
registerEnumType(DayCountConvention, {
  name: 'DayCountConvention',
  description: 'Day count for daily accrual and odd first periods (ISDA conventions).',
  valuesConfig: {
    THIRTY_360: { description: '30/360: months of 30 days, a year of 360.' },
    ACT_360: { description: 'Actual days / 360.' },
    ACT_364: { description: 'Actual days / 364.' },
    ACT_365F: { description: 'Actual days / 365, also in leap years.' },
    ACT_ACT: { description: 'Actual days / actual days of each calendar year (ISDA).' },
  },
});
registerEnumType(ScheduleRoundingMode, {
  name: 'ScheduleRoundingMode',
  description: "How amounts are rounded to the currency's minor unit at each rounding point.",
  valuesConfig: {
    HALF_EVEN: { description: "Half to even (banker's rounding)." },
    HALF_UP: { description: 'Half away from zero.' },
    DOWN: { description: 'Towards zero.' },
    UP: { description: 'Away from zero.' },
    NONE: {
      description: 'Full precision; rounded HALF_EVEN only for display. Previews only, not plans.',
    },
  },
});
registerEnumType(FeeKind, {
  name: 'FeeKind',
  description: 'How a fee is charged.',
  valuesConfig: {
    ONE_OFF: {
      description: 'A fixed amount once: at disbursement (installment 0) or on one installment.',
    },
    PER_INSTALLMENT: { description: 'A fixed amount on every installment.' },
    PERCENT_OF_INSTALLMENT: {
      description: "A percent of each installment's principal + interest.",
    },
    PERCENT_OF_BALANCE: {
      description: 'A percent of the principal outstanding at the start of each period.',
    },
  },
});
registerEnumType(AllocationOrder, {
  name: 'AllocationOrder',
  description: 'The order in which a payment pays what is due.',
  valuesConfig: {
    COMPONENT_THEN_DUE_DATE: {
      description: 'All penalties oldest first, then all fees, then interest, then principal.',
    },
    DUE_DATE_THEN_COMPONENT: {
      description: 'Oldest installment first, each one component by component.',
    },
  },
});
registerEnumType(InstallmentComponent, {
  name: 'InstallmentComponent',
  description: 'A part of what an installment owes.',
  valuesConfig: {
    PENALTY: { description: 'Late fees assessed on the installment.' },
    FEE: { description: 'Scheduled fees and fees charged later.' },
    INTEREST: { description: "Interest of the installment's period." },
    PRINCIPAL: { description: 'Repayment of the amount financed.' },
  },
});
registerEnumType(PrepaymentStrategy, {
  name: 'PrepaymentStrategy',
  description: 'What to do with money paid beyond what is due.',
  valuesConfig: {
    REDUCE_TERM: {
      description: 'Pay principal, keep the installment amount, end the plan sooner.',
    },
    REDUCE_INSTALLMENT: {
      description: 'Pay principal, keep the end date, lower the installments.',
    },
    HOLD_AS_CREDIT: {
      description: 'Hold it as credit for the next due dates (what a recorded payment does today).',
    },
  },
});
registerEnumType(ScheduleVersionChoice, {
  name: 'ScheduleVersionChoice',
  description: 'Which schedule of a plan to show.',
  valuesConfig: {
    ORIGINAL: { description: 'The schedule built from the terms when the plan was opened.' },
    CURRENT: {
      description:
        'The schedule now, after prepayments, reschedules and charges up to the business date.',
    },
  },
});
registerEnumType(ScheduleChangeReason, {
  name: 'ScheduleChangeReason',
  description: 'Why a new schedule version was made.',
  valuesConfig: {
    ORIGINAL: { description: 'The schedule at opening.' },
    PREPAYMENT_REDUCE_TERM: { description: 'A principal prepayment shortened the plan.' },
    PREPAYMENT_REDUCE_INSTALLMENT: {
      description: 'A principal prepayment lowered the installments.',
    },
    RESCHEDULE: { description: 'The rate or the number of installments was changed.' },
    PAYOFF: { description: 'The plan was paid off early; later interest and fees were cancelled.' },
  },
});
