import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { SERVICE_SECRET_HEADER } from '../server/service-secret';
import { INTERNAL_EVENTS_PATH, type EventEnvelope } from './event-envelope';
import { qualifiedTable } from '../db/orm';

export interface OutboxDispatcherOptions {
  orm: MikroORM;
  logger: Logger;
  serviceSecret: string;
  /** Base URL per logical destination, e.g. `{ schedules: 'http://127.0.0.1:4002' }`. */
  destinations: Record<string, string>;
  /** Poll interval when idle; `wake()` delivers at once after a commit. */
  pollMs?: number;
  batchSize?: number;
}

interface ClaimedRow {
  id: string;
  destination: string;
  topic: string;
  payload: Record<string, unknown>;
  attempts: number;
}

/** Longest wait between retries of one event. */
const MAX_BACKOFF_MS = 5_000;

/**
 * Delivers outbox rows at least once, with exponential backoff. Rows are claimed with
 * `FOR UPDATE SKIP LOCKED` plus a lease (`locked_until`), so several instances never deliver the
 * same row at the same time, and a crashed instance's claim expires and is retried.
 */
export class OutboxDispatcher {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = true;
  private again = false;
  private readonly log: Logger;
  /** Schema-qualified table: raw SQL does not get the ORM's default schema. */
  private readonly table: string;

  constructor(private readonly options: OutboxDispatcherOptions) {
    this.log = options.logger.child({ feature: 'outbox' });
    this.table = qualifiedTable(options.orm, 'outbox_event');
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Deliver now (called after a transaction that wrote outbox rows commits). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** One pass: claim a batch, deliver it, record outcomes; returns how many were delivered. */
  async deliverBatch(): Promise<number> {
    const rows = await this.claim();
    let delivered = 0;
    for (const row of rows) {
      if (await this.deliver(row)) delivered += 1;
    }
    return delivered;
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.running = this.loop().finally(() => {
        this.running = undefined;
        if (this.stopped) return;
        const next = this.again ? 0 : (this.options.pollMs ?? 500);
        this.again = false;
        this.schedule(next);
      });
    }, delayMs);
  }

  private async loop(): Promise<void> {
    try {
      while (!this.stopped && (await this.deliverBatch()) > 0);
    } catch (error) {
      // the database may be briefly unreachable; the next poll tries again, nothing is lost
      this.log.warn({ err: error }, 'outbox pass failed');
    }
  }

  private async claim(): Promise<ClaimedRow[]> {
    const connection = this.options.orm.em.getConnection();
    return connection.execute<ClaimedRow[]>(
      `update ${this.table} set locked_until = now() + interval '30 seconds', attempts = attempts + 1
        where id in (select id from ${this.table}
          where delivered_at is null and next_attempt_at <= now()
            and (locked_until is null or locked_until < now())
          order by created_at limit ? for update skip locked)
        returning id, destination, topic, payload, attempts`,
      [this.options.batchSize ?? 50],
    );
  }

  private async deliver(row: ClaimedRow): Promise<boolean> {
    const connection = this.options.orm.em.getConnection();
    const base = this.options.destinations[row.destination];
    try {
      if (!base) throw new Error(`no URL configured for destination ${row.destination}`);
      const envelope: EventEnvelope = { id: row.id, topic: row.topic, payload: row.payload };
      const response = await fetch(new URL(INTERNAL_EVENTS_PATH, base), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [SERVICE_SECRET_HEADER]: this.options.serviceSecret,
        },
        body: JSON.stringify(envelope),
        signal: AbortSignal.timeout(5_000),
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      await connection.execute(
        `update ${this.table} set delivered_at = now(), locked_until = null, last_error = null where id = ?`,
        [row.id],
      );
      return true;
    } catch (error) {
      // the receiver may be down or restarting: record the failure and retry later with backoff
      const backoffMs = Math.min(MAX_BACKOFF_MS, 250 * 2 ** Math.min(row.attempts, 10));
      const message = error instanceof Error ? error.message : String(error);
      this.log.warn(
        { eventId: row.id, topic: row.topic, attempts: row.attempts, error: message },
        'event delivery failed',
      );
      await connection.execute(
        `update ${this.table} set locked_until = null, last_error = ?,
           next_attempt_at = now() + (? * interval '1 millisecond') where id = ?`,
        [message.slice(0, 500), backoffMs, row.id],
      );
      return false;
    }
  }
}
