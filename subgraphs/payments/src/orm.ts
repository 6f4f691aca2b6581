import type { Logger } from 'pino';
import { openOrm } from '../../shared/db/orm';
import { Payment } from './payment/payment.entity';
import { PlanDirectoryEntry } from './plan-directory/plan-directory.entity';
import { InboxEvent, OutboxEvent } from '../../shared/events/event-tables';
import { migrations } from './migrations';
import { AuditEntry } from '../../shared/audit/audit-entry.entity';

export const PAYMENTS_SCHEMA = 'payments';
export const paymentsEntities = [Payment, PlanDirectoryEntry, OutboxEvent, InboxEvent, AuditEntry];

/** Opens the payments ORM on its own schema and applies committed migrations. */
export const openPaymentsOrm = (
  clientUrl: string,
  logger: Logger,
  poolMax = 5,
  onQuery?: (sql: string) => void,
) =>
  openOrm({
    schema: PAYMENTS_SCHEMA,
    clientUrl,
    entities: paymentsEntities,
    migrations,
    poolMax,
    logger,
    onQuery,
  });
