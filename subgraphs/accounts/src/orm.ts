import type { Logger } from 'pino';
import { openOrm } from '../../shared/db/orm';
import { Customer } from './customer/customer.entity';
import { Consent } from './privacy/consent.entity';
import { AuditEntry } from '../../shared/audit/audit-entry.entity';
import { migrations } from './migrations';
import { Credential } from './identity/credential.entity';
import { SignInThrottle } from './identity/sign-in-throttle.entity';
import { OneTimeToken } from './identity/one-time-token.entity';
import { RecoveryCode } from './mfa/recovery-code.entity';
import { Session } from './session/session.entity';
import { StaffUser } from './staff/staff-user.entity';
import { ApiKey } from './api-key/api-key.entity';

export const ACCOUNTS_SCHEMA = 'accounts';
export const accountsEntities = [
  Customer,
  Credential,
  SignInThrottle,
  OneTimeToken,
  RecoveryCode,
  Session,
  StaffUser,
  ApiKey,
  Consent,
  AuditEntry,
];

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
