import 'reflect-metadata';
import { runService } from '../../shared/server/run-subgraph';
import { loadConfig } from './config';
import { openAccountsOrm } from './orm';
import { createServer } from './server';
import { assertNoDemoAccounts } from './identity/demo-accounts';

void runService(
  'accounts',
  () => loadConfig(),
  async (config, logger) => {
    const orm = await openAccountsOrm(config.DATABASE_URL, logger, config.DB_POOL_MAX);
    if (config.NODE_ENV === 'production') await assertNoDemoAccounts(orm);
    const server = await createServer(config, orm, logger);
    const port = await server.listen(config.PORT);
    return {
      port,
      stop: async () => {
        await server.stop();
        await orm.close();
      },
    };
  },
);
