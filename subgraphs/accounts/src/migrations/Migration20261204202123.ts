import { Migration } from '@mikro-orm/migrations';
import { auditEntryTableSql } from '../../../shared/audit/audit-entry.migration';
import { fieldCipher } from '../../../shared/crypto/field-cipher';
import { EMAIL_INDEX_PURPOSE } from '../customer/customer.entity';

/**
 * Data protection: the audit trail, consents, and customer personal data encrypted at rest.
 * Existing plaintext names and emails are encrypted here, with the keys the process is
 * configured with (main.ts sets them before migrating), so no row is ever readable both ways.
 * Old plaintext may linger in dead tuples and WAL until VACUUM and WAL recycling.
 */
export class Migration20261204202123 extends Migration {
  override async up(): Promise<void> {
    auditEntryTableSql('accounts').forEach((sql) => this.addSql(sql));

    this.addSql(
      `create table "accounts"."consent" ("id" uuid not null, "customer_id" uuid not null, "purpose" text check ("purpose" in ('MARKETING_EMAIL', 'PRODUCT_ANALYTICS', 'PARTNER_SHARING')) not null, "text_version" varchar(32) not null, "granted_at" timestamptz not null, "withdrawn_at" timestamptz null, "source_ip" text not null, constraint "consent_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "consent_customer_purpose_idx" on "accounts"."consent" ("customer_id", "purpose", "granted_at");`,
    );
    this.addSql(
      `alter table "accounts"."consent" add constraint "consent_customer_id_foreign" foreign key ("customer_id") references "accounts"."customer" ("id") on update cascade;`,
    );

    this.addSql(`alter table "accounts"."customer" drop constraint "customer_email_unique";`);
    this.addSql(
      `alter table "accounts"."customer" add column "email_index" varchar(64) null, add column "phone" text null, add column "postal_address" text null, add column "erased_at" timestamptz null;`,
    );
    this.addSql(
      `alter table "accounts"."customer" alter column "name" type text using ("name"::text);`,
    );
    this.addSql(
      `alter table "accounts"."customer" alter column "email" type text using ("email"::text);`,
    );
    await this.encryptExistingRows();
    this.addSql(`alter table "accounts"."customer" alter column "email_index" set not null;`);
    this.addSql(
      `alter table "accounts"."customer" add constraint "customer_email_index_unique" unique ("email_index");`,
    );
  }

  private async encryptExistingRows(): Promise<void> {
    const cipher = fieldCipher();
    const rows = await this.execute(`select "id", "name", "email" from "accounts"."customer"`);
    for (const row of rows as { id: string; name: string; email: string }[]) {
      const email = row.email.trim().toLowerCase();
      this.addSql(
        this.getKnex()
          .withSchema('accounts')
          .table('customer')
          .update({
            name: cipher.encrypt(row.name, 'customer.name'),
            email: cipher.encrypt(email, 'customer.email'),
            email_index: cipher.blindIndex(email, EMAIL_INDEX_PURPOSE),
          })
          .where({ id: row.id }),
      );
    }
  }

  override async down(): Promise<void> {
    // personal data stays encrypted: going back would need a decrypting data migration
    throw new Error('Migration20261204202123 cannot be reverted');
  }
}
