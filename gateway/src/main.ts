import { runService } from '../../subgraphs/shared/server/run-subgraph';
import { loadConfig } from './config';
import { createGateway } from './gateway';

void runService(
  'gateway',
  () => loadConfig(),
  async (config, logger) => {
    const gateway = createGateway(config, logger);
    const port = await gateway.listen(config.PORT);
    return { port, stop: () => gateway.stop() };
  },
);
