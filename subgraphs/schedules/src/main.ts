import 'reflect-metadata';
import { runService } from '../../shared/server/run-subgraph';
import { loadConfig } from './config';
import { openSchedulesOrm } from './orm';
import { createServer } from './server';

void runService(
  'schedules',
  () => loadConfig(),
  async (config, logger) => {
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
