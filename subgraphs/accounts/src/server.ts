import path from 'node:path';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import Redis from 'ioredis';
import { createSubgraphServer, type SubgraphServer } from '../../shared/server/subgraph-server';
import { checkDatabaseReady } from '../../shared/db/orm';
import { buildAccountsSchema } from './schema';
import { createRequestContext, type AccountsContext } from './context';
import type { AccountsConfig } from './config';
import type { PersonalDataContributor } from './privacy/personal-data';
import { identityPersonalData } from './privacy/identity-personal-data';
import { ChainedAuditTrail } from '../../shared/audit/chained-audit-trail';
import { identitySettings, type IdentityDeps } from './identity/identity-deps';
import { PasswordHasher } from './identity/password';
import { IpLimiter } from './identity/ip-limiter';
import { FileMailer } from './mail/mailer';
import { IdentityMails } from './mail/identity-mails';
import { ViewerLookup } from './session/viewer-lookup';
import { authResolveRoute } from './session/auth-resolve.route';

/** Configuration `createServer` reads; identity settings take their defaults when absent. */
export type ServerConfig = Pick<AccountsConfig, 'SERVICE_SECRET'> &
  Partial<
    Pick<
      AccountsConfig,
      | 'SESSION_IDLE_MINUTES'
      | 'SESSION_ABSOLUTE_HOURS'
      | 'LOCKOUT_MINUTES'
      | 'SIGN_IN_IP_LIMIT'
      | 'SELF_SIGN_UP'
      | 'PUBLIC_URL'
      | 'MAIL_DIR'
      | 'REDIS_URL'
    >
  >;

/** The accounts subgraph's HTTP + WebSocket server, ready to `listen`. */
export async function createServer(
  config: ServerConfig,
  orm: MikroORM,
  logger: Logger,
  overrides: Partial<IdentityDeps> & { personalData?: readonly PersonalDataContributor[] } = {},
): Promise<SubgraphServer<AccountsContext>> {
  const redis = config.REDIS_URL
    ? new Redis(config.REDIS_URL, { lazyConnect: false, maxRetriesPerRequest: 2 })
    : undefined;
  const audit = new ChainedAuditTrail();
  const { personalData = [identityPersonalData], ...identityOverrides } = overrides;
  const privacy = { audit, personalData };
  const identity: IdentityDeps = {
    settings: identitySettings(config),
    clock: () => new Date(),
    hasher: new PasswordHasher(),
    mailer: new FileMailer(config.MAIL_DIR ?? path.join(process.cwd(), '.data', 'mail')),
    mails: new IdentityMails(config.PUBLIC_URL ?? 'http://localhost:4000'),
    audit,
    ipLimiter: new IpLimiter(config.SIGN_IN_IP_LIMIT ?? 50, redis),
    ...identityOverrides,
  };
  const lookup = new ViewerLookup(orm, identity.settings, identity.clock);
  const server = await createSubgraphServer<AccountsContext>({
    name: 'accounts',
    schema: await buildAccountsSchema(),
    logger,
    serviceSecret: config.SERVICE_SECRET,
    createContext: (base) => createRequestContext(orm, base, { identity, privacy }),
    checkReady: () => checkDatabaseReady(orm),
    routes: authResolveRoute(lookup, config.SERVICE_SECRET, logger),
  });
  if (!redis) return server;
  return {
    ...server,
    stop: async () => {
      await server.stop();
      redis.disconnect();
    },
  };
}
