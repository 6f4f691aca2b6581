import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../auth/viewer';

/**
 * One audited fact: who (the viewer), what (`action`, e.g. `session.signed_in`, `customer.updated`,
 * `customer.read_pii`), which entity, and before/after values. Fields named in `personalFields`
 * are never stored in the clear: the trail keeps a keyed fingerprint so a change is visible and a
 * known value can be checked, while erasure and key rotation never have to touch the trail.
 */
export interface AuditEvent {
  action: string;
  entityType: string;
  entityId: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  personalFields?: readonly string[];
}

/**
 * The append-only, hash-chained audit log of one subgraph. `record` writes within the caller's
 * unit of work (`em`, inside its transaction), so the fact and the change commit together.
 */
export interface AuditTrail {
  record(em: EntityManager, viewer: Viewer, event: AuditEvent): Promise<void>;
}
