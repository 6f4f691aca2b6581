import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import type { AuditTrail } from '../../../shared/audit/audit-trail';
import { UUID_PATTERN } from '../../../shared/auth/entity-access';
import { requireRecentMfa, requireRole } from '../../../shared/auth/policy';
import type { Viewer } from '../../../shared/auth/viewer';
import { DomainError, badInput, notFound } from '../../../shared/errors/domain-error';
import { Money } from '../../../shared/money/money';
import { InstallmentPlan } from '../plan/plan.entity';
import type { BusinessClock } from '../plan/plan.service';
import { needsApproval, type ApprovalThresholds } from './approval-threshold';
import { applyAction, type ApplyRefusal } from './servicing-action.apply';
import {
  ServicingAction,
  ServicingActionKind,
  ServicingActionStatus,
} from './servicing-action.entity';
import type {
  ApproveServicingActionInput,
  RejectServicingActionInput,
  RequestWaiverInput,
  RequestWriteOffInput,
} from './servicing-action.inputs';
import {
  ActionAlreadyDecided,
  MakerCannotApprove,
  ServicingActionRecorded,
  outcome,
} from './servicing-action.results';
import { ServicingActionType } from './servicing-action.type';

export interface ServicingActionDeps {
  em: EntityManager;
  viewer: Viewer;
  today: BusinessClock;
  thresholds: ApprovalThresholds;
  audit: AuditTrail;
}

type Recorded = ServicingActionRecorded;
type Decided = ActionAlreadyDecided;

/**
 * Maker-checker for staff servicing actions that move money. Agents and admins request; a waiver
 * up to its currency's threshold applies at once, anything else waits for a different agent or
 * admin, who approves it after a recent MFA (step-up). Auditors, customers and API keys can do
 * none of it. Every change is audited in its transaction; a decision locks the action, then the
 * plan (payments lock the plan too), so two decisions or a payment never interleave.
 */
export class ServicingActionService {
  constructor(private readonly deps: ServicingActionDeps) {}

  /** A waiver: applied at once up to the threshold, otherwise PENDING_APPROVAL. */
  async requestWaiver(input: RequestWaiverInput): Promise<Recorded | ApplyRefusal> {
    const maker = this.staffSubject();
    return this.deps.em.transactional(async (em) => {
      const plan = await this.lockPlan(em, input.planId);
      const amount = waiverAmount(input.amount.toFixed(), plan.currency);
      const action = new ServicingAction({
        plan,
        kind: ServicingActionKind.WAIVER,
        reason: input.reason,
        requestedBy: maker,
      });
      action.installmentNumber = input.installmentNumber ?? null;
      action.component = input.component;
      action.amount = amount.amount;
      // a waiver that waits is still checked now, so its requester learns at once it cannot apply
      const mode = needsApproval(this.deps.thresholds, amount) ? 'CHECK' : 'APPLY';
      const refusal = await applyAction(em, action, plan, this.deps.today(), mode);
      return refusal ?? this.record(em, action, 'servicing_action.requested', null);
    });
  }

  /** A write-off: always waits for a second person. */
  async requestWriteOff(input: RequestWriteOffInput): Promise<Recorded | ApplyRefusal> {
    const maker = this.staffSubject();
    return this.deps.em.transactional(async (em) => {
      const plan = await this.lockPlan(em, input.planId);
      const action = new ServicingAction({
        plan,
        kind: ServicingActionKind.WRITE_OFF,
        reason: input.reason,
        requestedBy: maker,
      });
      const refusal = await applyAction(em, action, plan, this.deps.today(), 'CHECK');
      return refusal ?? this.record(em, action, 'servicing_action.requested', null);
    });
  }

  /**
   * Applies a pending action for a checker who is not its maker and passed MFA recently. Still
   * refused (and left pending) when the plan can no longer take it, e.g. paid since the request.
   */
  async approve(
    input: ApproveServicingActionInput,
  ): Promise<Recorded | MakerCannotApprove | Decided | ApplyRefusal> {
    const checker = this.staffSubject();
    requireRecentMfa(this.deps.viewer);
    return this.deps.em.transactional(async (em) => {
      const action = await this.lockAction(em, input.id);
      if (action.requestedBy === checker)
        return outcome(
          MakerCannotApprove,
          'MAKER_CANNOT_APPROVE',
          'You requested this action: another staff member must approve it.',
        );
      if (action.status !== ServicingActionStatus.PENDING_APPROVAL) return alreadyDecided(action);
      const plan = await this.lockPlan(em, action.plan.id);
      const before = { status: action.status };
      const refusal = await applyAction(em, action, plan, this.deps.today(), 'APPLY');
      if (refusal) return refusal;
      action.decidedBy = checker;
      action.decidedAt = new Date();
      return this.record(em, action, 'servicing_action.approved', before);
    });
  }

