import { commonEnv, parseEnv, port, url } from '../../shared/config/env';

const paymentsEnv = commonEnv.extend({
  PORT: port(4003),
  /** Where payment events for schedules are delivered (its /internal/events). */
  SCHEDULES_URL: url(['http:', 'https:']).default('http://127.0.0.1:4002'),
});

export type PaymentsConfig = ReturnType<typeof loadConfig>;

/** Reads and validates the payments subgraph's environment; throws naming every bad variable. */
export const loadConfig = (env: Record<string, string | undefined> = process.env) =>
  parseEnv(paymentsEnv, env);
