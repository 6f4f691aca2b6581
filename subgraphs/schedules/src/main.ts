import 'reflect-metadata';
import { runService } from '../../shared/server/run-subgraph';
import { fieldCipherFromConfig } from '../../shared/config/env';
import { useFieldCipher } from '../../shared/crypto/field-cipher';
import { loadConfig } from './config';
import { openSchedulesOrm } from './orm';
import { createServer } from './server';

void runService(
  'schedules',
  () => loadConfig(),
  async (config, logger) => {
    // before the ORM opens: migrations and encrypted columns use the configured keys
    useFieldCipher(fieldCipherFromConfig(config));
    const orm = await openSchedulesOrm(config.DATABASE_URL, logger, config.DB_POOL_MAX);
    const service = await createServer(config, orm, logger);
    const port = await service.server.listen(config.PORT);
    return {
      port,
      stop: async () => {
        await service.stop();
        await orm.close();
      },
    };
  },
);
