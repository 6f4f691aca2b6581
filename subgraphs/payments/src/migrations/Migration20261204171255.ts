import { Migration } from '@mikro-orm/migrations';

export class Migration20261204171255 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "payments";`);
    this.addSql(
      `create table "payments"."inbox_event" ("id" uuid not null, "topic" varchar(128) not null, "received_at" timestamptz not null default now(), constraint "inbox_event_pkey" primary key ("id"));`,
    );

    this.addSql(
      `create table "payments"."outbox_event" ("id" uuid not null, "destination" varchar(64) not null, "topic" varchar(128) not null, "payload" jsonb not null, "created_at" timestamptz not null default now(), "attempts" int not null default 0, "next_attempt_at" timestamptz not null default now(), "locked_until" timestamptz null, "delivered_at" timestamptz null, "last_error" varchar(500) null, constraint "outbox_event_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "outbox_event_pending_idx" on "payments"."outbox_event" ("delivered_at", "next_attempt_at");`,
    );

    this.addSql(
      `create table "payments"."payment" ("id" uuid not null, "plan_id" uuid not null, "customer_id" uuid not null, "amount" numeric(19,4) not null, "currency" varchar(3) not null, "status" text check ("status" in ('PENDING', 'SUCCEEDED', 'FAILED', 'REVERSED')) not null, "idempotency_key" varchar(100) not null, "created_at" timestamptz not null, constraint "payment_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "payments"."payment" add constraint "payment_idempotency_key_unique" unique ("idempotency_key");`,
    );
    this.addSql(
      `create index "payment_customer_idx" on "payments"."payment" ("customer_id", "created_at");`,
    );
    this.addSql(
      `create index "payment_plan_idx" on "payments"."payment" ("plan_id", "created_at");`,
    );

    this.addSql(
      `create table "payments"."plan_directory" ("plan_id" uuid not null, "customer_id" uuid not null, "currency" varchar(3) not null, "opened_at" timestamptz not null, constraint "plan_directory_pkey" primary key ("plan_id"));`,
    );
    this.addSql(
      `create index "plan_directory_customer_id_index" on "payments"."plan_directory" ("customer_id");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "payments"."inbox_event" cascade;`);

    this.addSql(`drop table if exists "payments"."outbox_event" cascade;`);

    this.addSql(`drop table if exists "payments"."payment" cascade;`);

    this.addSql(`drop table if exists "payments"."plan_directory" cascade;`);

    this.addSql(`drop schema if exists "payments";`);
  }
}
