import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { createSubgraphServer, type SubgraphServer } from '../../shared/server/subgraph-server';
import { checkDatabaseReady } from '../../shared/db/orm';
import { createAppPubSub } from '../../shared/events/pubsub';
import { mountInbox } from '../../shared/events/inbox-receiver';
import { OutboxDispatcher } from '../../shared/events/outbox-dispatcher';
import { buildSchedulesSchema } from './schema';
import { createRequestContext, type SchedulesContext } from './context';
import { PAYMENT_RECORDED, paymentRecordedHandler } from './payment-intake/payment-intake';
import type { SchedulesConfig } from './config';
import type { AuditTrail } from '../../shared/audit/audit-trail';
import {
  DEFAULT_WAIVER_APPROVAL_THRESHOLD,
  parseApprovalThresholds,
} from './servicing-actions/approval-threshold';
import { ChainedAuditTrail } from '../../shared/audit/chained-audit-trail';

export interface SchedulesService {
  server: SubgraphServer<SchedulesContext>;
  outbox: OutboxDispatcher;
  stop(): Promise<void>;
}

/** Business date: the configured one, or today's UTC calendar date. */
export const businessClock = (fixed?: string) => () =>
  fixed ?? new Date().toISOString().slice(0, 10);

/**
 * The schedules subgraph: GraphQL server, payment inbox, plan outbox and balance pub/sub.
 * `options.audit` records maker-checker decisions (default: the schema's hash-chained trail).
 */
export async function createServer(
  config: Pick<SchedulesConfig, 'SERVICE_SECRET' | 'REDIS_URL' | 'PAYMENTS_URL' | 'BUSINESS_DATE'> &
    Partial<Pick<SchedulesConfig, 'WAIVER_APPROVAL_THRESHOLD'>>,
  orm: MikroORM,
  logger: Logger,
  options: { audit?: AuditTrail } = {},
): Promise<SchedulesService> {
  const { pubSub, close } = createAppPubSub(config.REDIS_URL);
  const outbox = new OutboxDispatcher({
    orm,
    logger,
    serviceSecret: config.SERVICE_SECRET,
    destinations: { payments: config.PAYMENTS_URL },
  });
  const today = businessClock(config.BUSINESS_DATE);
  const thresholds =
    config.WAIVER_APPROVAL_THRESHOLD ??
    parseApprovalThresholds(DEFAULT_WAIVER_APPROVAL_THRESHOLD).thresholds;
  const audit = options.audit ?? new ChainedAuditTrail();
  const server = await createSubgraphServer<SchedulesContext>({
    name: 'schedules',
    schema: await buildSchedulesSchema(pubSub),
    logger,
    serviceSecret: config.SERVICE_SECRET,
    createContext: (base) =>
      createRequestContext(
        { orm, today, wakeOutbox: () => outbox.wake(), pubSub, thresholds, audit },
        base,
      ),
    checkReady: () => checkDatabaseReady(orm),
    routes: (app) =>
      mountInbox(app, {
        orm,
        logger,
        serviceSecret: config.SERVICE_SECRET,
        handlers: { [PAYMENT_RECORDED]: paymentRecordedHandler(pubSub, logger, today) },
      }),
  });
  outbox.start();
  return {
    server,
    outbox,
    stop: async () => {
      await outbox.stop();
      await server.stop();
      await close();
    },
  };
}
