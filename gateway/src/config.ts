import path from 'node:path';
import { z } from 'zod';
import {
  LOG_LEVELS,
  parseOrThrow,
  port,
  url,
  withServiceSecret,
} from '../../subgraphs/shared/config/env';

const ROOT = path.resolve(__dirname, '..', '..').replace(/[\\/]dist$/, '');

const gatewayEnv = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  PORT: port(4000),
  HOST: z.string().default('127.0.0.1'),
  ACCOUNTS_URL: url(['http:', 'https:']).default('http://127.0.0.1:4001/graphql'),
  SCHEDULES_URL: url(['http:', 'https:']).default('http://127.0.0.1:4002/graphql'),
  PAYMENTS_URL: url(['http:', 'https:']).default('http://127.0.0.1:4003/graphql'),
  SERVICE_SECRET: z.string().min(24).optional(),
  REDIS_URL: url(['redis:', 'rediss:']).optional(),
  SUPERGRAPH_PATH: z.string().default(path.join(ROOT, 'schema', 'supergraph.graphql')),
  /** Built portal (ng build output); served on the same origin when it exists. */
  PORTAL_DIR: z.string().default(path.join(ROOT, 'dist', 'portal', 'browser')),
  /** Other origins (comma-separated, e.g. https://portal.example.com) allowed to open WebSockets. */
  ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    ),
  /**
   * Query planner: `rust` (@graphql-hive/router-runtime: faster, fresh cross-subgraph data on every
   * subscription event) or `js` (the runtime's default; kept for comparison in benchmarks).
   */
  GATEWAY_QUERY_PLANNER: z.enum(['rust', 'js']).default('rust'),
  /** Merge identical in-flight upstream requests (on by default; benchmarks switch it off). */
  GATEWAY_DEDUPE_INFLIGHT: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
});

export type GatewayConfig = Omit<z.infer<typeof gatewayEnv>, 'SERVICE_SECRET'> & {
  SERVICE_SECRET: string;
};

/** Reads and validates the gateway's environment; throws naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): GatewayConfig {
  return withServiceSecret(parseOrThrow(gatewayEnv, env));
}
