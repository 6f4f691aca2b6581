import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { requireRecentMfa, requireRole } from '../../../shared/auth/policy';
import type { ApiScope, Viewer } from '../../../shared/auth/viewer';
import { badInput } from '../../../shared/errors/domain-error';
import type { IdentityDeps } from '../identity/identity-deps';
import { outcome } from '../identity/identity.results';
import { newSecretToken, sha256Hex } from '../identity/secret-token';
import { ApiKey } from './api-key.entity';
import {
  ApiKeyCreated,
  ApiKeyNotFound,
  ApiKeyRevoked,
  ApiKeyType,
  type RevokeApiKeyResult,
} from './api-key.type';

/** Longest lifetime of an API key. */
export const API_KEY_MAX_DAYS = 366;

/** A new key string and its public prefix: `ik_<8 base36 chars>_<43 base64url chars>`. */
export function newApiKeySecret(): { key: string; prefix: string } {
  const prefix = Array.from(randomBytes(8), (b) => (b % 36).toString(36)).join('');
  return { key: `ik_${prefix}_${newSecretToken()}`, prefix };
}

/** API key administration (ADMIN with a recent MFA). One instance per request. */
export class ApiKeyService {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Viewer,
    private readonly deps: IdentityDeps,
  ) {}

  /** Every key, newest first (never the secret). */
  async list(): Promise<ApiKeyType[]> {
    requireRole(this.viewer, 'ADMIN');
    const rows = await this.em.find(ApiKey, {}, { orderBy: { createdAt: 'desc', id: 'desc' } });
    return rows.map(ApiKeyType.from);
  }

  /** Creates a key; the secret is in the result only, the table keeps its SHA-256. */
  async create(input: {
    name: string;
    scopes: ApiScope[];
    expiresAt: Date;
  }): Promise<ApiKeyCreated> {
    this.requireAdminStepUp();
    const now = this.deps.clock();
    const maxExpiry = now.getTime() + API_KEY_MAX_DAYS * 86_400_000;
    if (input.expiresAt <= now || input.expiresAt.getTime() > maxExpiry)
      throw badInput('input.expiresAt', `Choose an expiry within ${API_KEY_MAX_DAYS} days.`);
    if (input.scopes.length === 0) throw badInput('input.scopes', 'Grant at least one scope.');
    const { entity, key } = await this.em.transactional(async (em) => {
      const created = issueApiKey(em, {
        name: input.name,
        scopes: [...new Set(input.scopes)],
        createdBy: this.viewer.subjectId ?? 'unknown',
        now,
        expiresAt: input.expiresAt,
      });
      await em.flush();
      await this.deps.audit.record(em, this.viewer, {
        action: 'api_key_created',
        entityType: 'api_key',
        entityId: created.entity.id,
        after: { name: input.name, scopes: created.entity.scopes, prefix: created.entity.prefix },
      });
      return created;
    });
    return outcome(ApiKeyCreated, { apiKey: ApiKeyType.from(entity), secret: key });
  }

  /** Revokes a key at once (the gateway's next lookup answers REVOKED). */
  async revoke(id: string): Promise<typeof RevokeApiKeyResult> {
    this.requireAdminStepUp();
    const key = await this.em.findOne(ApiKey, { id });
    if (!key)
      return outcome(ApiKeyNotFound, {
        code: 'API_KEY_NOT_FOUND',
        message: 'No API key has this id.',
      });
    await this.em.transactional(async (em) => {
      key.revokedAt ??= this.deps.clock();
      await em.flush();
      await this.deps.audit.record(em, this.viewer, {
        action: 'api_key_revoked',
        entityType: 'api_key',
        entityId: key.id,
      });
    });
    return outcome(ApiKeyRevoked, { apiKey: ApiKeyType.from(key) });
  }

  private requireAdminStepUp(): void {
    requireRole(this.viewer, 'ADMIN');
    requireRecentMfa(this.viewer, this.deps.clock().getTime(), this.deps.settings.stepUpMs);
  }
}

/** Persists a new key in `em` (flushed by the caller); also used by the seed. */
export function issueApiKey(
  em: EntityManager,
  fields: { name: string; scopes: ApiScope[]; createdBy: string; now: Date; expiresAt: Date },
): { entity: ApiKey; key: string } {
  const { key, prefix } = newApiKeySecret();
  const entity = new ApiKey({
    name: fields.name,
    prefix,
    secretHash: sha256Hex(key),
    scopes: fields.scopes,
    createdBy: fields.createdBy,
    createdAt: fields.now,
    expiresAt: fields.expiresAt,
  });
  em.persist(entity);
  return { entity, key };
}
