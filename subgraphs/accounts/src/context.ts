import type { MikroORM, EntityManager } from '@mikro-orm/postgresql';
import type { ContainerType } from 'type-graphql';
import type { BaseRequestContext } from '../../shared/server/subgraph-server';
import { CustomerService } from './customer/customer.service';
import { CustomerResolver } from './customer/customer.resolver';
import type { AccountService } from './identity/account.service';
import { createIdentityContext } from './identity/identity-context';
import type { IdentityDeps } from './identity/identity-deps';

export interface AccountsContext extends BaseRequestContext {
  em: EntityManager;
  customers: CustomerService;
  accounts: AccountService;
  container: ContainerType;
}

/** Composition root of one request: a fresh unit of work and hand-built services. */
export function createRequestContext(
  orm: MikroORM,
  base: BaseRequestContext,
  options: { identity: IdentityDeps },
): AccountsContext {
  const em = orm.em.fork();
  const customers = new CustomerService(em);
  const identity = createIdentityContext(em, base, options.identity);
  const resolvers = new Map<Function, object>([
    [CustomerResolver, new CustomerResolver(customers, base.viewer)],
    ...identity.resolvers,
  ]);
  return {
    ...base,
    em,
    customers,
    accounts: identity.accounts,
    container: { get: (cls: Function) => resolvers.get(cls) },
  };
}
