import { Migration } from '@mikro-orm/migrations';

export class Migration20261204200237 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "schedules"."servicing_action" ("id" uuid not null, "plan_id" uuid not null, "kind" text check ("kind" in ('WAIVER', 'WRITE_OFF')) not null, "status" text check ("status" in ('PENDING_APPROVAL', 'APPLIED', 'REJECTED')) not null, "installment_number" int null, "component" text check ("component" in ('PENALTY', 'FEE', 'INTEREST')) null, "amount" numeric(19,4) null, "currency" varchar(3) not null, "reason" varchar(500) not null, "requested_by" varchar(64) not null, "requested_at" timestamptz not null, "decided_by" varchar(64) null, "decided_at" timestamptz null, "decision_reason" varchar(500) null, "applied_on" date null, "waiver_lines" jsonb null, constraint "servicing_action_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "servicing_action_plan_idx" on "schedules"."servicing_action" ("plan_id", "status");`,
    );
    this.addSql(
      `create index "servicing_action_status_idx" on "schedules"."servicing_action" ("status", "requested_at");`,
    );

    this.addSql(
      `alter table "schedules"."servicing_action" add constraint "servicing_action_plan_id_foreign" foreign key ("plan_id") references "schedules"."installment_plan" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "schedules"."installment_plan" drop constraint if exists "installment_plan_status_check";`,
    );

    this.addSql(
      `alter table "schedules"."installment_plan" add constraint "installment_plan_status_check" check("status" in ('PENDING', 'ACTIVE', 'PAID_OFF', 'CANCELLED', 'WRITTEN_OFF'));`,
    );

    this.addSql(
      `alter table "schedules"."installment" add column "waived_interest" numeric(19,4) not null default 0, add column "waived_fees" numeric(19,4) not null default 0;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "schedules"."servicing_action" cascade;`);

    this.addSql(
      `alter table "schedules"."installment_plan" drop constraint if exists "installment_plan_status_check";`,
    );

    this.addSql(
      `alter table "schedules"."installment" drop column "waived_interest", drop column "waived_fees";`,
    );

    this.addSql(
      `alter table "schedules"."installment_plan" add constraint "installment_plan_status_check" check("status" in ('PENDING', 'ACTIVE', 'PAID_OFF', 'CANCELLED'));`,
    );
  }
}
