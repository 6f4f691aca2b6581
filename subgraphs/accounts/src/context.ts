import type { MikroORM, EntityManager } from '@mikro-orm/postgresql';
import type { ContainerType } from 'type-graphql';
import type { BaseRequestContext } from '../../shared/server/subgraph-server';
import { CustomerService } from './customer/customer.service';
import { CustomerResolver } from './customer/customer.resolver';

export interface AccountsContext extends BaseRequestContext {
  em: EntityManager;
  customers: CustomerService;
  container: ContainerType;
}

/** Composition root of one request: a fresh unit of work and hand-built services. */
export function createRequestContext(
  orm: MikroORM,
  base: BaseRequestContext,
  options: { viewerEmail?: string },
): AccountsContext {
  const em = orm.em.fork();
  const customers = new CustomerService(em);
  const resolvers = new Map<Function, object>([
    [CustomerResolver, new CustomerResolver(customers, options.viewerEmail)],
  ]);
  return { ...base, em, customers, container: { get: (cls: Function) => resolvers.get(cls) } };
}
