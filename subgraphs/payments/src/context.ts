import type { MikroORM, EntityManager } from '@mikro-orm/postgresql';
import type { ContainerType } from 'type-graphql';
import type { BaseRequestContext } from '../../shared/server/subgraph-server';
import { PaymentService } from './payment/payment.service';
import {
  CustomerPaymentsResolver,
  PaymentResolver,
  PlanPaymentsResolver,
} from './payment/payment.resolver';

export interface PaymentsContext extends BaseRequestContext {
  em: EntityManager;
  payments: PaymentService;
  container: ContainerType;
}

/** Composition root of one request: a fresh unit of work and hand-built services. */
export function createRequestContext(
  orm: MikroORM,
  base: BaseRequestContext,
  wakeOutbox: () => void,
): PaymentsContext {
  const em = orm.em.fork();
  const payments = new PaymentService(em, base.viewer, wakeOutbox);
  const resolvers = new Map<Function, object>([
    [PaymentResolver, new PaymentResolver(payments)],
    [PlanPaymentsResolver, new PlanPaymentsResolver(payments)],
    [CustomerPaymentsResolver, new CustomerPaymentsResolver(payments)],
  ]);
  return { ...base, em, payments, container: { get: (cls: Function) => resolvers.get(cls) } };
}
