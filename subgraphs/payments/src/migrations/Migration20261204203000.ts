import { Migration } from '@mikro-orm/migrations';
import { auditEntryTableSql } from '../../../shared/audit/audit-entry.migration';

/** The hash-chained audit trail (append-only for the app role: see openOrm). */
export class Migration20261204203000 extends Migration {
  override async up(): Promise<void> {
    auditEntryTableSql('payments').forEach((sql) => this.addSql(sql));
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "payments"."audit_entry";');
  }
}
