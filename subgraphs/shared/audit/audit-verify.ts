import type pg from 'pg';
import { verifyChain, type ChainedFields, type ChainVerification } from './audit-chain';

interface AuditRow {
  seq: string;
  at: Date;
  actor_role: string | null;
  actor_subject: string | null;
  actor_customer: string | null;
  ip: string;
  user_agent: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  prev_hash: string;
  hash: string;
}

const fromRow = (r: AuditRow): ChainedFields & { hash: string } => ({
  seq: Number(r.seq),
  at: r.at,
  actorRole: r.actor_role,
  actorSubject: r.actor_subject,
  actorCustomer: r.actor_customer,
  ip: r.ip,
  userAgent: r.user_agent,
  action: r.action,
  entityType: r.entity_type,
  entityId: r.entity_id,
  before: r.before,
  after: r.after,
  prevHash: r.prev_hash,
  hash: r.hash,
});

/** True when `schema` has an audit trail table. */
export async function hasAuditTrail(client: pg.ClientBase, schema: string): Promise<boolean> {
  const { rows } = await client.query<{ found: string | null }>(
    'select to_regclass($1)::text as found',
    [`"${schema.replace(/"/g, '""')}"."audit_entry"`],
  );
  return Boolean(rows[0]?.found);
}

/** Verifies the audit chain of one subgraph schema over a plain `pg` connection. */
export function verifyAuditTrail(
  client: pg.ClientBase,
  schema: string,
  pageSize = 1000,
): Promise<ChainVerification> {
  const table = `"${schema.replace(/"/g, '""')}"."audit_entry"`;
  return verifyChain(async (afterSeq, limit) => {
    const { rows } = await client.query<AuditRow>(
      `select * from ${table} where seq > $1 order by seq limit $2`,
      [afterSeq, limit],
    );
    return rows.map(fromRow);
  }, pageSize);
}