  /** Turns a pending action down; its maker may withdraw it this way (nothing moves). */
  async reject(input: RejectServicingActionInput): Promise<Recorded | Decided> {
    const checker = this.staffSubject();
    return this.deps.em.transactional(async (em) => {
      const action = await this.lockAction(em, input.id);
      if (action.status !== ServicingActionStatus.PENDING_APPROVAL) return alreadyDecided(action);
      const before = { status: action.status };
      action.status = ServicingActionStatus.REJECTED;
      action.decidedBy = checker;
      action.decidedAt = new Date();
      action.decisionReason = input.reason;
      return this.record(em, action, 'servicing_action.rejected', before);
    });
  }

  /** Actions waiting for approval, oldest first (of one plan when given): staff, auditors too. */
  async pending(planId: string | null): Promise<ServicingActionType[]> {
    requireRole(this.deps.viewer, 'AGENT', 'ADMIN', 'AUDITOR');
    if (planId !== null && !UUID_PATTERN.test(planId)) return [];
    const actions = await this.deps.em.find(
      ServicingAction,
      {
        status: ServicingActionStatus.PENDING_APPROVAL,
        ...(planId === null ? {} : { plan: planId }),
      },
      { orderBy: { requestedAt: 'asc', id: 'asc' } },
    );
    return actions.map(ServicingActionType.from);
  }

  /** The subject id of an agent or admin: the identity maker-checker compares. */
  private staffSubject(): string {
    const viewer = requireRole(this.deps.viewer, 'AGENT', 'ADMIN');
    // without a stable subject nobody could tell the maker from the checker
    if (!viewer.subjectId)
      throw new DomainError('FORBIDDEN', 'You are not allowed to do this.', { reason: 'SUBJECT' });
    return viewer.subjectId;
  }

  private async lockPlan(em: EntityManager, planId: string): Promise<InstallmentPlan> {
    const plan = UUID_PATTERN.test(planId)
      ? await em.findOne(InstallmentPlan, planId, {
          lockMode: LockMode.PESSIMISTIC_WRITE,
          refresh: true,
        })
      : null;
    if (!plan) throw notFound('InstallmentPlan', planId);
    await em.populate(plan, ['installments']);
    return plan;
  }

  private async lockAction(em: EntityManager, id: string): Promise<ServicingAction> {
    const action = UUID_PATTERN.test(id)
      ? await em.findOne(ServicingAction, id, {
          lockMode: LockMode.PESSIMISTIC_WRITE,
          refresh: true,
        })
      : null;
    if (!action) throw notFound('ServicingAction', id);
    return action;
  }

  private async record(
    em: EntityManager,
    action: ServicingAction,
    auditAction: string,
    before: Record<string, unknown> | null,
  ): Promise<Recorded> {
    em.persist(action);
    await em.flush();
    const view = ServicingActionType.from(action);
    await this.deps.audit.record(em, this.deps.viewer, {
      action: auditAction,
      entityType: 'ServicingAction',
      entityId: action.id,
      before,
      after: {
        kind: view.kind,
        status: view.status,
        planId: view.planId,
        installmentNumber: view.installmentNumber,
        component: view.component,
        amount: view.amount && { amount: view.amount.amount, currency: view.amount.currency },
        requestedBy: view.requestedBy,
        decidedBy: view.decidedBy,
        waiverLines: action.waiverLines,
      },
    });
    return Object.assign(new ServicingActionRecorded(), { action: view });
  }
}

const alreadyDecided = (action: ServicingAction): ActionAlreadyDecided =>
  outcome(ActionAlreadyDecided, 'ACTION_ALREADY_DECIDED', 'This action was already decided.', {
    status: action.status,
  });

/** The waiver amount in the plan currency: positive, at most its minor digits. */
function waiverAmount(value: string, currency: string): Money {
  let amount: Money;
  try {
    amount = Money.of(value, currency);
  } catch (error) {
    // Money.of throws RangeError for more decimals than the currency has; report it on the field
    throw badInput('input.amount', `amount: ${(error as Error).message}`);
  }
  if (!amount.isPositive()) throw badInput('input.amount', 'The amount must be greater than zero.');
  return amount;
}
