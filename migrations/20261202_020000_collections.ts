import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

/**
 * SPEC §11, collections (issue 18), hand-written: promises to pay, reminder rules (one row per
 * step), reminders (unique on invoice and rule step, and on a dedupe key, so a reminder exists
 * once whatever plans it), every send attempt (reminder_attempts), the contact log the
 * collections screen shows (collection_contacts), the customers' reminder settings, the
 * stores' quiet hours, and the two reminder tasks of Payload's jobs queue. DDL only: the
 * planning and cancelling triggers live in src/ledger/sql.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'queueDueReminders';
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'sendReminder';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'queueDueReminders';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'sendReminder';
  CREATE TYPE "public"."enum_reminder_rules_channel" AS ENUM('email', 'sms', 'whatsapp', 'manual');
  CREATE TYPE "public"."enum_reminders_channel" AS ENUM('email', 'sms', 'whatsapp', 'manual');
  CREATE TYPE "public"."enum_reminders_status" AS ENUM('scheduled', 'sent', 'failed', 'cancelled', 'skipped');
  CREATE TYPE "public"."enum_customers_preferred_channel" AS ENUM('email', 'sms', 'whatsapp', 'manual');

  CREATE TABLE "reminder_rules" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"store_id" integer NOT NULL,
  	"offset_days" numeric NOT NULL,
  	"channel" "enum_reminder_rules_channel" NOT NULL,
  	"template" varchar NOT NULL,
  	"active" boolean DEFAULT true,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	CONSTRAINT "reminder_rules_offset_days_whole" CHECK ("offset_days" = trunc("offset_days") AND "offset_days" BETWEEN -365 AND 365)
  );
  CREATE TABLE "reminders" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"store_id" integer NOT NULL,
  	"customer_id" integer NOT NULL,
  	"invoice_id" integer,
  	"rule_id" integer,
  	"channel" "enum_reminders_channel" NOT NULL,
  	"status" "enum_reminders_status" DEFAULT 'scheduled' NOT NULL,
  	"send_on" timestamp(3) with time zone NOT NULL,
  	"attempts" numeric DEFAULT 0 NOT NULL,
  	"sent_at" timestamp(3) with time zone,
  	"recipient" varchar,
  	"text" varchar,
  	"reason" varchar,
  	"dedupe_key" varchar NOT NULL,
  	"queued_at" timestamp(3) with time zone,
  	"claimed_until" timestamp(3) with time zone,
  	"claim_token" varchar,
  	"created_by_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  CREATE TABLE "promises" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"store_id" integer NOT NULL,
  	"customer_id" integer NOT NULL,
  	"amount" numeric NOT NULL,
  	"promised_for" timestamp(3) with time zone NOT NULL,
  	"note" varchar,
  	"created_by_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	CONSTRAINT "promises_amount_minor" CHECK ("amount" > 0 AND "amount" <= 1000000000000 AND "amount" = trunc("amount"))
  );
  -- Every send attempt of a reminder (not a Payload collection: written by the sender only).
  CREATE TABLE "reminder_attempts" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"reminder_id" integer NOT NULL REFERENCES "reminders"("id") ON DELETE cascade,
  	"attempt" integer NOT NULL,
  	"claim_token" varchar NOT NULL,
  	"started_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"finished_at" timestamp(3) with time zone,
  	"outcome" varchar CHECK ("outcome" IN ('sent', 'failed', 'unknown', 'skipped')),
  	"detail" varchar,
  	UNIQUE ("reminder_id", "attempt")
  );
  -- The collections screen's contact log: calls, WhatsApp shares, notes, snoozes, disputes.
  CREATE TABLE "collection_contacts" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"store_id" integer NOT NULL REFERENCES "stores"("id") ON DELETE cascade,
  	"customer_id" integer NOT NULL REFERENCES "customers"("id") ON DELETE cascade,
  	"kind" varchar NOT NULL CHECK ("kind" IN ('call', 'note', 'whatsapp', 'email', 'sms', 'promise', 'snooze', 'dispute', 'resolve')),
  	"note" varchar,
  	"reminder_id" integer REFERENCES "reminders"("id") ON DELETE set null,
  	"created_by_id" integer REFERENCES "users"("id") ON DELETE set null,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  CREATE INDEX "collection_contacts_customer_idx" ON "collection_contacts" USING btree ("customer_id", "created_at");

  ALTER TABLE "customers" ADD COLUMN "reminders_off" boolean DEFAULT false;
  ALTER TABLE "customers" ADD COLUMN "preferred_channel" "enum_customers_preferred_channel";
  ALTER TABLE "customers" ADD COLUMN "snoozed_until" timestamp(3) with time zone;
  ALTER TABLE "customers" ADD COLUMN "disputed" boolean DEFAULT false;
  ALTER TABLE "stores" ADD COLUMN "quiet_hours_start" varchar;
  ALTER TABLE "stores" ADD COLUMN "quiet_hours_end" varchar;
  ALTER TABLE "stores" ADD CONSTRAINT "stores_quiet_hours_format" CHECK (
    ("quiet_hours_start" IS NULL AND "quiet_hours_end" IS NULL)
    OR ("quiet_hours_start" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' AND "quiet_hours_end" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'));

  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "reminder_rules_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "reminders_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "promises_id" integer;

  ALTER TABLE "reminder_rules" ADD CONSTRAINT "reminder_rules_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "reminders" ADD CONSTRAINT "reminders_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "reminders" ADD CONSTRAINT "reminders_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "reminders" ADD CONSTRAINT "reminders_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "reminders" ADD CONSTRAINT "reminders_rule_id_reminder_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."reminder_rules"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "reminders" ADD CONSTRAINT "reminders_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "promises" ADD CONSTRAINT "promises_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "promises" ADD CONSTRAINT "promises_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "promises" ADD CONSTRAINT "promises_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_reminder_rules_fk" FOREIGN KEY ("reminder_rules_id") REFERENCES "public"."reminder_rules"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_reminders_fk" FOREIGN KEY ("reminders_id") REFERENCES "public"."reminders"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_promises_fk" FOREIGN KEY ("promises_id") REFERENCES "public"."promises"("id") ON DELETE cascade ON UPDATE no action;

  CREATE INDEX "reminder_rules_store_idx" ON "reminder_rules" USING btree ("store_id");
  CREATE INDEX "reminder_rules_updated_at_idx" ON "reminder_rules" USING btree ("updated_at");
  CREATE INDEX "reminder_rules_created_at_idx" ON "reminder_rules" USING btree ("created_at");
  -- One step per offset in a store: "3 days after" is one step.
  CREATE UNIQUE INDEX "reminder_rules_store_offset_key" ON "reminder_rules" USING btree ("store_id", "offset_days");
  CREATE INDEX "reminders_store_idx" ON "reminders" USING btree ("store_id");
  CREATE INDEX "reminders_customer_idx" ON "reminders" USING btree ("customer_id");
  CREATE INDEX "reminders_invoice_idx" ON "reminders" USING btree ("invoice_id");
  CREATE INDEX "reminders_rule_idx" ON "reminders" USING btree ("rule_id");
  CREATE INDEX "reminders_created_by_idx" ON "reminders" USING btree ("created_by_id");
  CREATE INDEX "reminders_updated_at_idx" ON "reminders" USING btree ("updated_at");
  CREATE INDEX "reminders_created_at_idx" ON "reminders" USING btree ("created_at");
  -- The exactly-once keys: a reminder of one invoice and one rule step exists once; and every
  -- reminder (an ad-hoc one too) has one dedupe key.
  CREATE UNIQUE INDEX "reminders_invoice_rule_key" ON "reminders" USING btree ("invoice_id", "rule_id") WHERE "invoice_id" IS NOT NULL AND "rule_id" IS NOT NULL;
  CREATE UNIQUE INDEX "reminders_dedupe_key_idx" ON "reminders" USING btree ("dedupe_key");
  CREATE INDEX "reminders_due_idx" ON "reminders" USING btree ("send_on") WHERE "status" = 'scheduled';
  CREATE INDEX "promises_store_idx" ON "promises" USING btree ("store_id");
  CREATE INDEX "promises_customer_idx" ON "promises" USING btree ("customer_id");
  CREATE INDEX "promises_created_by_idx" ON "promises" USING btree ("created_by_id");
  CREATE INDEX "promises_updated_at_idx" ON "promises" USING btree ("updated_at");
  CREATE INDEX "promises_created_at_idx" ON "promises" USING btree ("created_at");
  CREATE INDEX "payload_locked_documents_rels_reminder_rules_id_idx" ON "payload_locked_documents_rels" USING btree ("reminder_rules_id");
  CREATE INDEX "payload_locked_documents_rels_reminders_id_idx" ON "payload_locked_documents_rels" USING btree ("reminders_id");
  CREATE INDEX "payload_locked_documents_rels_promises_id_idx" ON "payload_locked_documents_rels" USING btree ("promises_id");`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  // The jobs enums keep their two new values (Postgres cannot drop an enum value).
  await db.execute(sql`
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_reminder_rules_fk";
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_reminders_fk";
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_promises_fk";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "reminder_rules_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "reminders_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "promises_id";
  DROP TABLE "collection_contacts" CASCADE;
  DROP TABLE "reminder_attempts" CASCADE;
  DROP TABLE "reminders" CASCADE;
  DROP TABLE "reminder_rules" CASCADE;
  DROP TABLE "promises" CASCADE;
  ALTER TABLE "stores" DROP CONSTRAINT "stores_quiet_hours_format";
  ALTER TABLE "stores" DROP COLUMN "quiet_hours_start";
  ALTER TABLE "stores" DROP COLUMN "quiet_hours_end";
  ALTER TABLE "customers" DROP COLUMN "reminders_off";
  ALTER TABLE "customers" DROP COLUMN "preferred_channel";
  ALTER TABLE "customers" DROP COLUMN "snoozed_until";
  ALTER TABLE "customers" DROP COLUMN "disputed";
  DROP TYPE "public"."enum_reminder_rules_channel";
  DROP TYPE "public"."enum_reminders_channel";
  DROP TYPE "public"."enum_reminders_status";
  DROP TYPE "public"."enum_customers_preferred_channel";`)
}
