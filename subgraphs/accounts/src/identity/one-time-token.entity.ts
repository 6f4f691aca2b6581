import { Entity, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Credential } from './credential.entity';

export type TokenPurpose = 'INVITE' | 'VERIFY_EMAIL' | 'RESET_PASSWORD';

/** A single-use, expiring link token (invite, email verification, password reset); hash only. */
@Entity({ tableName: 'one_time_token' })
export class OneTimeToken {
  [OptionalProps]?: 'usedAt' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'string', length: 16 })
  purpose: TokenPurpose;

  /** SHA-256 (hex) of the token sent by mail. */
  @Property({ type: 'string', length: 64, unique: 'one_time_token_token_hash_unique' })
  tokenHash: string;

  @ManyToOne(() => Credential, { ref: true, deleteRule: 'cascade', index: true })
  credential: Ref<Credential>;

  @Property({ type: 'datetime' })
  expiresAt: Date;

  @Property({ type: 'datetime', nullable: true })
  usedAt: Date | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date;

  constructor(
    purpose: TokenPurpose,
    tokenHash: string,
    credential: Ref<Credential>,
    createdAt: Date,
    expiresAt: Date,
  ) {
    this.purpose = purpose;
    this.tokenHash = tokenHash;
    this.credential = credential;
    this.createdAt = createdAt;
    this.expiresAt = expiresAt;
  }
}
