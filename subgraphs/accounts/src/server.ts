import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { createSubgraphServer, type SubgraphServer } from '../../shared/server/subgraph-server';
import { checkDatabaseReady } from '../../shared/db/orm';
import { buildAccountsSchema } from './schema';
import { createRequestContext, type AccountsContext } from './context';
import type { AccountsConfig } from './config';
import type { PersonalDataContributor } from './privacy/personal-data';

/** The accounts subgraph's HTTP + WebSocket server, ready to `listen`. */
export async function createServer(
  config: Pick<AccountsConfig, 'SERVICE_SECRET' | 'DEMO_VIEWER_EMAIL'>,
  orm: MikroORM,
  logger: Logger,
  options: { personalData?: readonly PersonalDataContributor[] } = {},
): Promise<SubgraphServer<AccountsContext>> {
  return createSubgraphServer<AccountsContext>({
    name: 'accounts',
    schema: await buildAccountsSchema(),
    logger,
    serviceSecret: config.SERVICE_SECRET,
    createContext: (base) =>
      createRequestContext(orm, base, {
        viewerEmail: config.DEMO_VIEWER_EMAIL,
        personalData: options.personalData,
      }),
    checkReady: () => checkDatabaseReady(orm),
  });
}
