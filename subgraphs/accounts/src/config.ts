import { z } from 'zod';
import { commonEnv, parseEnv, port, url } from '../../shared/config/env';

const flag = z
  .enum(['true', 'false'])
  .default('false')
  .transform((v) => v === 'true');

const accountsEnv = commonEnv.extend({
  PORT: port(4001),
  /** Sessions end after this many minutes without a request (sliding). */
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  /** Sessions end this many hours after sign-in, whatever the activity. */
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  /** How long an email is locked after 10 consecutive failed sign-ins (at least 30). */
  LOCKOUT_MINUTES: z.coerce
    .number()
    .int()
    .min(30)
    .max(24 * 60)
    .default(30),
  /** Failed sign-ins allowed per client IP per 15 minutes. */
  SIGN_IN_IP_LIMIT: z.coerce.number().int().min(1).max(100_000).default(50),
  /** Whether anyone may create a customer account with `signUp`. */
  SELF_SIGN_UP: flag,
  /** Public origin of the portal, used in links sent by mail. */
  PUBLIC_URL: url(['http:', 'https:']).default('http://localhost:4000'),
  /** Folder receiving one JSON file per outgoing mail (development and system tests). */
  MAIL_DIR: z.string().min(1).optional(),
});

export type AccountsConfig = ReturnType<typeof loadConfig>;

/** Reads and validates the accounts subgraph's environment; throws naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env) {
  return parseEnv(accountsEnv, env);
}
