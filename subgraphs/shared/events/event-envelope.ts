import { z } from 'zod';

/** The body POSTed from one subgraph's outbox to another's `/internal/events`. */
export const eventEnvelope = z.object({
  id: z.uuid(),
  topic: z.string().min(1).max(128),
  payload: z.record(z.string(), z.unknown()),
});
export type EventEnvelope = z.infer<typeof eventEnvelope>;

/** Path of the internal event endpoint every receiving subgraph serves. */
export const INTERNAL_EVENTS_PATH = '/internal/events';
