import { Entity, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import type { Role } from '../../../shared/auth/viewer';
import { EncryptedStringType } from '../../../shared/crypto/encrypted-string.type';
import { Credential } from '../identity/credential.entity';

/** PENDING_MFA: password accepted, second factor outstanding (role withheld); ACTIVE: signed in. */
export type SessionState = 'PENDING_MFA' | 'ACTIVE';

/** A server-side session; the browser holds only the opaque token, this row only its hash. */
@Entity({ tableName: 'session' })
export class Session {
  [OptionalProps]?: 'mfaVerifiedAt' | 'revokedAt' | 'mfaFailures' | 'ip' | 'userAgent';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** SHA-256 (hex) of the cookie token: the one indexed lookup per request. */
  @Property({ type: 'string', length: 64, unique: 'session_token_hash_unique' })
  tokenHash: string;

  @ManyToOne(() => Credential, { ref: true, deleteRule: 'cascade', index: true })
  credential: Ref<Credential>;

  @Property({ type: 'string', length: 16 })
  state: SessionState;

  /** The role the session grants once ACTIVE (a PENDING_MFA session grants none). */
  @Property({ type: 'string', length: 16 })
  role: Role;

  @Property({ type: 'uuid', nullable: true })
  customerId: string | null;

  @Property({ type: 'datetime' })
  createdAt: Date;

  /** Sliding idle window; written at most every 30 s by the gateway's resolve call. */
  @Property({ type: 'datetime' })
  lastSeenAt: Date;

  @Property({ type: 'datetime' })
  absoluteExpiresAt: Date;

  @Property({ type: 'datetime', nullable: true })
  mfaVerifiedAt: Date | null = null;

  /** Wrong second-factor codes on this session; it is revoked at 5. */
  @Property({ type: 'smallint' })
  mfaFailures: number = 0;

  @Property({ type: 'datetime', nullable: true })
  revokedAt: Date | null = null;

  @Property({ type: new EncryptedStringType('session.ip'), nullable: true })
  ip: string | null = null;

  @Property({ type: new EncryptedStringType('session.user_agent'), nullable: true })
  userAgent: string | null = null;

  constructor(fields: {
    tokenHash: string;
    credential: Ref<Credential>;
    state: SessionState;
    role: Role;
    customerId: string | null;
    createdAt: Date;
    absoluteExpiresAt: Date;
  }) {
    this.tokenHash = fields.tokenHash;
    this.credential = fields.credential;
    this.state = fields.state;
    this.role = fields.role;
    this.customerId = fields.customerId;
    this.createdAt = fields.createdAt;
    this.lastSeenAt = fields.createdAt;
    this.absoluteExpiresAt = fields.absoluteExpiresAt;
  }
}
