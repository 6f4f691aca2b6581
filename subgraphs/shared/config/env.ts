import { z } from 'zod';

/** Thrown by `loadConfig` with every bad variable named, so start-up fails with one clear message. */
export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const DEV_SERVICE_SECRET = 'development-only-service-secret-change-me';

export const port = (fallback: number) =>
  z.coerce.number().int().min(0).max(65535).default(fallback);
export const url = (protocols: string[]) =>
  z.string().refine(
    (v) => {
      try {
        return protocols.includes(new URL(v).protocol);
      } catch {
        return false; // new URL throws on malformed input; that is exactly the invalid case
      }
    },
    `must be a URL with protocol ${protocols.join(' or ')}`,
  );

/** Variables every subgraph reads. */
export const commonEnv = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  DATABASE_URL: url(['postgres:', 'postgresql:']),
  REDIS_URL: url(['redis:', 'rediss:']).optional(),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(100).default(5),
  SERVICE_SECRET: z.string().min(24).optional(),
});

export type CommonConfig = Omit<z.infer<typeof commonEnv>, 'SERVICE_SECRET'> & {
  SERVICE_SECRET: string;
};

/**
 * Parses `env` with `schema`, naming every bad variable at once. The service secret (shared by the
 * gateway and the subgraphs) has a development default but is required in production.
 */
export function parseEnv<S extends typeof commonEnv>(
  schema: S,
  env: Record<string, string | undefined>,
): Omit<z.infer<S>, 'SERVICE_SECRET'> & { SERVICE_SECRET: string } {
  return withServiceSecret(parseOrThrow(schema, env));
}

/** Validates `env` (empty strings count as unset) or throws a ConfigError naming every bad variable. */
export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  env: Record<string, string | undefined>,
): z.infer<S> {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`),
    );
  }
  return result.data;
}

/** Fills the development service secret, refusing to run production without a real one. */
export function withServiceSecret<T extends { NODE_ENV: string; SERVICE_SECRET?: string }>(
  data: T,
): Omit<T, 'SERVICE_SECRET'> & { SERVICE_SECRET: string } {
  if (!data.SERVICE_SECRET && data.NODE_ENV === 'production') {
    throw new ConfigError(['SERVICE_SECRET: required in production (at least 24 characters)']);
  }
  return { ...data, SERVICE_SECRET: data.SERVICE_SECRET ?? DEV_SERVICE_SECRET };
}
