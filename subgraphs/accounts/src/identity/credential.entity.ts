import { Entity, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { EncryptedStringType } from '../../../shared/crypto/encrypted-string.type';

/** Whose login a credential is. */
export type SubjectType = 'CUSTOMER' | 'STAFF';

/**
 * The login of a customer or a staff user: email (as a blind index only), argon2id password hash,
 * TOTP enrolment. Lockout counters live in `SignInThrottle`, keyed by the same email index, so an
 * unknown email is throttled exactly like a known one.
 */
@Entity({ tableName: 'credential' })
@Unique({ name: 'credential_subject_unique', properties: ['subjectType', 'subjectId'] })
export class Credential {
  [OptionalProps]?:
    | 'createdAt'
    | 'passwordHash'
    | 'emailVerifiedAt'
    | 'totpSecret'
    | 'totpEnabledAt'
    | 'lastTotpStep'
    | 'disabledAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'string', length: 16 })
  subjectType: SubjectType;

  /** Customer id or staff user id. */
  @Property({ type: 'uuid' })
  subjectId: string;

  /** `fieldCipher().blindIndex(lower-cased email, 'email')`: one login per email. */
  @Property({ type: 'string', length: 64, unique: 'credential_email_index_unique' })
  emailIndex: string;

  /** argon2id PHC string; null until an invited user chooses a password. */
  @Property({ type: 'text', nullable: true })
  passwordHash: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  emailVerifiedAt: Date | null = null;

  /** Base32 TOTP secret, encrypted; set at enrolment start, enabled at confirmation. */
  @Property({ type: new EncryptedStringType('credential.totp_secret'), nullable: true })
  totpSecret: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  totpEnabledAt: Date | null = null;

  /** Last accepted TOTP time step (RFC 6238 counter): a code is accepted once only. */
  @Property({ type: 'integer', nullable: true })
  lastTotpStep: number | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  disabledAt: Date | null = null;

  constructor(subjectType: SubjectType, subjectId: string, emailIndex: string, createdAt: Date) {
    this.subjectType = subjectType;
    this.subjectId = subjectId;
    this.emailIndex = emailIndex;
    this.createdAt = createdAt;
  }
}
