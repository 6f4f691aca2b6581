import { accountsEntities, ACCOUNTS_SCHEMA } from '../subgraphs/accounts/src/orm';
import { migrations as accountsMigrations } from '../subgraphs/accounts/src/migrations';
import { schedulesEntities, SCHEDULES_SCHEMA } from '../subgraphs/schedules/src/orm';
import { migrations as schedulesMigrations } from '../subgraphs/schedules/src/migrations';
import { paymentsEntities, PAYMENTS_SCHEMA } from '../subgraphs/payments/src/orm';
import { migrations as paymentsMigrations } from '../subgraphs/payments/src/migrations';

/** Each subgraph's schema, entities and committed migrations (for tooling and schema checks). */
export const subgraphOrmSpecs = {
  accounts: { schema: ACCOUNTS_SCHEMA, entities: accountsEntities, migrations: accountsMigrations },
  schedules: {
    schema: SCHEDULES_SCHEMA,
    entities: schedulesEntities,
    migrations: schedulesMigrations,
  },
  payments: { schema: PAYMENTS_SCHEMA, entities: paymentsEntities, migrations: paymentsMigrations },
};
