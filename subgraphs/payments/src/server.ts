import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { createSubgraphServer, type SubgraphServer } from '../../shared/server/subgraph-server';
import { checkDatabaseReady } from '../../shared/db/orm';
import { mountInbox } from '../../shared/events/inbox-receiver';
import { OutboxDispatcher } from '../../shared/events/outbox-dispatcher';
import { buildPaymentsSchema } from './schema';
import { createRequestContext, type PaymentsContext } from './context';
import { PLAN_OPENED, planOpenedHandler } from './plan-directory/plan-opened.handler';
import type { PaymentsConfig } from './config';

export interface PaymentsService {
  server: SubgraphServer<PaymentsContext>;
  outbox: OutboxDispatcher;
  stop(): Promise<void>;
}

/** The payments subgraph: GraphQL server, plan-directory inbox and payment outbox. */
export async function createServer(
  config: Pick<PaymentsConfig, 'SERVICE_SECRET' | 'SCHEDULES_URL'>,
  orm: MikroORM,
  logger: Logger,
): Promise<PaymentsService> {
  const outbox = new OutboxDispatcher({
    orm,
    logger,
    serviceSecret: config.SERVICE_SECRET,
    destinations: { schedules: config.SCHEDULES_URL },
  });
  const server = await createSubgraphServer<PaymentsContext>({
    name: 'payments',
    schema: await buildPaymentsSchema(),
    logger,
    serviceSecret: config.SERVICE_SECRET,
    createContext: (base) => createRequestContext(orm, base, () => outbox.wake()),
    checkReady: () => checkDatabaseReady(orm),
    routes: (app) =>
      mountInbox(app, {
        orm,
        logger,
        serviceSecret: config.SERVICE_SECRET,
        handlers: { [PLAN_OPENED]: planOpenedHandler },
      }),
  });
  outbox.start();
  return {
    server,
    outbox,
    stop: async () => {
      await outbox.stop();
      await server.stop();
    },
  };
}
