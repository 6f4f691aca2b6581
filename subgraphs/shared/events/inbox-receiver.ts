import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import express, { type Express } from 'express';
import type { Logger } from 'pino';
import { isValidServiceSecret, SERVICE_SECRET_HEADER } from '../server/service-secret';
import { qualifiedTable } from '../db/orm';
import { eventEnvelope, INTERNAL_EVENTS_PATH, type EventEnvelope } from './event-envelope';

/**
 * Applies one event inside the inbox transaction. Returns an optional callback to run after the
 * commit (e.g. publishing to subscribers), so nothing is announced that was rolled back.
 */
export type EventHandler = (
  em: EntityManager,
  event: EventEnvelope,
) => Promise<(() => void) | void>;

/**
 * Applies each event exactly once: the event id is inserted into `inbox_event` in the same
 * transaction as the handler's changes, and a redelivered id is acknowledged without effect.
 */
export async function receiveEvent(
  orm: MikroORM,
  handlers: Record<string, EventHandler>,
  event: EventEnvelope,
): Promise<'applied' | 'duplicate'> {
  const handler = handlers[event.topic];
  if (!handler) throw new UnknownTopicError(event.topic);
  let afterCommit: (() => void) | void = undefined;
  const outcome = await orm.em.fork().transactional(async (em) => {
    const inserted = await em.getConnection().execute<{ id: string }[]>(
      `insert into ${qualifiedTable(orm, 'inbox_event')} (id, topic, received_at) values (?, ?, now())
         on conflict (id) do nothing returning id`,
      [event.id, event.topic],
      'all',
      em.getTransactionContext(),
    );
    if (inserted.length === 0) return 'duplicate' as const;
    afterCommit = await handler(em, event);
    return 'applied' as const;
  });
  if (outcome === 'applied' && afterCommit) (afterCommit as () => void)();
  return outcome;
}

export class UnknownTopicError extends Error {
  constructor(readonly topic: string) {
    super(`No handler for topic ${topic}`);
  }
}

/** Mounts `POST /internal/events`, guarded by the service secret. */
export function mountInbox(
  app: Express,
  options: {
    orm: MikroORM;
    handlers: Record<string, EventHandler>;
    serviceSecret: string;
    logger: Logger;
  },
): void {
  const log = options.logger.child({ feature: 'inbox' });
  app.post(INTERNAL_EVENTS_PATH, express.json({ limit: '256kb' }), async (req, res) => {
    if (!isValidServiceSecret(req.headers[SERVICE_SECRET_HEADER], options.serviceSecret)) {
      res.status(401).json({ error: 'UNAUTHENTICATED' });
      return;
    }
    const parsed = eventEnvelope.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({
        error: 'BAD_USER_INPUT',
        issues: parsed.error.issues.map((i) => i.path.join('.')),
      });
      return;
    }
    try {
      const outcome = await receiveEvent(options.orm, options.handlers, parsed.data);
      res.json({ outcome });
    } catch (error) {
      // a failed handler rolls back with the inbox row, so the sender's retry applies it later
      const unknownTopic = error instanceof UnknownTopicError;
      log.error(
        { err: error, eventId: parsed.data.id, topic: parsed.data.topic },
        'event not applied',
      );
      res
        .status(unknownTopic ? 422 : 500)
        .json({ error: unknownTopic ? 'UNKNOWN_TOPIC' : 'INTERNAL' });
    }
  });
}
