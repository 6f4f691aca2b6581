import {
  Collection,
  Entity,
  Index,
  OneToMany,
  OptionalProps,
  PrimaryKey,
  Property,
} from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { EncryptedStringType } from '../../../shared/crypto/encrypted-string.type';
import { fieldCipher } from '../../../shared/crypto/field-cipher';
import type { Consent } from '../privacy/consent.entity';

/** Blind-index purpose of `Customer.emailIndex`. */
export const EMAIL_INDEX_PURPOSE = 'customer.email';

/** Normalised email (trimmed, lower-case), the form stored and indexed. */
export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

/** Keyed blind index of an email for equality lookups on the encrypted column. */
export const emailIndexOf = (email: string): string =>
  fieldCipher().blindIndex(normaliseEmail(email), EMAIL_INDEX_PURPOSE);

/**
 * A customer of a lender: the person who owes the installments. Personal data (name, email,
 * phone, postal address) is encrypted at rest; `emailIndex` finds a customer by email.
 */
@Entity({ tableName: 'customer' })
@Index({ name: 'customer_created_at_id_idx', properties: ['createdAt', 'id'] })
export class Customer {
  [OptionalProps]?: 'createdAt' | 'locale' | 'emailIndex' | 'phone' | 'postalAddress' | 'erasedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: new EncryptedStringType('customer.name') })
  name: string;

  /** Stored lower-cased and encrypted; set through `changeEmail`, which keeps the index right. */
  @Property({ type: new EncryptedStringType('customer.email') })
  email!: string;

  /** HMAC blind index of the email, unique per lender (one lender per deployment for now). */
  @Property({ type: 'string', length: 64, unique: true })
  emailIndex!: string;

  /** E.164 phone number, optional. */
  @Property({ type: new EncryptedStringType('customer.phone'), nullable: true })
  phone: string | null = null;

  /** Postal address as the lender recorded it (lines separated by newlines), optional. */
  @Property({ type: new EncryptedStringType('customer.postal_address'), nullable: true })
  postalAddress: string | null = null;

  /** BCP 47 language tag used for the portal and messages, e.g. `en-US`. */
  @Property({ type: 'string', length: 35 })
  locale: string = 'en-US';

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  /** When the personal data was erased (GDPR Art. 17); the id stays for financial records. */
  @Property({ type: 'datetime', nullable: true })
  erasedAt: Date | null = null;

  @OneToMany('Consent', 'customer')
  consents = new Collection<Consent>(this);

  constructor(name: string, email: string, locale?: string) {
    this.name = name;
    this.changeEmail(email);
    if (locale) this.locale = locale;
  }

  /** Sets the email (normalised) and its blind index together. */
  changeEmail(email: string): void {
    this.email = normaliseEmail(email);
    this.emailIndex = emailIndexOf(this.email);
  }
}
