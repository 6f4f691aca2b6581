import 'reflect-metadata';
import { runService } from '../../shared/server/run-subgraph';
import { fieldCipherFromConfig } from '../../shared/config/env';
import { useFieldCipher } from '../../shared/crypto/field-cipher';
import { loadConfig } from './config';
import { openAccountsOrm } from './orm';
import { createServer } from './server';
import { assertNoDemoAccounts } from './identity/demo-accounts';

void runService(
  'accounts',
  () => loadConfig(),
  async (config, logger) => {
    // before the ORM opens: migrations and encrypted columns use the configured keys
    useFieldCipher(fieldCipherFromConfig(config));
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
