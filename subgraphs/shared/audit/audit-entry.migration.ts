/**
 * DDL of the `audit_entry` table (see AuditEntry) in `schema`, for a subgraph's migration:
 * `auditEntryTableSql('payments').forEach((sql) => this.addSql(sql))`. The app role's
 * UPDATE/DELETE/TRUNCATE are revoked by `openOrm` after every migration run.
 */
export function auditEntryTableSql(schema: string): string[] {
  const table = `"${schema}"."audit_entry"`;
  return [
    `create table ${table} ("seq" bigint not null, "at" timestamptz not null, ` +
      `"actor_role" varchar(16) null, "actor_subject" varchar(100) null, ` +
      `"actor_customer" varchar(100) null, "ip" varchar(64) not null, ` +
      `"user_agent" varchar(300) null, "action" varchar(100) not null, ` +
      `"entity_type" varchar(64) not null, "entity_id" varchar(100) null, "before" jsonb null, ` +
      `"after" jsonb null, "prev_hash" varchar(64) not null, "hash" varchar(64) not null, ` +
      `constraint "audit_entry_pkey" primary key ("seq"));`,
    `create index "audit_entry_entity_idx" on ${table} ("entity_type", "entity_id", "seq");`,
  ];
}
