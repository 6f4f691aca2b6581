import { Migration } from '@mikro-orm/migrations';

export class Migration20261204195614 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "accounts"."api_key" ("id" uuid not null, "name" varchar(100) not null, "prefix" varchar(16) not null, "secret_hash" varchar(64) not null, "scopes" text[] not null, "created_by" varchar(64) not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "revoked_at" timestamptz null, "last_used_at" timestamptz null, constraint "api_key_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "accounts"."api_key" add constraint "api_key_secret_hash_unique" unique ("secret_hash");`,
    );

    this.addSql(
      `create table "accounts"."credential" ("id" uuid not null, "subject_type" varchar(16) not null, "subject_id" uuid not null, "email_index" varchar(64) not null, "password_hash" text null, "email_verified_at" timestamptz null, "totp_secret" text null, "totp_enabled_at" timestamptz null, "last_totp_step" int null, "created_at" timestamptz not null, "disabled_at" timestamptz null, constraint "credential_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "accounts"."credential" add constraint "credential_email_index_unique" unique ("email_index");`,
    );
    this.addSql(
      `alter table "accounts"."credential" add constraint "credential_subject_unique" unique ("subject_type", "subject_id");`,
    );

    this.addSql(
      `create table "accounts"."one_time_token" ("id" uuid not null, "purpose" varchar(16) not null, "token_hash" varchar(64) not null, "credential_id" uuid not null, "expires_at" timestamptz not null, "used_at" timestamptz null, "created_at" timestamptz not null, constraint "one_time_token_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "accounts"."one_time_token" add constraint "one_time_token_token_hash_unique" unique ("token_hash");`,
    );
    this.addSql(
      `create index "one_time_token_credential_id_index" on "accounts"."one_time_token" ("credential_id");`,
    );

    this.addSql(
      `create table "accounts"."recovery_code" ("id" uuid not null, "credential_id" uuid not null, "code_hash" varchar(64) not null, "used_at" timestamptz null, "created_at" timestamptz not null, constraint "recovery_code_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "recovery_code_credential_id_index" on "accounts"."recovery_code" ("credential_id");`,
    );
    this.addSql(
      `alter table "accounts"."recovery_code" add constraint "recovery_code_code_hash_unique" unique ("code_hash");`,
    );

    this.addSql(
      `create table "accounts"."session" ("id" uuid not null, "token_hash" varchar(64) not null, "credential_id" uuid not null, "state" varchar(16) not null, "role" varchar(16) not null, "customer_id" uuid null, "created_at" timestamptz not null, "last_seen_at" timestamptz not null, "absolute_expires_at" timestamptz not null, "mfa_verified_at" timestamptz null, "mfa_failures" smallint not null, "revoked_at" timestamptz null, "ip" text null, "user_agent" text null, constraint "session_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "accounts"."session" add constraint "session_token_hash_unique" unique ("token_hash");`,
    );
    this.addSql(
      `create index "session_credential_id_index" on "accounts"."session" ("credential_id");`,
    );

    this.addSql(
      `create table "accounts"."sign_in_throttle" ("email_index" varchar(64) not null, "failed_count" int not null default 0, "last_failed_at" timestamptz null, "locked_until" timestamptz null, constraint "sign_in_throttle_pkey" primary key ("email_index"));`,
    );

    this.addSql(
      `create table "accounts"."staff_user" ("id" uuid not null, "name" text not null, "email" text not null, "email_index" varchar(64) not null, "role" varchar(16) not null, "created_at" timestamptz not null, "disabled_at" timestamptz null, constraint "staff_user_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "accounts"."staff_user" add constraint "staff_user_email_index_unique" unique ("email_index");`,
    );

    this.addSql(
      `alter table "accounts"."one_time_token" add constraint "one_time_token_credential_id_foreign" foreign key ("credential_id") references "accounts"."credential" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "accounts"."recovery_code" add constraint "recovery_code_credential_id_foreign" foreign key ("credential_id") references "accounts"."credential" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "accounts"."session" add constraint "session_credential_id_foreign" foreign key ("credential_id") references "accounts"."credential" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table "accounts"."one_time_token" drop constraint "one_time_token_credential_id_foreign";`,
    );

    this.addSql(
      `alter table "accounts"."recovery_code" drop constraint "recovery_code_credential_id_foreign";`,
    );

    this.addSql(
      `alter table "accounts"."session" drop constraint "session_credential_id_foreign";`,
    );

    this.addSql(`drop table if exists "accounts"."api_key" cascade;`);

    this.addSql(`drop table if exists "accounts"."credential" cascade;`);

    this.addSql(`drop table if exists "accounts"."one_time_token" cascade;`);

    this.addSql(`drop table if exists "accounts"."recovery_code" cascade;`);

    this.addSql(`drop table if exists "accounts"."session" cascade;`);

    this.addSql(`drop table if exists "accounts"."sign_in_throttle" cascade;`);

    this.addSql(`drop table if exists "accounts"."staff_user" cascade;`);
  }
}
