import type { MikroORM, EntityManager } from '@mikro-orm/postgresql';
import type { ContainerType, PubSub } from 'type-graphql';
import type { BaseRequestContext } from '../../shared/server/subgraph-server';
import { PlanService, type BusinessClock } from './plan/plan.service';
import { PlanAccess } from './plan/plan-access';
import { CustomerPlansResolver, PlanResolver } from './plan/plan.resolver';
import {
  InstallmentExplainResolver,
  PlanScheduleResolver,
  ServicingResolver,
} from './servicing/servicing.resolver';
import { ServicingService } from './servicing/servicing.service';
import type { AuditTrail } from '../../shared/audit/audit-trail';
import type { ApprovalThresholds } from './servicing-actions/approval-threshold';
import { ServicingActionResolver } from './servicing-actions/servicing-action.resolver';
import { ServicingActionService } from './servicing-actions/servicing-action.service';

export interface SchedulesContext extends BaseRequestContext {
  em: EntityManager;
  plans: PlanService;
  /** The request viewer's access to plans; every read of a plan goes through it. */
  access: PlanAccess;
  /** Plan balance events, for the subscription. */
  pubSub: PubSub;
  container: ContainerType;
}

export interface SchedulesDeps {
  orm: MikroORM;
  today: BusinessClock;
  wakeOutbox: () => void;
  pubSub: PubSub;
  thresholds: ApprovalThresholds;
  audit: AuditTrail;
}

/** Composition root of one request: a fresh unit of work and hand-built services. */
export function createRequestContext(
  deps: SchedulesDeps,
  base: BaseRequestContext,
): SchedulesContext {
  const em = deps.orm.em.fork();
  const plans = new PlanService(em, deps.today, deps.wakeOutbox);
  const access = new PlanAccess(plans, base.viewer);
  const servicing = new ServicingService(plans, access);
  const startEvent = () => {
    plans.clearCache();
    servicing.clearCache();
  };
  const actions = new ServicingActionService({
    em,
    viewer: base.viewer,
    today: deps.today,
    thresholds: deps.thresholds,
    audit: deps.audit,
  });
  const resolvers = new Map<Function, object>([
    [PlanResolver, new PlanResolver(access, startEvent)],
    [CustomerPlansResolver, new CustomerPlansResolver(access)],
    [ServicingResolver, new ServicingResolver(servicing)],
    [PlanScheduleResolver, new PlanScheduleResolver(servicing)],
    [InstallmentExplainResolver, new InstallmentExplainResolver(servicing)],
    [ServicingActionResolver, new ServicingActionResolver(actions)],
  ]);
  return {
    ...base,
    em,
    plans,
    access,
    pubSub: deps.pubSub,
    container: { get: (cls: Function) => resolvers.get(cls) },
  };
}
