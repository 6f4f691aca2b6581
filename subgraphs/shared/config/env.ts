import { z } from 'zod';
import { cipherFromConfig, developmentCipher, type FieldCipher } from '../crypto/field-cipher';

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
  /** Field encryption keys, `id:base64key,id:base64key` (32-byte keys); old ids stay to decrypt. */
  FIELD_ENCRYPTION_KEYS: z.string().optional(),
  /** Id (in FIELD_ENCRYPTION_KEYS) new values are encrypted with. */
  FIELD_ENCRYPTION_KEY_ID: z.string().optional(),
  /** Base64 key (≥ 32 bytes) of the blind indexes (equality lookups on encrypted columns). */
  BLIND_INDEX_KEY: z.string().optional(),
  /** Base64 key (≥ 32 bytes) of audit fingerprints; derived from BLIND_INDEX_KEY when unset. */
  AUDIT_FINGERPRINT_KEY: z.string().optional(),
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
  const data = parseOrThrow(schema, env);
  const issues = fieldEncryptionIssues(data);
  if (!data.SERVICE_SECRET && data.NODE_ENV === 'production')
    issues.unshift('SERVICE_SECRET: required in production (at least 24 characters)');
  if (issues.length > 0) throw new ConfigError(issues);
  return withServiceSecret(data);
}

/** The encryption variables of `commonEnv`. */
export interface FieldEncryptionConfig {
  NODE_ENV: string;
  FIELD_ENCRYPTION_KEYS?: string;
  FIELD_ENCRYPTION_KEY_ID?: string;
  BLIND_INDEX_KEY?: string;
  AUDIT_FINGERPRINT_KEY?: string;
}

/**
 * Problems with the field-encryption variables: all three (keys, active id, blind-index key) or
 * none; none means the development cipher, refused in production. Values must parse.
 */
export function fieldEncryptionIssues(data: FieldEncryptionConfig): string[] {
  const given = [data.FIELD_ENCRYPTION_KEYS, data.FIELD_ENCRYPTION_KEY_ID, data.BLIND_INDEX_KEY];
  if (given.every((v) => v === undefined))
    return data.NODE_ENV === 'production'
      ? ['FIELD_ENCRYPTION_KEYS, FIELD_ENCRYPTION_KEY_ID, BLIND_INDEX_KEY: required in production']
      : [];
  try {
    fieldCipherFromConfig(data);
    return [];
  } catch (error) {
    // cipherFromConfig names what is wrong with the keys; report it like every other bad variable
    return [`FIELD_ENCRYPTION_KEYS: ${(error as Error).message}`];
  }
}

/** The cipher the configuration names, or the development cipher when none is configured. */
export function fieldCipherFromConfig(config: FieldEncryptionConfig): FieldCipher {
  const {
    FIELD_ENCRYPTION_KEYS: keys,
    FIELD_ENCRYPTION_KEY_ID: id,
    BLIND_INDEX_KEY: blind,
  } = config;
  if (keys === undefined && id === undefined && blind === undefined) return developmentCipher();
  if (!keys || !id || !blind)
    throw new RangeError(
      'set FIELD_ENCRYPTION_KEYS, FIELD_ENCRYPTION_KEY_ID and BLIND_INDEX_KEY together',
    );
  return cipherFromConfig(keys, id, blind, config.AUDIT_FINGERPRINT_KEY);
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

/** For in-process tools (seed, scripts) that open a subgraph's ORM without its loadConfig. */
export function fieldCipherFromEnv(
  env: Record<string, string | undefined> = process.env,
): FieldCipher {
  const value = (name: string) => (env[name] === '' ? undefined : env[name]);
  return fieldCipherFromConfig({
    NODE_ENV: value('NODE_ENV') ?? 'development',
    FIELD_ENCRYPTION_KEYS: value('FIELD_ENCRYPTION_KEYS'),
    FIELD_ENCRYPTION_KEY_ID: value('FIELD_ENCRYPTION_KEY_ID'),
    BLIND_INDEX_KEY: value('BLIND_INDEX_KEY'),
    AUDIT_FINGERPRINT_KEY: value('AUDIT_FINGERPRINT_KEY'),
  });
}
