import { z } from 'zod';
import { commonEnv, parseEnv, port } from '../../shared/config/env';

const accountsEnv = commonEnv.extend({
  PORT: port(4001),
  /**
   * Development stand-in for sign-in: `me` resolves to this customer. Refused in production;
   * replaced by sessions when identity lands.
   */
  DEMO_VIEWER_EMAIL: z.email().optional(),
});

export type AccountsConfig = ReturnType<typeof loadConfig>;

/** Reads and validates the accounts subgraph's environment; throws naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env) {
  const config = parseEnv(accountsEnv, env);
  if (config.NODE_ENV === 'production' && config.DEMO_VIEWER_EMAIL) {
    throw new Error('Invalid configuration:\n  - DEMO_VIEWER_EMAIL: not allowed in production');
  }
  return config;
}
