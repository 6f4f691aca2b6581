import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DecimalScalar } from '../../../shared/money/decimal.scalar';
import { MoneyType } from '../../../shared/money/money.type';
import { Money } from '../../../shared/money/money';
import { DateTimeScalar, LocalDateScalar } from '../../../shared/graphql/scalars';
import { ENTITY_DESCRIPTIONS, entityStub } from '../../../shared/graphql/entity-stub';
import type { Installment, InstallmentPlan } from './plan.entity';
import {
  InstallmentStatus,
  PlanStatus,
  repaidPercent,
  installmentPaid,
  installmentStatus,
  installmentWaived,
  installmentTotal,
  nextUnpaid,
  planStatus,
  planTotals,
} from './plan-balance';

registerEnumType(PlanStatus, {
  name: 'PlanStatus',
  description: 'Where a plan is in its life.',
  valuesConfig: {
    PENDING: { description: 'Agreed but not yet disbursed.' },
    ACTIVE: { description: 'Being repaid, nothing overdue.' },
    PAID_OFF: { description: 'Everything repaid.' },
    DELINQUENT: {
      description: 'At least one installment is past its due date and not fully paid.',
    },
    CANCELLED: { description: 'Cancelled before completion.' },
    WRITTEN_OFF: {
      description:
        'Charged off as uncollectible by an approved write-off; what is owed stays owed and later payments still apply.',
    },
  },
});
registerEnumType(InstallmentStatus, {
  name: 'InstallmentStatus',
  description: 'State of one installment on the business date.',
  valuesConfig: {
    UPCOMING: { description: 'Due later; not the next one to pay.' },
    DUE: { description: 'The next installment to pay.' },
    PARTIALLY_PAID: { description: 'Part paid, not yet past its due date.' },
    PAID: { description: 'Fully paid.' },
    OVERDUE: { description: 'Past its due date and not fully paid.' },
  },
});

/** A stub of the accounts subgraph's Customer (only its key), extended here with `plans`. */
export const CustomerRef = entityStub('Customer', ENTITY_DESCRIPTIONS.Customer);
export type CustomerRef = InstanceType<typeof CustomerRef>;

@ObjectType('Installment', {
  description: 'One scheduled repayment, split into principal, interest and fees.',
})
export class InstallmentType {
  @Field(() => ID, { description: 'Stable identifier.' })
  id!: string;

  @Field(() => Int, { description: 'Position in the schedule, from 1.' })
  number!: number;

  @Field(() => LocalDateScalar, {
    description: 'Calendar date the installment is due (no time zone).',
  })
  dueDate!: string;

  @Field(() => DecimalScalar, { description: 'Principal part, in the plan currency.' })
  principal!: string;

  @Field(() => DecimalScalar, { description: 'Interest part, in the plan currency.' })
  interest!: string;

  @Field(() => DecimalScalar, { description: 'Fees part, in the plan currency.' })
  fees!: string;

  @Field(() => DecimalScalar, { description: 'principal + interest + fees.' })
  total!: string;

  @Field(() => DecimalScalar, {
    description: 'Paid so far towards this installment, all components.',
  })
  paidTotal!: string;

  @Field(() => DecimalScalar, {
    description: 'Forgiven by applied waivers (interest and fees); not part of paidTotal.',
  })
  waivedTotal!: string;

  @Field(() => InstallmentStatus, { description: 'State on the business date.' })
  status!: InstallmentStatus;

  /** The plan's id, for field resolvers that need the plan (not part of the API). */
  planId!: string;

  static from(
    i: Installment,
    currency: string,
    today: string,
    next: Installment | undefined,
  ): InstallmentType {
    const fixed = (v: Installment['principal']) => Money.of(v, currency).toFixed();
    return Object.assign(new InstallmentType(), {
      id: i.id,
      planId: i.plan.id,
      number: i.number,
      dueDate: i.dueDate,
      principal: fixed(i.principal),
      interest: fixed(i.interest),
      fees: fixed(i.fees),
      total: fixed(installmentTotal(i)),
      paidTotal: fixed(installmentPaid(i)),
      waivedTotal: fixed(installmentWaived(i)),
      status: installmentStatus(i, today, next),
    });
  }
}

@Directive('@key(fields: "id")')
@ObjectType('InstallmentPlan', {
  description: 'A principal repaid by one customer in scheduled installments.',
})
export class PlanType {
  @Field(() => ID, { description: 'Stable identifier.' })
  id!: string;

  @Field({ description: 'What the plan finances, e.g. "Laptop, 12 months".' })
  title!: string;

  @Field({ description: 'ISO 4217 currency of every amount in the plan.' })
  currency!: string;

  @Field(() => DecimalScalar, { description: 'Amount financed.' })
  principal!: string;

  @Field(() => PlanStatus, { description: 'Status on the business date.' })
  status!: PlanStatus;

  @Field(() => DateTimeScalar, { description: 'When the plan was created (UTC).' })
  createdAt!: Date;

  @Field(() => MoneyType, {
    description: 'Still to pay: totalRepayable − paidAmount − waivedAmount.',
  })
  outstandingBalance!: MoneyType;

  @Field(() => MoneyType, {
    description: 'Forgiven by applied waivers (interest, fees); approved by staff, never paid.',
  })
  waivedAmount!: MoneyType;

  @Field(() => MoneyType, { description: 'Paid so far, all installments and components.' })
  paidAmount!: MoneyType;

  @Field(() => MoneyType, {
    description: "Sum of every installment's principal, interest and fees.",
  })
  totalRepayable!: MoneyType;

  @Field(() => MoneyType, {
    description:
      'Paid ahead of due dates and held for the next ones (part of paidAmount), or paid beyond the whole plan.',
  })
  credit!: MoneyType;

  @Field(() => Int, {
    description:
      'Whole percent of totalRepayable already paid: floor(paidAmount ÷ totalRepayable × 100), 0 to 100.',
  })
  repaidPercent!: number;

  @Field(() => InstallmentType, {
    nullable: true,
    description: 'The first installment not fully paid.',
  })
  nextInstallment!: InstallmentType | null;

  @Field(() => [InstallmentType], { description: 'The schedule, in order.' })
  installments!: InstallmentType[];

  @Field(() => CustomerRef, { description: 'Who repays the plan.' })
  customer!: CustomerRef;

  static from(plan: InstallmentPlan, today: string): PlanType {
    const rows = [...plan.installments.getItems()].sort((a, b) => a.number - b.number);
    const next = nextUnpaid(rows, plan.creditBalance);
    const totals = planTotals(plan, rows);
    const installments = rows.map((i) => InstallmentType.from(i, plan.currency, today, next));
    return Object.assign(new PlanType(), {
      id: plan.id,
      title: plan.title,
      currency: plan.currency,
      principal: Money.of(plan.principal, plan.currency).toFixed(),
      status: planStatus(plan, rows, today),
      createdAt: plan.createdAt,
      outstandingBalance: MoneyType.from(totals.outstanding),
      paidAmount: MoneyType.from(totals.paid),
      waivedAmount: MoneyType.from(totals.waived),
      totalRepayable: MoneyType.from(totals.totalRepayable),
      credit: MoneyType.from(totals.credit),
      repaidPercent: repaidPercent(totals.paid, totals.totalRepayable),
      nextInstallment: installments.find((i) => i.id === next?.id) ?? null,
      installments,
      customer: CustomerRef.of(plan.customerId),
    });
  }
}
