import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * A part of accounts that holds personal data owned by another feature (identity: sessions,
 * credentials, MFA). The privacy service calls every contributor for a data export (Art. 15/20)
 * and an erasure (Art. 17), inside the erasure's transaction, so a new table joins both by
 * registering here rather than by editing the privacy feature.
 */
export interface PersonalDataContributor {
  /** Section name in the export document, e.g. `sessions`. */
  name: string;
  /** What this feature holds about the customer, as JSON-ready data (no secrets, no hashes). */
  export(em: EntityManager, customerId: string): Promise<unknown>;
  /**
   * Removes or neutralises it (e.g. revoke sessions, disable the credential). Throw
   * `ErasureRefusedError` to refuse the whole erasure with a message the customer may read.
   */
  erase(em: EntityManager, customerId: string): Promise<void>;
}

/** Refuses an erasure (rolled back entirely); the message is shown to the requester. */
export class ErasureRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ErasureRefusedError';
  }
}
