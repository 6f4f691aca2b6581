import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * Transactional outbox: an event written in the same transaction as the change it announces,
 * delivered afterwards with retry (at-least-once). Each subgraph has its own table in its schema.
 */
@Entity({ tableName: 'outbox_event' })
@Index({ name: 'outbox_event_pending_idx', properties: ['deliveredAt', 'nextAttemptAt'] })
export class OutboxEvent {
  [OptionalProps]?:
    'createdAt' | 'attempts' | 'nextAttemptAt' | 'lockedUntil' | 'deliveredAt' | 'lastError';

  @PrimaryKey({ type: 'uuid' })
  id: string;

  /** Logical destination (e.g. `schedules`), resolved to a URL by the dispatcher's config. */
  @Property({ type: 'string', length: 64 })
  destination: string;

  @Property({ type: 'string', length: 128 })
  topic: string;

  @Property({ type: 'json' })
  payload: Record<string, unknown>;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'integer', default: 0 })
  attempts = 0;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  nextAttemptAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  lockedUntil?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  deliveredAt?: Date | null;

  @Property({ type: 'string', length: 500, nullable: true })
  lastError?: string | null;

  constructor(id: string, destination: string, topic: string, payload: Record<string, unknown>) {
    this.id = id;
    this.destination = destination;
    this.topic = topic;
    this.payload = payload;
  }
}

/** Inbox: ids of events already applied, so a redelivered event changes nothing (idempotency). */
@Entity({ tableName: 'inbox_event' })
export class InboxEvent {
  [OptionalProps]?: 'receivedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string;

  @Property({ type: 'string', length: 128 })
  topic: string;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  receivedAt: Date = new Date();

  constructor(id: string, topic: string) {
    this.id = id;
    this.topic = topic;
  }
}
