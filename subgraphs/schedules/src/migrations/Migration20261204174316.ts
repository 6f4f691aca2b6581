import { Migration } from '@mikro-orm/migrations';

export class Migration20261204174316 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "schedules"."installment_plan" add column "terms" jsonb null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "schedules"."installment_plan" drop column "terms";`);
  }
}
