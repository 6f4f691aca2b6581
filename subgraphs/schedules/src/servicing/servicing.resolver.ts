import { Arg, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { DecimalScalar } from '../../../shared/money/decimal.scalar';
import type { Dec as Decimal } from '../../../shared/money/money';
import { LocalDateScalar } from '../../../shared/graphql/scalars';
import { InstallmentType, PlanType } from '../plan/plan.type';
import { ExplanationType, PaymentPreviewType, PayoffQuoteType } from './plan-servicing.type';
import {
  AprDisclosureType,
  ScheduleRowType,
  SchedulePreviewType,
  ScheduleVersionType,
} from './schedule.type';
import { InstallmentComponent, PrepaymentStrategy, ScheduleVersionChoice } from './servicing.enums';
import { ScheduleTermsInput } from './servicing.inputs';
import type { ServicingService } from './servicing.service';

const TERMS = {
  description: 'Contract terms; BAD_USER_INPUT names the offending field as terms.<path>.',
};

@Resolver()
export class ServicingResolver {
  constructor(private readonly servicing: ServicingService) {}

  @Query(() => SchedulePreviewType, {
    description: 'The schedule and APR terms would produce; nothing is stored.',
  })
  schedulePreview(
    @Arg('terms', () => ScheduleTermsInput, TERMS) terms: ScheduleTermsInput,
  ): SchedulePreviewType {
    return this.servicing.schedulePreview(terms);
  }

  @Query(() => AprDisclosureType, {
    description: 'Regulation Z APR disclosure of the schedule terms would produce.',
  })
  aprDisclosure(
    @Arg('terms', () => ScheduleTermsInput, TERMS) terms: ScheduleTermsInput,
  ): AprDisclosureType {
    return this.servicing.aprDisclosure(terms);
  }

  @Query(() => PaymentPreviewType, {
    description:
      'What paying an amount on the business date would do to a plan; nothing is recorded.',
  })
  paymentPreview(
    @Arg('planId', () => ID, { description: 'A plan opened from terms.' }) planId: string,
    @Arg('amount', () => DecimalScalar, { description: 'Amount in the plan currency; positive.' })
    amount: Decimal,
    @Arg('strategy', () => PrepaymentStrategy, {
      description: 'What to do with money beyond what is due.',
    })
    strategy: PrepaymentStrategy,
  ): Promise<PaymentPreviewType> {
    return this.servicing.paymentPreview(planId, amount, strategy);
  }

  @Query(() => PayoffQuoteType, { description: 'What closes a plan if paid by a date.' })
  payoffQuote(
    @Arg('planId', () => ID, { description: 'A plan opened from terms.' }) planId: string,
    @Arg('goodThrough', () => LocalDateScalar, {
      description: 'Payoff date; not before the business date.',
    })
    goodThrough: string,
  ): Promise<PayoffQuoteType> {
    return this.servicing.payoffQuote(planId, goodThrough);
  }
}

@Resolver(() => PlanType)
export class PlanScheduleResolver {
  constructor(private readonly servicing: ServicingService) {}

  @FieldResolver(() => [ScheduleRowType], {
    description: 'The schedule as opened (ORIGINAL) or as it stands now (CURRENT).',
  })
  schedule(
    @Root() plan: PlanType,
    @Arg('version', () => ScheduleVersionChoice, {
      defaultValue: ScheduleVersionChoice.CURRENT,
      description: 'Which schedule.',
    })
    version: ScheduleVersionChoice,
  ): Promise<ScheduleRowType[]> {
    return this.servicing.schedule(plan.id, version);
  }

  @FieldResolver(() => [ScheduleVersionType], {
    description:
      'Every schedule version, oldest first, with what changed and why; empty for a plan opened without terms.',
  })
  scheduleVersions(@Root() plan: PlanType): Promise<ScheduleVersionType[]> {
    return this.servicing.versions(plan.id);
  }
}

@Resolver(() => InstallmentType)
export class InstallmentExplainResolver {
  constructor(private readonly servicing: ServicingService) {}

  @FieldResolver(() => ExplanationType, {
    description:
      'How one component of this installment was calculated and paid (plans opened from terms).',
  })
  explain(
    @Root() installment: InstallmentType,
    @Arg('component', () => InstallmentComponent, { description: 'The component to explain.' })
    component: InstallmentComponent,
  ): Promise<ExplanationType> {
    return this.servicing.explain(installment.planId, installment.number, component);
  }
}
