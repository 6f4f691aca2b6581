import type { MikroORM, EntityManager } from '@mikro-orm/postgresql';
import type { ContainerType } from 'type-graphql';
import type { BaseRequestContext } from '../../shared/server/subgraph-server';
import { CustomerService } from './customer/customer.service';
import { CustomerResolver } from './customer/customer.resolver';
import type { AccountService } from './identity/account.service';
import { createIdentityContext } from './identity/identity-context';
import type { IdentityDeps } from './identity/identity-deps';
import type { ChainedAuditTrail } from '../../shared/audit/chained-audit-trail';
import { PersonalDataAccess } from './privacy/personal-data-access';
import { PrivacyService } from './privacy/privacy.service';
import { PrivacyResolver } from './privacy/privacy.resolver';
import type { PersonalDataContributor } from './privacy/personal-data';

/** Process-wide collaborators of the privacy feature (built once in `createServer`). */
export interface PrivacyDeps {
  /** The hash-chained accounts audit trail (identity records through the same one). */
  audit: ChainedAuditTrail;
  /** Features holding personal data, for export and erasure (identity: sessions, logins). */
  personalData: readonly PersonalDataContributor[];
}

export interface AccountsContext extends BaseRequestContext {
  em: EntityManager;
  customers: CustomerService;
  accounts: AccountService;
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
  options: { identity: IdentityDeps; privacy: PrivacyDeps },
): AccountsContext {
  const em = orm.em.fork();
  const customers = new CustomerService(em);
  const identity = createIdentityContext(em, base, options.identity);
  const { audit } = options.privacy;
  const resolvers = new Map<Function, object>([
    [CustomerResolver, new CustomerResolver(customers, base.viewer)],
    [PrivacyResolver, new PrivacyResolver()],
    ...identity.resolvers,
  ]);
  return {
    ...base,
    em,
    customers,
    accounts: identity.accounts,
    container: { get: (cls: Function) => resolvers.get(cls) },
    audit,
    privacy: new PrivacyService(em, base.viewer, audit, options.privacy.personalData),
    personalData: new PersonalDataAccess(em, base.viewer, audit),
  };
}
