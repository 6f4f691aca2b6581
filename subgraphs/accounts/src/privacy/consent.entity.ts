import {
  Entity,
  Enum,
  Index,
  ManyToOne,
  OptionalProps,
  PrimaryKey,
  Property,
} from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Customer } from '../customer/customer.entity';
import { EncryptedStringType } from '../../../shared/crypto/encrypted-string.type';

/** What a customer may consent to; each purpose is granted and withdrawn on its own. */
export enum ConsentPurpose {
  MARKETING_EMAIL = 'MARKETING_EMAIL',
  PRODUCT_ANALYTICS = 'PRODUCT_ANALYTICS',
  PARTNER_SHARING = 'PARTNER_SHARING',
}

/**
 * One grant of consent (GDPR Art. 7): which purpose, which version of the consent text, when,
 * from where, and when withdrawn. Rows are never deleted: a new grant is a new row, so the
 * history proves what was agreed to at any time.
 */
@Entity({ tableName: 'consent' })
@Index({ name: 'consent_customer_purpose_idx', properties: ['customer', 'purpose', 'grantedAt'] })
export class Consent {
  [OptionalProps]?: 'grantedAt' | 'withdrawnAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Customer)
  customer: Customer;

  @Enum({ items: () => ConsentPurpose })
  purpose: ConsentPurpose;

  /** Version of the consent text shown, e.g. `2026-01`. */
  @Property({ type: 'string', length: 32 })
  textVersion: string;

  @Property({ type: 'datetime' })
  grantedAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  withdrawnAt: Date | null = null;

  /** Client address the grant came from (proof of consent, Art. 7(1)), encrypted. */
  @Property({ type: new EncryptedStringType('consent.source_ip') })
  sourceIp: string;

  constructor(customer: Customer, purpose: ConsentPurpose, textVersion: string, sourceIp: string) {
    this.customer = customer;
    this.purpose = purpose;
    this.textVersion = textVersion;
    this.sourceIp = sourceIp;
  }
}
