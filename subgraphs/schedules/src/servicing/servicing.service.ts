import { LocalDate } from '../../../shared/dates/local-date';
import { DomainError, badInput } from '../../../shared/errors/domain-error';
import { Dec, Money, minorDigits, type Dec as Decimal } from '../../../shared/money/money';
import {
  aprJson,
  explain,
  parsePlanTerms,
  paymentPreview,
  payoffQuote,
  planStateToJson,
  previewSchedule,
  previewScheduleJson,
  replayPlan,
  scheduleApr,
  scheduleToJson,
  type PlanEvent,
  type PlanState,
  type PlanTerms,
} from '../engine';
import { engineCall } from '../plan/engine-call';
import type { InstallmentPlan } from '../plan/plan.entity';
import { planEventLog } from '../plan/plan-events';
import type { PlanService } from '../plan/plan.service';
import type { PlanAccess } from '../plan/plan-access';
import { requireSignedIn } from '../../../shared/auth/policy';
import { toExplanation } from './explanation.mapper';
import type { ExplanationType, PaymentPreviewType, PayoffQuoteType } from './plan-servicing.type';
import { toPaymentPreview, toPayoffQuote, toVersions } from './plan-servicing.mapper';
import { scheduleRows, storedScheduleRows } from './schedule-rows';
import {
  AprDisclosureType,
  ScheduleRowType,
  SchedulePreviewType,
  type ScheduleVersionType,
} from './schedule.type';
import { InstallmentComponent, PrepaymentStrategy, ScheduleVersionChoice } from './servicing.enums';
import { toRawTerms, type ScheduleTermsInput } from './servicing.inputs';

/** A plan with terms, ready for the engine: its parsed terms and event log at the business date. */
interface ServicedPlan {
  readonly plan: InstallmentPlan;
  readonly terms: PlanTerms;
  readonly events: readonly PlanEvent[];
  readonly today: LocalDate;
  readonly state: PlanState;
}

/**
 * The servicing engine behind GraphQL, for one request: previews from terms, and for stored plans
 * the replay of their terms and applied payments at the business date (PlanService.today), cached
 * per plan for the request. Every stored plan is read through PlanAccess, so each query and field
 * here is authorized for the request's viewer. Engine errors become BAD_USER_INPUT naming the field.
 */
export class ServicingService {
  private readonly serviced = new Map<string, Promise<ServicedPlan>>();

  constructor(
    private readonly plans: PlanService,
    private readonly access: PlanAccess,
  ) {}

  /** Forgets the replays computed so far (a subscription's context outlives one event). */
  clearCache(): void {
    this.serviced.clear();
  }

  /** Pure calculation from the terms given, no stored data: any signed-in viewer. */
  schedulePreview(input: ScheduleTermsInput): SchedulePreviewType {
    requireSignedIn(this.access.viewer);
    const raw = toRawTerms(input);
    return SchedulePreviewType.from(
      input.currency,
      engineCall('terms', () => previewScheduleJson(raw)),
    );
  }

  /**
   * Reg Z disclosure of the schedule: amount financed = principal − down payment − fees paid at
   * disbursement (the engine's APR basis); total of payments = Σ installment totals; finance
   * charge = their difference. Exact sums of amounts already in minor units.
   */
  aprDisclosure(input: ScheduleTermsInput): AprDisclosureType {
    requireSignedIn(this.access.viewer);
    const raw = toRawTerms(input);
    const { terms, apr, json } = engineCall('terms', () => {
      const parsed = parsePlanTerms(raw);
      const schedule = previewSchedule(parsed);
      return { terms: parsed, apr: aprJson(scheduleApr(schedule)), json: scheduleToJson(schedule) };
    });
    const upfront = json.dueAtDisbursement;
    const amountFinanced = new Dec(json.totals.principal)
      .minus(upfront.downPayment)
      .minus(upfront.fees);
    const totalOfPayments = json.installments.reduce((sum, row) => sum.plus(row.total), new Dec(0));
    const digits = terms.minorDigits;
    return Object.assign(new AprDisclosureType(), {
      currency: terms.currency,
      ...apr,
      amountFinanced: amountFinanced.toFixed(digits),
      financeCharge: totalOfPayments.minus(amountFinanced).toFixed(digits),
      totalOfPayments: totalOfPayments.toFixed(digits),
    });
  }

