import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_credit_card_invoices_status" AS ENUM('open', 'partial', 'paid', 'overdue');
  CREATE TYPE "public"."enum_payment_statuses_payment_type" AS ENUM('fixed', 'variable', 'credit_card');
  CREATE TYPE "public"."enum_payment_statuses_status" AS ENUM('pending', 'partial', 'paid', 'overdue');
  CREATE TABLE "credit_cards" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"store_id" integer NOT NULL,
  	"name" varchar NOT NULL,
  	"last4" varchar NOT NULL,
  	"cardholder" varchar NOT NULL,
  	"currency" varchar DEFAULT 'INR' NOT NULL,
  	"closing_day" numeric NOT NULL,
  	"due_day" numeric NOT NULL,
  	"credit_limit" numeric,
  	"active" boolean DEFAULT true,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "credit_card_invoices" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"store_id" integer NOT NULL,
  	"credit_card_id" integer NOT NULL,
  	"label" varchar,
  	"cardholder" varchar,
  	"last4" varchar,
  	"start_date" timestamp(3) with time zone NOT NULL,
  	"end_date" timestamp(3) with time zone NOT NULL,
  	"due_date" timestamp(3) with time zone,
  	"is_closed" boolean DEFAULT false,
  	"closed_at" timestamp(3) with time zone,
  	"total_amount" numeric DEFAULT 0,
  	"purchases_count" numeric DEFAULT 0,
  	"billing_period_days" numeric DEFAULT 0,
  	"amount_paid" numeric DEFAULT 0,
  	"amount_due" numeric DEFAULT 0,
  	"status" "enum_credit_card_invoices_status" DEFAULT 'open',
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "payment_statuses" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"store_id" integer NOT NULL,
  	"name" varchar NOT NULL,
  	"payment_type" "enum_payment_statuses_payment_type" DEFAULT 'fixed' NOT NULL,
  	"month_year" varchar NOT NULL,
  	"due_date" timestamp(3) with time zone NOT NULL,
  	"expected_amount" numeric,
  	"currency" varchar DEFAULT 'INR',
  	"credit_card_invoice_id" integer,
  	"notes" varchar,
  	"amount_paid" numeric DEFAULT 0,
  	"status" "enum_payment_statuses_status" DEFAULT 'pending',
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "transactions" ADD COLUMN "credit_card_id" integer;
  ALTER TABLE "transactions" ADD COLUMN "credit_card_invoice_id" integer;
  ALTER TABLE "transactions" ADD COLUMN "payment_status_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "credit_cards_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "credit_card_invoices_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "payment_statuses_id" integer;
  ALTER TABLE "credit_cards" ADD CONSTRAINT "credit_cards_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "credit_card_invoices" ADD CONSTRAINT "credit_card_invoices_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "credit_card_invoices" ADD CONSTRAINT "credit_card_invoices_credit_card_id_credit_cards_id_fk" FOREIGN KEY ("credit_card_id") REFERENCES "public"."credit_cards"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "payment_statuses" ADD CONSTRAINT "payment_statuses_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "payment_statuses" ADD CONSTRAINT "payment_statuses_credit_card_invoice_id_credit_card_invoices_id_fk" FOREIGN KEY ("credit_card_invoice_id") REFERENCES "public"."credit_card_invoices"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "credit_cards_store_idx" ON "credit_cards" USING btree ("store_id");
  CREATE INDEX "credit_cards_last4_idx" ON "credit_cards" USING btree ("last4");
  CREATE INDEX "credit_cards_active_idx" ON "credit_cards" USING btree ("active");
  CREATE INDEX "credit_cards_updated_at_idx" ON "credit_cards" USING btree ("updated_at");
  CREATE INDEX "credit_cards_created_at_idx" ON "credit_cards" USING btree ("created_at");
  CREATE INDEX "credit_card_invoices_store_idx" ON "credit_card_invoices" USING btree ("store_id");
  CREATE INDEX "credit_card_invoices_credit_card_idx" ON "credit_card_invoices" USING btree ("credit_card_id");
  CREATE INDEX "credit_card_invoices_cardholder_idx" ON "credit_card_invoices" USING btree ("cardholder");
  CREATE INDEX "credit_card_invoices_last4_idx" ON "credit_card_invoices" USING btree ("last4");
  CREATE INDEX "credit_card_invoices_start_date_idx" ON "credit_card_invoices" USING btree ("start_date");
  CREATE INDEX "credit_card_invoices_end_date_idx" ON "credit_card_invoices" USING btree ("end_date");
  CREATE INDEX "credit_card_invoices_is_closed_idx" ON "credit_card_invoices" USING btree ("is_closed");
  CREATE INDEX "credit_card_invoices_status_idx" ON "credit_card_invoices" USING btree ("status");
  CREATE INDEX "credit_card_invoices_updated_at_idx" ON "credit_card_invoices" USING btree ("updated_at");
  CREATE INDEX "credit_card_invoices_created_at_idx" ON "credit_card_invoices" USING btree ("created_at");
  CREATE INDEX "payment_statuses_store_idx" ON "payment_statuses" USING btree ("store_id");
  CREATE INDEX "payment_statuses_month_year_idx" ON "payment_statuses" USING btree ("month_year");
  CREATE INDEX "payment_statuses_credit_card_invoice_idx" ON "payment_statuses" USING btree ("credit_card_invoice_id");
  CREATE INDEX "payment_statuses_status_idx" ON "payment_statuses" USING btree ("status");
  CREATE INDEX "payment_statuses_updated_at_idx" ON "payment_statuses" USING btree ("updated_at");
  CREATE INDEX "payment_statuses_created_at_idx" ON "payment_statuses" USING btree ("created_at");
  ALTER TABLE "transactions" ADD CONSTRAINT "transactions_credit_card_id_credit_cards_id_fk" FOREIGN KEY ("credit_card_id") REFERENCES "public"."credit_cards"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "transactions" ADD CONSTRAINT "transactions_credit_card_invoice_id_credit_card_invoices_id_fk" FOREIGN KEY ("credit_card_invoice_id") REFERENCES "public"."credit_card_invoices"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "transactions" ADD CONSTRAINT "transactions_payment_status_id_payment_statuses_id_fk" FOREIGN KEY ("payment_status_id") REFERENCES "public"."payment_statuses"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_credit_cards_fk" FOREIGN KEY ("credit_cards_id") REFERENCES "public"."credit_cards"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_credit_card_invoices_fk" FOREIGN KEY ("credit_card_invoices_id") REFERENCES "public"."credit_card_invoices"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_payment_statuses_fk" FOREIGN KEY ("payment_statuses_id") REFERENCES "public"."payment_statuses"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "transactions_credit_card_idx" ON "transactions" USING btree ("credit_card_id");
  CREATE INDEX "transactions_credit_card_invoice_idx" ON "transactions" USING btree ("credit_card_invoice_id");
  CREATE INDEX "transactions_payment_status_idx" ON "transactions" USING btree ("payment_status_id");
  CREATE INDEX "payload_locked_documents_rels_credit_cards_id_idx" ON "payload_locked_documents_rels" USING btree ("credit_cards_id");
  CREATE INDEX "payload_locked_documents_rels_credit_card_invoices_id_idx" ON "payload_locked_documents_rels" USING btree ("credit_card_invoices_id");
  CREATE INDEX "payload_locked_documents_rels_payment_statuses_id_idx" ON "payload_locked_documents_rels" USING btree ("payment_statuses_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "credit_cards" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "credit_card_invoices" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "payment_statuses" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "credit_cards" CASCADE;
  DROP TABLE "credit_card_invoices" CASCADE;
  DROP TABLE "payment_statuses" CASCADE;
  ALTER TABLE "transactions" DROP CONSTRAINT "transactions_credit_card_id_credit_cards_id_fk";
  
  ALTER TABLE "transactions" DROP CONSTRAINT "transactions_credit_card_invoice_id_credit_card_invoices_id_fk";
  
  ALTER TABLE "transactions" DROP CONSTRAINT "transactions_payment_status_id_payment_statuses_id_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_credit_cards_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_credit_card_invoices_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_payment_statuses_fk";
  
  DROP INDEX "transactions_credit_card_idx";
  DROP INDEX "transactions_credit_card_invoice_idx";
  DROP INDEX "transactions_payment_status_idx";
  DROP INDEX "payload_locked_documents_rels_credit_cards_id_idx";
  DROP INDEX "payload_locked_documents_rels_credit_card_invoices_id_idx";
  DROP INDEX "payload_locked_documents_rels_payment_statuses_id_idx";
  ALTER TABLE "transactions" DROP COLUMN "credit_card_id";
  ALTER TABLE "transactions" DROP COLUMN "credit_card_invoice_id";
  ALTER TABLE "transactions" DROP COLUMN "payment_status_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "credit_cards_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "credit_card_invoices_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "payment_statuses_id";
  DROP TYPE "public"."enum_credit_card_invoices_status";
  DROP TYPE "public"."enum_payment_statuses_payment_type";
  DROP TYPE "public"."enum_payment_statuses_status";`)
}
