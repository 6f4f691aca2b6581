import path from 'node:path';
import { z } from 'zod';
import {
  ConfigError,
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
  /** Requests per minute per client address (all instances together when REDIS_URL is set). */
  RATE_LIMIT_PER_IP_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  /** Requests per minute per signed-in user or API key. */
  RATE_LIMIT_PER_USER_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  /** Prefix of the rate-limit keys in Redis (deployments sharing one Redis keep apart). */
  RATE_LIMIT_NAMESPACE: z
    .string()
    .regex(/^[\w-]{1,40}$/)
    .default('installa'),
  /** Serve HTTPS with this PEM certificate (chain) and key; both or neither. */
  TLS_CERT_FILE: z.string().optional(),
  TLS_KEY_FILE: z.string().optional(),
  /**
   * GraphQL Armor limits on (default) or off — off only to measure their overhead
   * (`npm run bench:auth`); refused in production.
   */
  GATEWAY_HARDENING: z.enum(['on', 'off']).default('on'),
  /** The portal's trusted documents (`npm run trusted-documents` writes it). */
  TRUSTED_DOCUMENTS_PATH: z.string().default(path.join(ROOT, 'schema', 'trusted-documents.json')),
  /**
   * `optional`: trusted documents served by hash, other documents too (development default);
   * `required-for-sessions`: browsers run trusted documents only, API keys anything (production
   * default).
   */
  TRUSTED_DOCUMENTS: z.enum(['optional', 'required-for-sessions']).optional(),
  /** Merge identical in-flight upstream requests (on by default; benchmarks switch it off). */
  GATEWAY_DEDUPE_INFLIGHT: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
});

export type GatewayConfig = Omit<
  z.infer<typeof gatewayEnv>,
  'SERVICE_SECRET' | 'TRUSTED_DOCUMENTS'
> & {
  SERVICE_SECRET: string;
  TRUSTED_DOCUMENTS: 'optional' | 'required-for-sessions';
};

/** Reads and validates the gateway's environment; throws naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): GatewayConfig {
  const parsed = withServiceSecret(parseOrThrow(gatewayEnv, env));
  const config = {
    ...parsed,
    TRUSTED_DOCUMENTS:
      parsed.TRUSTED_DOCUMENTS ??
      (parsed.NODE_ENV === 'production' ? 'required-for-sessions' : 'optional'),
  } as const;
  const problems: string[] = [];
  if (Boolean(config.TLS_CERT_FILE) !== Boolean(config.TLS_KEY_FILE))
    problems.push('TLS_CERT_FILE and TLS_KEY_FILE: give both or neither');
  if (config.NODE_ENV === 'production' && config.GATEWAY_HARDENING === 'off')
    problems.push('GATEWAY_HARDENING: cannot be off in production');
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
