import { Migration } from '@mikro-orm/migrations';

export class Migration20261204171250 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "schedules";`);
    this.addSql(
      `create table "schedules"."inbox_event" ("id" uuid not null, "topic" varchar(128) not null, "received_at" timestamptz not null default now(), constraint "inbox_event_pkey" primary key ("id"));`,
    );

    this.addSql(
      `create table "schedules"."installment_plan" ("id" uuid not null, "customer_id" uuid not null, "title" varchar(200) not null, "currency" varchar(3) not null, "principal" numeric(19,4) not null, "credit_balance" numeric(19,4) not null, "status" text check ("status" in ('PENDING', 'ACTIVE', 'PAID_OFF', 'CANCELLED')) not null default 'ACTIVE', "created_at" timestamptz not null, constraint "installment_plan_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "installment_plan_customer_idx" on "schedules"."installment_plan" ("customer_id", "created_at");`,
    );

    this.addSql(
      `create table "schedules"."installment" ("id" uuid not null, "plan_id" uuid not null, "number" int not null, "due_date" date not null, "principal" numeric(19,4) not null, "interest" numeric(19,4) not null, "fees" numeric(19,4) not null, "paid_principal" numeric(19,4) not null, "paid_interest" numeric(19,4) not null, "paid_fees" numeric(19,4) not null, constraint "installment_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "schedules"."installment" add constraint "installment_plan_number_unique" unique ("plan_id", "number");`,
    );

    this.addSql(
      `create table "schedules"."applied_payment" ("payment_id" uuid not null, "plan_id" uuid not null, "amount" numeric(19,4) not null, "applied_at" timestamptz not null, constraint "applied_payment_pkey" primary key ("payment_id"));`,
    );

    this.addSql(
      `create table "schedules"."outbox_event" ("id" uuid not null, "destination" varchar(64) not null, "topic" varchar(128) not null, "payload" jsonb not null, "created_at" timestamptz not null default now(), "attempts" int not null default 0, "next_attempt_at" timestamptz not null default now(), "locked_until" timestamptz null, "delivered_at" timestamptz null, "last_error" varchar(500) null, constraint "outbox_event_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "outbox_event_pending_idx" on "schedules"."outbox_event" ("delivered_at", "next_attempt_at");`,
    );

    this.addSql(
      `alter table "schedules"."installment" add constraint "installment_plan_id_foreign" foreign key ("plan_id") references "schedules"."installment_plan" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "schedules"."applied_payment" add constraint "applied_payment_plan_id_foreign" foreign key ("plan_id") references "schedules"."installment_plan" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table "schedules"."installment" drop constraint "installment_plan_id_foreign";`,
    );

    this.addSql(
      `alter table "schedules"."applied_payment" drop constraint "applied_payment_plan_id_foreign";`,
    );

    this.addSql(`drop table if exists "schedules"."inbox_event" cascade;`);

    this.addSql(`drop table if exists "schedules"."installment_plan" cascade;`);

    this.addSql(`drop table if exists "schedules"."installment" cascade;`);

    this.addSql(`drop table if exists "schedules"."applied_payment" cascade;`);

    this.addSql(`drop table if exists "schedules"."outbox_event" cascade;`);

    this.addSql(`drop schema if exists "schedules";`);
  }
}
