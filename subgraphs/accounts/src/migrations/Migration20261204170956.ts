import { Migration } from '@mikro-orm/migrations';

export class Migration20261204170956 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "accounts";`);
    this.addSql(
      `create table "accounts"."customer" ("id" uuid not null, "name" varchar(200) not null, "email" varchar(320) not null, "locale" varchar(35) not null, "created_at" timestamptz not null, constraint "customer_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "accounts"."customer" add constraint "customer_email_unique" unique ("email");`,
    );
    this.addSql(
      `create index "customer_created_at_id_idx" on "accounts"."customer" ("created_at", "id");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "accounts"."customer" cascade;`);

    this.addSql(`drop schema if exists "accounts";`);
  }
}
