import { BigIntType, Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * One entry of a subgraph's audit trail (table `audit_entry` in the subgraph's schema). Entries
 * are only ever inserted (the app role has no UPDATE/DELETE/TRUNCATE on the table) and chained:
 * `hash` is SHA-256 over the canonical JSON of the entry including `prevHash`, the previous
 * entry's hash. A subgraph adds the table by listing this entity and one migration
 * (`auditEntryMigrationSql`).
 */
@Entity({ tableName: 'audit_entry' })
@Index({ name: 'audit_entry_entity_idx', properties: ['entityType', 'entityId', 'seq'] })
export class AuditEntry {
  /** Chain position, 1, 2, 3… without gaps; primary key, so unique. */
  @PrimaryKey({ type: new BigIntType('number'), autoincrement: false })
  seq!: number;

  /** When it happened (UTC, millisecond precision so the hash survives the round trip). */
  @Property({ type: 'datetime' })
  at!: Date;

  @Property({ type: 'string', length: 16, nullable: true })
  actorRole!: string | null;

  /** Login, API key or `system`; never a name or email. */
  @Property({ type: 'string', length: 100, nullable: true })
  actorSubject!: string | null;

  @Property({ type: 'string', length: 100, nullable: true })
  actorCustomer!: string | null;

  @Property({ type: 'string', length: 64 })
  ip!: string;

  @Property({ type: 'string', length: 300, nullable: true })
  userAgent!: string | null;

  /** What happened, `<entity>.<verb>` in snake case, e.g. `customer.read_pii`. */
  @Property({ type: 'string', length: 100 })
  action!: string;

  @Property({ type: 'string', length: 64 })
  entityType!: string;

  @Property({ type: 'string', length: 100, nullable: true })
  entityId!: string | null;

  /** Values before the change; personal fields as `{ redacted: true, fingerprint }`. */
  @Property({ type: 'json', nullable: true })
  before!: Record<string, unknown> | null;

  @Property({ type: 'json', nullable: true })
  after!: Record<string, unknown> | null;

  @Property({ type: 'string', length: 64 })
  prevHash!: string;

  @Property({ type: 'string', length: 64 })
  hash!: string;
}
