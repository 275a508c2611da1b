import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_customers_gender" AS ENUM('female', 'male', 'other');
  CREATE TYPE "public"."enum_invoices_kind" AS ENUM('bill', 'invoice', 'timesheet');
  CREATE TYPE "public"."enum_invoices_status" AS ENUM('draft', 'open', 'partial', 'paid', 'overdue', 'void');
  CREATE TYPE "public"."enum_transactions_type" AS ENUM('income', 'expense');
  CREATE TYPE "public"."enum_transactions_kind" AS ENUM('payment', 'advance_deposit', 'advance_refund', 'expense', 'card_payment', 'reversal', 'write_off');
  CREATE TYPE "public"."enum_transactions_method" AS ENUM('cash', 'card', 'upi', 'wallet', 'bank_transfer', 'cheque', 'stripe', 'paypal', 'credit_card');
  CREATE TYPE "public"."enum_advance_payments_reference_type" AS ENUM('appointment', 'booking', 'enquiry', 'direct');
  CREATE TYPE "public"."enum_advance_payments_method" AS ENUM('cash', 'card', 'upi', 'bank_transfer', 'cheque', 'stripe', 'paypal', 'credit_card');
  CREATE TYPE "public"."enum_advance_payments_status" AS ENUM('active', 'utilized', 'refunded', 'expired');
  CREATE TYPE "public"."enum_bookings_kind" AS ENUM('appointment', 'booking', 'enquiry');
  CREATE TYPE "public"."enum_bookings_gender" AS ENUM('female', 'male', 'other');
  CREATE TYPE "public"."enum_bookings_payment_mode" AS ENUM('cash', 'card', 'upi', 'bank_transfer', 'cheque', 'stripe', 'paypal', 'credit_card');
  CREATE TYPE "public"."enum_assets_kind" AS ENUM('crane', 'tow_truck', 'other');
  CREATE TABLE "customers" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"store_id" integer NOT NULL,
  	"name" varchar NOT NULL,
  	"phone" varchar NOT NULL,
  	"email" varchar,
  	"gender" "enum_customers_gender",
  	"address" varchar,
  	"notes" varchar,
  	"pending_balance" numeric DEFAULT 0,
  	"advance_balance" numeric DEFAULT 0,
  	"total_billed" numeric DEFAULT 0,
  	"total_paid" numeric DEFAULT 0,
  	"visits" numeric DEFAULT 0,
  	"last_visit_at" timestamp(3) with time zone,
  	"services_count" numeric DEFAULT 0,
  	"active_rentals" numeric DEFAULT 0,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "invoices_items" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"description" varchar NOT NULL,
  	"quantity" numeric DEFAULT 1 NOT NULL,
  	"unit_price" numeric NOT NULL
  );
  
  CREATE TABLE "invoices" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"store_id" integer NOT NULL,
  	"customer_id" integer NOT NULL,
  	"kind" "enum_invoices_kind" DEFAULT 'invoice' NOT NULL,
  	"number" varchar,
  	"issue_date" timestamp(3) with time zone,
  	"due_date" timestamp(3) with time zone,
  	"discount" numeric,
  	"complimentary" boolean DEFAULT false,
  	"asset_id" integer,
  	"period_start" timestamp(3) with time zone,
  	"period_end" timestamp(3) with time zone,
  	"hours" numeric,
  	"rate" numeric,
  	"status" "enum_invoices_status" DEFAULT 'draft' NOT NULL,
  	"subtotal" numeric DEFAULT 0,
  	"total" numeric DEFAULT 0,
  	"amount_paid" numeric DEFAULT 0,
  	"amount_due" numeric DEFAULT 0,
  	"posted_at" timestamp(3) with time zone,
  	"voided_at" timestamp(3) with time zone,
  	"void_reason" varchar,
  	"notes" varchar,
  	"created_by_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "transactions" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"store_id" integer NOT NULL,
  	"date" timestamp(3) with time zone NOT NULL,
  	"type" "enum_transactions_type" NOT NULL,
  	"kind" "enum_transactions_kind" NOT NULL,
  	"amount" numeric NOT NULL,
  	"method" "enum_transactions_method" NOT NULL,
  	"customer_id" integer,
  	"invoice_id" integer,
  	"advance_payment_id" integer,
  	"reversal_of_id" integer,
  	"reference" varchar,
  	"notes" varchar,
  	"created_by_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "allocations" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"store_id" integer NOT NULL,
  	"transaction_id" integer NOT NULL,
  	"invoice_id" integer NOT NULL,
  	"amount" numeric NOT NULL,
  	"reversal_of_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "advance_payments" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"store_id" integer NOT NULL,
  	"customer_id" integer NOT NULL,
  	"reference_type" "enum_advance_payments_reference_type" DEFAULT 'direct' NOT NULL,
  	"reference_id" varchar,
  	"amount" numeric NOT NULL,
  	"method" "enum_advance_payments_method" DEFAULT 'cash' NOT NULL,
  	"payment_reference" varchar,
  	"status" "enum_advance_payments_status" DEFAULT 'active',
  	"utilized_amount" numeric DEFAULT 0,
  	"refunded_amount" numeric DEFAULT 0,
  	"remaining_amount" numeric DEFAULT 0,
  	"transaction_id" integer,
  	"notes" varchar,
  	"created_by_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "advance_utilizations" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"store_id" integer NOT NULL,
  	"advance_payment_id" integer NOT NULL,
  	"invoice_id" integer NOT NULL,
  	"amount" numeric NOT NULL,
  	"reversal_of_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "bookings_services" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"description" varchar NOT NULL,
  	"price" numeric NOT NULL
  );
  
  CREATE TABLE "bookings" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"store_id" integer NOT NULL,
  	"kind" "enum_bookings_kind" DEFAULT 'appointment' NOT NULL,
  	"phone" varchar NOT NULL,
  	"country_code" varchar,
  	"customer_name" varchar NOT NULL,
  	"gender" "enum_bookings_gender",
  	"email" varchar,
  	"scheduled_at" timestamp(3) with time zone,
  	"advance_amount" numeric,
  	"payment_mode" "enum_bookings_payment_mode",
  	"notes" varchar,
  	"customer_id" integer,
  	"advance_payment_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "assets" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"store_id" integer NOT NULL,
  	"name" varchar NOT NULL,
  	"kind" "enum_assets_kind" DEFAULT 'crane' NOT NULL,
  	"registration" varchar,
  	"rate" numeric NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "customers_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "invoices_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "transactions_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "allocations_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "advance_payments_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "advance_utilizations_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "bookings_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "assets_id" integer;
  ALTER TABLE "customers" ADD CONSTRAINT "customers_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "invoices_items" ADD CONSTRAINT "invoices_items_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."invoices"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "invoices" ADD CONSTRAINT "invoices_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "invoices" ADD CONSTRAINT "invoices_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "invoices" ADD CONSTRAINT "invoices_asset_id_assets_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."assets"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "invoices" ADD CONSTRAINT "invoices_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "transactions" ADD CONSTRAINT "transactions_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "transactions" ADD CONSTRAINT "transactions_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "transactions" ADD CONSTRAINT "transactions_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "transactions" ADD CONSTRAINT "transactions_advance_payment_id_advance_payments_id_fk" FOREIGN KEY ("advance_payment_id") REFERENCES "public"."advance_payments"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "transactions" ADD CONSTRAINT "transactions_reversal_of_id_transactions_id_fk" FOREIGN KEY ("reversal_of_id") REFERENCES "public"."transactions"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "transactions" ADD CONSTRAINT "transactions_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "allocations" ADD CONSTRAINT "allocations_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "allocations" ADD CONSTRAINT "allocations_transaction_id_transactions_id_fk" FOREIGN KEY ("transaction_id") REFERENCES "public"."transactions"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "allocations" ADD CONSTRAINT "allocations_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "allocations" ADD CONSTRAINT "allocations_reversal_of_id_allocations_id_fk" FOREIGN KEY ("reversal_of_id") REFERENCES "public"."allocations"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "advance_payments" ADD CONSTRAINT "advance_payments_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "advance_payments" ADD CONSTRAINT "advance_payments_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "advance_payments" ADD CONSTRAINT "advance_payments_transaction_id_transactions_id_fk" FOREIGN KEY ("transaction_id") REFERENCES "public"."transactions"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "advance_payments" ADD CONSTRAINT "advance_payments_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "advance_utilizations" ADD CONSTRAINT "advance_utilizations_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "advance_utilizations" ADD CONSTRAINT "advance_utilizations_advance_payment_id_advance_payments_id_fk" FOREIGN KEY ("advance_payment_id") REFERENCES "public"."advance_payments"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "advance_utilizations" ADD CONSTRAINT "advance_utilizations_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "advance_utilizations" ADD CONSTRAINT "advance_utilizations_reversal_of_id_advance_utilizations_id_fk" FOREIGN KEY ("reversal_of_id") REFERENCES "public"."advance_utilizations"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "bookings_services" ADD CONSTRAINT "bookings_services_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."bookings"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "bookings" ADD CONSTRAINT "bookings_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "bookings" ADD CONSTRAINT "bookings_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "bookings" ADD CONSTRAINT "bookings_advance_payment_id_advance_payments_id_fk" FOREIGN KEY ("advance_payment_id") REFERENCES "public"."advance_payments"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "assets" ADD CONSTRAINT "assets_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "customers_store_idx" ON "customers" USING btree ("store_id");
  CREATE INDEX "customers_name_idx" ON "customers" USING btree ("name");
  CREATE INDEX "customers_phone_idx" ON "customers" USING btree ("phone");
  CREATE INDEX "customers_updated_at_idx" ON "customers" USING btree ("updated_at");
  CREATE INDEX "customers_created_at_idx" ON "customers" USING btree ("created_at");
  CREATE INDEX "invoices_items_order_idx" ON "invoices_items" USING btree ("_order");
  CREATE INDEX "invoices_items_parent_id_idx" ON "invoices_items" USING btree ("_parent_id");
  CREATE INDEX "invoices_store_idx" ON "invoices" USING btree ("store_id");
  CREATE INDEX "invoices_customer_idx" ON "invoices" USING btree ("customer_id");
  CREATE INDEX "invoices_number_idx" ON "invoices" USING btree ("number");
  CREATE INDEX "invoices_asset_idx" ON "invoices" USING btree ("asset_id");
  CREATE INDEX "invoices_created_by_idx" ON "invoices" USING btree ("created_by_id");
  CREATE INDEX "invoices_updated_at_idx" ON "invoices" USING btree ("updated_at");
  CREATE INDEX "invoices_created_at_idx" ON "invoices" USING btree ("created_at");
  CREATE INDEX "transactions_store_idx" ON "transactions" USING btree ("store_id");
  CREATE INDEX "transactions_date_idx" ON "transactions" USING btree ("date");
  CREATE INDEX "transactions_type_idx" ON "transactions" USING btree ("type");
  CREATE INDEX "transactions_kind_idx" ON "transactions" USING btree ("kind");
  CREATE INDEX "transactions_customer_idx" ON "transactions" USING btree ("customer_id");
  CREATE INDEX "transactions_invoice_idx" ON "transactions" USING btree ("invoice_id");
  CREATE INDEX "transactions_advance_payment_idx" ON "transactions" USING btree ("advance_payment_id");
  CREATE INDEX "transactions_reversal_of_idx" ON "transactions" USING btree ("reversal_of_id");
  CREATE INDEX "transactions_reference_idx" ON "transactions" USING btree ("reference");
  CREATE INDEX "transactions_created_by_idx" ON "transactions" USING btree ("created_by_id");
  CREATE INDEX "transactions_updated_at_idx" ON "transactions" USING btree ("updated_at");
  CREATE INDEX "transactions_created_at_idx" ON "transactions" USING btree ("created_at");
  CREATE INDEX "allocations_store_idx" ON "allocations" USING btree ("store_id");
  CREATE INDEX "allocations_transaction_idx" ON "allocations" USING btree ("transaction_id");
  CREATE INDEX "allocations_invoice_idx" ON "allocations" USING btree ("invoice_id");
  CREATE INDEX "allocations_reversal_of_idx" ON "allocations" USING btree ("reversal_of_id");
  CREATE INDEX "allocations_updated_at_idx" ON "allocations" USING btree ("updated_at");
  CREATE INDEX "allocations_created_at_idx" ON "allocations" USING btree ("created_at");
  CREATE INDEX "advance_payments_store_idx" ON "advance_payments" USING btree ("store_id");
  CREATE INDEX "advance_payments_customer_idx" ON "advance_payments" USING btree ("customer_id");
  CREATE INDEX "advance_payments_status_idx" ON "advance_payments" USING btree ("status");
  CREATE INDEX "advance_payments_transaction_idx" ON "advance_payments" USING btree ("transaction_id");
  CREATE INDEX "advance_payments_created_by_idx" ON "advance_payments" USING btree ("created_by_id");
  CREATE INDEX "advance_payments_updated_at_idx" ON "advance_payments" USING btree ("updated_at");
  CREATE INDEX "advance_payments_created_at_idx" ON "advance_payments" USING btree ("created_at");
  CREATE INDEX "advance_utilizations_store_idx" ON "advance_utilizations" USING btree ("store_id");
  CREATE INDEX "advance_utilizations_advance_payment_idx" ON "advance_utilizations" USING btree ("advance_payment_id");
  CREATE INDEX "advance_utilizations_invoice_idx" ON "advance_utilizations" USING btree ("invoice_id");
  CREATE INDEX "advance_utilizations_reversal_of_idx" ON "advance_utilizations" USING btree ("reversal_of_id");
  CREATE INDEX "advance_utilizations_updated_at_idx" ON "advance_utilizations" USING btree ("updated_at");
  CREATE INDEX "advance_utilizations_created_at_idx" ON "advance_utilizations" USING btree ("created_at");
  CREATE INDEX "bookings_services_order_idx" ON "bookings_services" USING btree ("_order");
  CREATE INDEX "bookings_services_parent_id_idx" ON "bookings_services" USING btree ("_parent_id");
  CREATE INDEX "bookings_store_idx" ON "bookings" USING btree ("store_id");
  CREATE INDEX "bookings_customer_idx" ON "bookings" USING btree ("customer_id");
  CREATE INDEX "bookings_advance_payment_idx" ON "bookings" USING btree ("advance_payment_id");
  CREATE INDEX "bookings_updated_at_idx" ON "bookings" USING btree ("updated_at");
  CREATE INDEX "bookings_created_at_idx" ON "bookings" USING btree ("created_at");
  CREATE INDEX "assets_store_idx" ON "assets" USING btree ("store_id");
  CREATE INDEX "assets_updated_at_idx" ON "assets" USING btree ("updated_at");
  CREATE INDEX "assets_created_at_idx" ON "assets" USING btree ("created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_customers_fk" FOREIGN KEY ("customers_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_invoices_fk" FOREIGN KEY ("invoices_id") REFERENCES "public"."invoices"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_transactions_fk" FOREIGN KEY ("transactions_id") REFERENCES "public"."transactions"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_allocations_fk" FOREIGN KEY ("allocations_id") REFERENCES "public"."allocations"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_advance_payments_fk" FOREIGN KEY ("advance_payments_id") REFERENCES "public"."advance_payments"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_advance_utilizations_fk" FOREIGN KEY ("advance_utilizations_id") REFERENCES "public"."advance_utilizations"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_bookings_fk" FOREIGN KEY ("bookings_id") REFERENCES "public"."bookings"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_assets_fk" FOREIGN KEY ("assets_id") REFERENCES "public"."assets"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_customers_id_idx" ON "payload_locked_documents_rels" USING btree ("customers_id");
  CREATE INDEX "payload_locked_documents_rels_invoices_id_idx" ON "payload_locked_documents_rels" USING btree ("invoices_id");
  CREATE INDEX "payload_locked_documents_rels_transactions_id_idx" ON "payload_locked_documents_rels" USING btree ("transactions_id");
  CREATE INDEX "payload_locked_documents_rels_allocations_id_idx" ON "payload_locked_documents_rels" USING btree ("allocations_id");
  CREATE INDEX "payload_locked_documents_rels_advance_payments_id_idx" ON "payload_locked_documents_rels" USING btree ("advance_payments_id");
  CREATE INDEX "payload_locked_documents_rels_advance_utilizations_id_idx" ON "payload_locked_documents_rels" USING btree ("advance_utilizations_id");
  CREATE INDEX "payload_locked_documents_rels_bookings_id_idx" ON "payload_locked_documents_rels" USING btree ("bookings_id");
  CREATE INDEX "payload_locked_documents_rels_assets_id_idx" ON "payload_locked_documents_rels" USING btree ("assets_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "customers" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "invoices_items" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "invoices" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "transactions" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "allocations" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "advance_payments" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "advance_utilizations" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "bookings_services" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "bookings" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "assets" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "customers" CASCADE;
  DROP TABLE "invoices_items" CASCADE;
  DROP TABLE "invoices" CASCADE;
  DROP TABLE "transactions" CASCADE;
  DROP TABLE "allocations" CASCADE;
  DROP TABLE "advance_payments" CASCADE;
  DROP TABLE "advance_utilizations" CASCADE;
  DROP TABLE "bookings_services" CASCADE;
  DROP TABLE "bookings" CASCADE;
  DROP TABLE "assets" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_customers_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_invoices_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_transactions_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_allocations_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_advance_payments_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_advance_utilizations_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_bookings_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_assets_fk";
  
  DROP INDEX "payload_locked_documents_rels_customers_id_idx";
  DROP INDEX "payload_locked_documents_rels_invoices_id_idx";
  DROP INDEX "payload_locked_documents_rels_transactions_id_idx";
  DROP INDEX "payload_locked_documents_rels_allocations_id_idx";
  DROP INDEX "payload_locked_documents_rels_advance_payments_id_idx";
  DROP INDEX "payload_locked_documents_rels_advance_utilizations_id_idx";
  DROP INDEX "payload_locked_documents_rels_bookings_id_idx";
  DROP INDEX "payload_locked_documents_rels_assets_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "customers_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "invoices_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "transactions_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "allocations_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "advance_payments_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "advance_utilizations_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "bookings_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "assets_id";
  DROP TYPE "public"."enum_customers_gender";
  DROP TYPE "public"."enum_invoices_kind";
  DROP TYPE "public"."enum_invoices_status";
  DROP TYPE "public"."enum_transactions_type";
  DROP TYPE "public"."enum_transactions_kind";
  DROP TYPE "public"."enum_transactions_method";
  DROP TYPE "public"."enum_advance_payments_reference_type";
  DROP TYPE "public"."enum_advance_payments_method";
  DROP TYPE "public"."enum_advance_payments_status";
  DROP TYPE "public"."enum_bookings_kind";
  DROP TYPE "public"."enum_bookings_gender";
  DROP TYPE "public"."enum_bookings_payment_mode";
  DROP TYPE "public"."enum_assets_kind";`)
}
