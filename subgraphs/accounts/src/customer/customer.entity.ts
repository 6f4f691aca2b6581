import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

/** A customer of a lender: the person who owes the installments. */
@Entity({ tableName: 'customer' })
@Index({ name: 'customer_created_at_id_idx', properties: ['createdAt', 'id'] })
export class Customer {
  [OptionalProps]?: 'createdAt' | 'locale';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'string', length: 200 })
  name: string;

  /** Stored lower-cased; unique per lender (one lender per deployment for now). */
  @Property({ type: 'string', length: 320, unique: true })
  email: string;

  /** BCP 47 language tag used for the portal and messages, e.g. `en-US`. */
  @Property({ type: 'string', length: 35 })
  locale: string = 'en-US';

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  constructor(name: string, email: string, locale?: string) {
    this.name = name;
    this.email = email.toLowerCase();
    if (locale) this.locale = locale;
  }
}
