import type { MikroORM, EntityManager } from '@mikro-orm/postgresql';
import type { ContainerType } from 'type-graphql';
import type { BaseRequestContext } from '../../shared/server/subgraph-server';
import { PlanService, type BusinessClock } from './plan/plan.service';
import { CustomerPlansResolver, PlanResolver } from './plan/plan.resolver';
import { PlanType } from './plan/plan.type';
import {
  InstallmentExplainResolver,
  PlanScheduleResolver,
  ServicingResolver,
} from './servicing/servicing.resolver';
import { ServicingService } from './servicing/servicing.service';

export interface SchedulesContext extends BaseRequestContext {
  em: EntityManager;
  plans: PlanService;
  container: ContainerType;
}

export interface SchedulesDeps {
  orm: MikroORM;
  today: BusinessClock;
  wakeOutbox: () => void;
}

/** Composition root of one request: a fresh unit of work and hand-built services. */
export function createRequestContext(
  deps: SchedulesDeps,
  base: BaseRequestContext,
): SchedulesContext {
  const em = deps.orm.em.fork();
  const plans = new PlanService(em, deps.today, deps.wakeOutbox);
  const loadFresh = async (id: string) => {
    const fresh = new PlanService(deps.orm.em.fork(), deps.today);
    return PlanType.from(await fresh.get(id), deps.today());
  };
  const servicing = new ServicingService(plans);
  const resolvers = new Map<Function, object>([
    [PlanResolver, new PlanResolver(plans, loadFresh)],
    [CustomerPlansResolver, new CustomerPlansResolver(plans)],
    [ServicingResolver, new ServicingResolver(servicing)],
    [PlanScheduleResolver, new PlanScheduleResolver(servicing)],
    [InstallmentExplainResolver, new InstallmentExplainResolver(servicing)],
  ]);
  return { ...base, em, plans, container: { get: (cls: Function) => resolvers.get(cls) } };
}
