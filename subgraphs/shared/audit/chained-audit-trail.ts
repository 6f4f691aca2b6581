import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../auth/viewer';
import { fieldCipher, type FieldCipher } from '../crypto/field-cipher';
import { canonicalJson } from './canonical-json';
import { entryHash, GENESIS_HASH, type ChainedFields } from './audit-chain';
import type { AuditEvent, AuditTrail } from './audit-trail';

/** How a personal value appears in the trail. */
export interface RedactedValue {
  redacted: true;
  fingerprint: string | null;
}

/**
 * Replaces `personalFields` of `values` by keyed fingerprints; null stays null inside the marker
 * (the fact that a field was empty is not personal).
 */
export function redactPersonal(
  values: Record<string, unknown> | null | undefined,
  personalFields: readonly string[],
  cipher: FieldCipher,
): Record<string, unknown> | null {
  if (!values) return null;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    out[key] = personalFields.includes(key)
      ? ({
          redacted: true,
          fingerprint:
            value === null
              ? null
              : cipher.fingerprint(typeof value === 'string' ? value : canonicalJson(value), key),
        } satisfies RedactedValue)
      : value;
  }
  return out;
}

/**
 * The audit trail of one subgraph, table `audit_entry` of the ORM's schema. Appends take a
 * transaction-scoped advisory lock per schema, then read the head in a separate statement (in one
 * statement the snapshot would predate the lock: STACK.md 18), so entries chain one at a time; the
 * primary key on `seq` turns any slip into an error, never a fork.
 */
export class ChainedAuditTrail implements AuditTrail {
  constructor(
    private readonly cipher: () => FieldCipher = fieldCipher,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Appends one event inside the caller's transaction (or a new one when there is none). */
  record(em: EntityManager, viewer: Viewer, event: AuditEvent): Promise<void> {
    return this.recordMany(em, viewer, [event]);
  }

  /** Appends several events with one lock and one INSERT (batched reads of personal data). */
  async recordMany(em: EntityManager, viewer: Viewer, events: readonly AuditEvent[]) {
    if (events.length === 0) return;
    if (!em.getTransactionContext()) {
      await em.transactional((inner) => this.append(inner as EntityManager, viewer, events));
      return;
    }
    await this.append(em, viewer, events);
  }

  private async append(em: EntityManager, viewer: Viewer, events: readonly AuditEvent[]) {
    const connection = em.getConnection();
    const trx = em.getTransactionContext();
    const schema = em.config.get('schema') ?? 'public';
    const table = `"${schema.replace(/"/g, '""')}"."audit_entry"`;
    await connection.execute(
      'select pg_advisory_xact_lock(hashtext(?))',
      [`installa:audit:${schema}`],
      'run',
      trx,
    );
    const [head] = await connection.execute<{ seq: string; hash: string }[]>(
      `select seq, hash from ${table} order by seq desc limit 1`,
      [],
      'all',
      trx,
    );
    let seq = head ? Number(head.seq) : 0;
    let prevHash = head?.hash ?? GENESIS_HASH;
    const at = this.now();
    const rows = events.map((event) => {
      seq += 1;
      const fields: ChainedFields = {
        seq,
        at,
        actorRole: viewer.role,
        actorSubject: viewer.subjectId,
        actorCustomer: viewer.customerId,
        ip: viewer.ip.slice(0, 64),
        userAgent: viewer.userAgent?.slice(0, 300) ?? null,
        action: event.action,
        entityType: event.entityType,
        entityId: event.entityId,
        before: redactPersonal(event.before, event.personalFields ?? [], this.cipher()),
        after: redactPersonal(event.after, event.personalFields ?? [], this.cipher()),
        prevHash,
      };
      // jsonb keeps what JSON.parse(JSON.stringify()) keeps: hash exactly that
      fields.before = fields.before && JSON.parse(JSON.stringify(fields.before));
      fields.after = fields.after && JSON.parse(JSON.stringify(fields.after));
      const hash = entryHash(fields);
      prevHash = hash;
      return { ...fields, hash };
    });
    const columns =
      'seq, at, actor_role, actor_subject, actor_customer, ip, user_agent, action, ' +
      'entity_type, entity_id, before, after, prev_hash, hash';
    const placeholders = rows.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?)');
    const params = rows.flatMap((r) => [
      r.seq,
      r.at,
      r.actorRole,
      r.actorSubject,
      r.actorCustomer,
      r.ip,
      r.userAgent,
      r.action,
      r.entityType,
      r.entityId,
      r.before === null ? null : JSON.stringify(r.before),
      r.after === null ? null : JSON.stringify(r.after),
      r.prevHash,
      r.hash,
    ]);
    await connection.execute(
      `insert into ${table} (${columns}) values ${placeholders.join(', ')}`,
      params,
      'run',
      trx,
    );
  }
}
