import type { MikroORM, EntityManager } from '@mikro-orm/postgresql';
import type { ContainerType } from 'type-graphql';
import type { BaseRequestContext } from '../../shared/server/subgraph-server';
import { CustomerService } from './customer/customer.service';
import { CustomerResolver } from './customer/customer.resolver';
import { ChainedAuditTrail } from '../../shared/audit/chained-audit-trail';
import { PersonalDataAccess } from './privacy/personal-data-access';
import { PrivacyService } from './privacy/privacy.service';
import { PrivacyResolver } from './privacy/privacy.resolver';
import type { PersonalDataContributor } from './privacy/personal-data';

/** The accounts audit trail (stateless; one per process is enough). */
const auditTrail = new ChainedAuditTrail();

export interface AccountsContext extends BaseRequestContext {
  em: EntityManager;
  customers: CustomerService;
  container: ContainerType;
  /** The accounts audit trail (identity records sign-ins etc. through it). */
  audit: ChainedAuditTrail;
  privacy: PrivacyService;
  personalData: PersonalDataAccess;
}

/** Composition root of one request: a fresh unit of work and hand-built services. */
export function createRequestContext(
  orm: MikroORM,
  base: BaseRequestContext,
  options: { viewerEmail?: string; personalData?: readonly PersonalDataContributor[] },
): AccountsContext {
  const em = orm.em.fork();
  const customers = new CustomerService(em);
  const resolvers = new Map<Function, object>([
    [CustomerResolver, new CustomerResolver(customers, options.viewerEmail)],
    [PrivacyResolver, new PrivacyResolver()],
  ]);
  return {
    ...base,
    em,
    customers,
    container: { get: (cls: Function) => resolvers.get(cls) },
    audit: auditTrail,
    privacy: new PrivacyService(em, base.viewer, auditTrail, options.personalData),
    personalData: new PersonalDataAccess(em, base.viewer, auditTrail, options.viewerEmail),
  };
}
