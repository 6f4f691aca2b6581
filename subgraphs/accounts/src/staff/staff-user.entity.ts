import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { EncryptedStringType } from '../../../shared/crypto/encrypted-string.type';
import { fieldCipher } from '../../../shared/crypto/field-cipher';

/** Roles a staff user can hold. */
export type StaffRole = 'AGENT' | 'ADMIN' | 'AUDITOR';

/** A lender employee; name and email encrypted, email found by blind index. */
@Entity({ tableName: 'staff_user' })
export class StaffUser {
  [OptionalProps]?: 'disabledAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: new EncryptedStringType('staff_user.name') })
  name: string;

  @Property({ type: new EncryptedStringType('staff_user.email') })
  email: string;

  @Property({ type: 'string', length: 64, unique: 'staff_user_email_index_unique' })
  emailIndex: string;

  @Property({ type: 'string', length: 16 })
  role: StaffRole;

  @Property({ type: 'datetime' })
  createdAt: Date;

  @Property({ type: 'datetime', nullable: true })
  disabledAt: Date | null = null;

  constructor(name: string, email: string, role: StaffRole, createdAt: Date) {
    this.name = name;
    this.email = email.trim().toLowerCase();
    this.emailIndex = fieldCipher().blindIndex(this.email, 'email');
    this.role = role;
    this.createdAt = createdAt;
  }
}
