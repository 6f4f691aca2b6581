import { z } from 'zod';
import { commonEnv, parseEnv, port, url } from '../../shared/config/env';

const schedulesEnv = commonEnv.extend({
  PORT: port(4002),
  /** Where plan events for payments are delivered (its /internal/events). */
  PAYMENTS_URL: url(['http:', 'https:']).default('http://127.0.0.1:4003'),
  /** Fixed business date (YYYY-MM-DD) for demos and staff time travel; today (UTC) when unset. */
  BUSINESS_DATE: z.iso.date().optional(),
});

export type SchedulesConfig = ReturnType<typeof loadConfig>;

/** Reads and validates the schedules subgraph's environment; throws naming every bad variable. */
export const loadConfig = (env: Record<string, string | undefined> = process.env) =>
  parseEnv(schedulesEnv, env);