  async paymentPreview(
    planId: string,
    amount: Decimal,
    strategy: PrepaymentStrategy,
  ): Promise<PaymentPreviewType> {
    const serviced = await this.service(planId);
    const paid = paymentAmount(amount, serviced.plan.currency);
    const prepayment = strategy === PrepaymentStrategy.HOLD_AS_CREDIT ? undefined : strategy;
    const before = planStateToJson(serviced.state);
    const { payment, after } = engineCall('', () =>
      paymentPreview(serviced.terms, serviced.events, serviced.today, { amount: paid, prepayment }),
    );
    return toPaymentPreview({
      planId,
      strategy,
      amount: paid,
      before,
      after,
      payment,
      digits: serviced.terms.minorDigits,
    });
  }

  async payoffQuote(planId: string, goodThrough: string): Promise<PayoffQuoteType> {
    const { state } = await this.service(planId);
    return toPayoffQuote(
      planId,
      engineCall('', () => payoffQuote(state, LocalDate.parse(goodThrough))),
    );
  }

  /** ORIGINAL: the schedule of the terms; CURRENT: after the replay. Stored rows without terms. */
  async schedule(planId: string, version: ScheduleVersionChoice): Promise<ScheduleRowType[]> {
    const plan = await this.access.get(planId);
    if (!plan.terms)
      return storedScheduleRows(plan.installments.getItems(), minorDigits(plan.currency));
    const { terms, state } = await this.service(planId);
    if (version === ScheduleVersionChoice.ORIGINAL) {
      return scheduleToJson(state.original).installments.map(ScheduleRowType.from);
    }
    return scheduleRows(planStateToJson(state).installments, terms.minorDigits);
  }

  /** Schedule versions with what changed and why; none for a plan without terms. */
  async versions(planId: string): Promise<ScheduleVersionType[]> {
    const plan = await this.access.get(planId);
    if (!plan.terms) return [];
    return toVersions(planStateToJson((await this.service(planId)).state).versions);
  }

  async explain(
    planId: string,
    installmentNumber: number,
    component: InstallmentComponent,
  ): Promise<ExplanationType> {
    const { state, plan } = await this.service(planId);
    return toExplanation(
      engineCall('', () => explain(state, installmentNumber, component)),
      plan.currency,
    );
  }

  private service(planId: string): Promise<ServicedPlan> {
    let serviced = this.serviced.get(planId);
    if (!serviced) {
      serviced = this.load(planId);
      this.serviced.set(planId, serviced);
    }
    return serviced;
  }

  private async load(planId: string): Promise<ServicedPlan> {
    const plan = await this.access.get(planId);
    const stored = plan.terms;
    if (!stored) {
      throw new DomainError(
        'BAD_USER_INPUT',
        `Plan ${planId} was opened with an explicit schedule: it has no terms to service it from.`,
        { field: 'planId' },
      );
    }
    const terms = engineCall('terms', () => parsePlanTerms(stored));
    const [payments, waivers] = await Promise.all([
      this.plans.appliedPayments(planId),
      this.plans.appliedWaivers(planId),
    ]);
    const events = planEventLog(terms, payments, waivers);
    const today = LocalDate.parse(this.plans.today());
    return {
      plan,
      terms,
      events,
      today,
      state: engineCall('', () => replayPlan(terms, events, today)),
    };
  }
}

/** The payment amount as the engine takes it: positive, at most the currency's minor digits. */
function paymentAmount(amount: Decimal, currency: string): string {
  let money: Money;
  try {
    money = Money.of(amount, currency);
  } catch (error) {
    // Money.of throws RangeError for more decimals than the currency has; report it on the field.
    throw badInput('amount', `amount: ${(error as Error).message}`);
  }
  if (!money.isPositive()) throw badInput('amount', 'amount: must be greater than zero');
  return money.toFixed();
}
