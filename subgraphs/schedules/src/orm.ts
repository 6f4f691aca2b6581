import type { Logger } from 'pino';
import { openOrm } from '../../shared/db/orm';
import { AppliedPayment, Installment, InstallmentPlan } from './plan/plan.entity';
import { InboxEvent, OutboxEvent } from '../../shared/events/event-tables';
import { migrations } from './migrations';
import { AuditEntry } from '../../shared/audit/audit-entry.entity';
import { ServicingAction } from './servicing-actions/servicing-action.entity';

export const SCHEDULES_SCHEMA = 'schedules';
export const schedulesEntities = [
  InstallmentPlan,
  Installment,
  AppliedPayment,
  ServicingAction,
  OutboxEvent,
  InboxEvent,
  AuditEntry,
];

/** Opens the schedules ORM on its own schema and applies committed migrations. */
export const openSchedulesOrm = (
  clientUrl: string,
  logger: Logger,
  poolMax = 5,
  onQuery?: (sql: string) => void,
) =>
  openOrm({
    schema: SCHEDULES_SCHEMA,
    clientUrl,
    entities: schedulesEntities,
    migrations,
    poolMax,
    logger,
    onQuery,
  });
