import type { Logger } from 'pino';
import { openOrm } from '../../shared/db/orm';
import { Customer } from './customer/customer.entity';
import { Consent } from './privacy/consent.entity';
import { AuditEntry } from '../../shared/audit/audit-entry.entity';
import { migrations } from './migrations';

export const ACCOUNTS_SCHEMA = 'accounts';
export const accountsEntities = [Customer, Consent, AuditEntry];

/** Opens the accounts ORM on its own schema and applies committed migrations. */
export const openAccountsOrm = (
  clientUrl: string,
  logger: Logger,
  poolMax = 5,
  onQuery?: (sql: string) => void,
) =>
  openOrm({
    schema: ACCOUNTS_SCHEMA,
    clientUrl,
    entities: accountsEntities,
    migrations,
    poolMax,
    logger,
    onQuery,
  });
