import { ArrayType, Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import type { ApiScope } from '../../../shared/auth/viewer';

/** A machine credential (role SERVICE): `ik_<prefix>_<secret>`, stored as SHA-256 only. */
@Entity({ tableName: 'api_key' })
export class ApiKey {
  [OptionalProps]?: 'revokedAt' | 'lastUsedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'string', length: 100 })
  name: string;

  /** The public part shown in lists so a key can be recognised. */
  @Property({ type: 'string', length: 16 })
  prefix: string;

  /** SHA-256 (hex) of the whole key string. */
  @Property({ type: 'string', length: 64, unique: 'api_key_secret_hash_unique' })
  secretHash: string;

  @Property({ type: ArrayType, columnType: 'text[]' })
  scopes: ApiScope[];

  /** Credential id of the admin who created it, or `system` (seed). */
  @Property({ type: 'string', length: 64 })
  createdBy: string;

  @Property({ type: 'datetime' })
  createdAt: Date;

  @Property({ type: 'datetime' })
  expiresAt: Date;

  @Property({ type: 'datetime', nullable: true })
  revokedAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  lastUsedAt: Date | null = null;

  constructor(fields: {
    name: string;
    prefix: string;
    secretHash: string;
    scopes: ApiScope[];
    createdBy: string;
    createdAt: Date;
    expiresAt: Date;
  }) {
    this.name = fields.name;
    this.prefix = fields.prefix;
    this.secretHash = fields.secretHash;
    this.scopes = fields.scopes;
    this.createdBy = fields.createdBy;
    this.createdAt = fields.createdAt;
    this.expiresAt = fields.expiresAt;
  }
}
