import { sql, type MigrateDownArgs, type MigrateUpArgs } from '@payloadcms/db-postgres'

/**
 * The schema as the thirteen migrations of 2026-11-21 … 2026-12-01 left it, squashed into
 * one baseline of DDL only: tables, columns, constraints, indexes. The functions, views and
 * triggers are not migrations any more: they live in src/ledger/sql, one per file, and are
 * applied after the migrations by src/ledger/sqlObjects.ts whenever a file changes.
 *
 * A database made by those thirteen migrations is adopted as it is (src/cli/adoptBaseline.ts
 * records this baseline in their place); one made by only some of them must be reset.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  // 20261121_093153_initial: Payload (generated): stores, users and Payload's own tables
  await db.execute(sql`
  CREATE TYPE "public"."enum_users_role" AS ENUM('admin', 'owner', 'cashier');
  CREATE TABLE "stores" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar NOT NULL,
  	"currency" varchar DEFAULT 'INR' NOT NULL,
  	"locale" varchar DEFAULT 'en-IN' NOT NULL,
  	"timezone" varchar DEFAULT 'Asia/Kolkata' NOT NULL,
  	"invoice_prefix" varchar NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "users_sessions" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"created_at" timestamp(3) with time zone,
  	"expires_at" timestamp(3) with time zone NOT NULL
  );
  
  CREATE TABLE "users" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar NOT NULL,
  	"role" "enum_users_role" DEFAULT 'cashier' NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"enable_a_p_i_key" boolean,
  	"api_key" varchar,
  	"api_key_index" varchar,
  	"email" varchar NOT NULL,
  	"reset_password_token" varchar,
  	"reset_password_expiration" timestamp(3) with time zone,
  	"salt" varchar,
  	"hash" varchar,
  	"reset_password_requested_at" timestamp(3) with time zone,
  	"login_attempts" numeric DEFAULT 0,
  	"lock_until" timestamp(3) with time zone
  );
  
  CREATE TABLE "users_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"stores_id" integer
  );
  
  CREATE TABLE "payload_kv" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"key" varchar NOT NULL,
  	"data" jsonb NOT NULL
  );
  
  CREATE TABLE "payload_locked_documents" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"global_slug" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "payload_locked_documents_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"stores_id" integer,
  	"users_id" integer
  );
  
  CREATE TABLE "payload_preferences" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"key" varchar,
  	"value" jsonb,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "payload_preferences_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"users_id" integer
  );
  
  CREATE TABLE "payload_migrations" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar,
  	"batch" numeric,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "users_sessions" ADD CONSTRAINT "users_sessions_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "users_rels" ADD CONSTRAINT "users_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "users_rels" ADD CONSTRAINT "users_rels_stores_fk" FOREIGN KEY ("stores_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."payload_locked_documents"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_stores_fk" FOREIGN KEY ("stores_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_users_fk" FOREIGN KEY ("users_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_preferences_rels" ADD CONSTRAINT "payload_preferences_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."payload_preferences"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_preferences_rels" ADD CONSTRAINT "payload_preferences_rels_users_fk" FOREIGN KEY ("users_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "stores_updated_at_idx" ON "stores" USING btree ("updated_at");
  CREATE INDEX "stores_created_at_idx" ON "stores" USING btree ("created_at");
  CREATE INDEX "users_sessions_order_idx" ON "users_sessions" USING btree ("_order");
  CREATE INDEX "users_sessions_parent_id_idx" ON "users_sessions" USING btree ("_parent_id");
  CREATE INDEX "users_updated_at_idx" ON "users" USING btree ("updated_at");
  CREATE INDEX "users_created_at_idx" ON "users" USING btree ("created_at");
  CREATE UNIQUE INDEX "users_email_idx" ON "users" USING btree ("email");
  CREATE INDEX "users_rels_order_idx" ON "users_rels" USING btree ("order");
  CREATE INDEX "users_rels_parent_idx" ON "users_rels" USING btree ("parent_id");
  CREATE INDEX "users_rels_path_idx" ON "users_rels" USING btree ("path");
  CREATE INDEX "users_rels_stores_id_idx" ON "users_rels" USING btree ("stores_id");
  CREATE UNIQUE INDEX "payload_kv_key_idx" ON "payload_kv" USING btree ("key");
  CREATE INDEX "payload_locked_documents_global_slug_idx" ON "payload_locked_documents" USING btree ("global_slug");
  CREATE INDEX "payload_locked_documents_updated_at_idx" ON "payload_locked_documents" USING btree ("updated_at");
  CREATE INDEX "payload_locked_documents_created_at_idx" ON "payload_locked_documents" USING btree ("created_at");
  CREATE INDEX "payload_locked_documents_rels_order_idx" ON "payload_locked_documents_rels" USING btree ("order");
  CREATE INDEX "payload_locked_documents_rels_parent_idx" ON "payload_locked_documents_rels" USING btree ("parent_id");
  CREATE INDEX "payload_locked_documents_rels_path_idx" ON "payload_locked_documents_rels" USING btree ("path");
  CREATE INDEX "payload_locked_documents_rels_stores_id_idx" ON "payload_locked_documents_rels" USING btree ("stores_id");
  CREATE INDEX "payload_locked_documents_rels_users_id_idx" ON "payload_locked_documents_rels" USING btree ("users_id");
  CREATE INDEX "payload_preferences_key_idx" ON "payload_preferences" USING btree ("key");
  CREATE INDEX "payload_preferences_updated_at_idx" ON "payload_preferences" USING btree ("updated_at");
  CREATE INDEX "payload_preferences_created_at_idx" ON "payload_preferences" USING btree ("created_at");
  CREATE INDEX "payload_preferences_rels_order_idx" ON "payload_preferences_rels" USING btree ("order");
  CREATE INDEX "payload_preferences_rels_parent_idx" ON "payload_preferences_rels" USING btree ("parent_id");
  CREATE INDEX "payload_preferences_rels_path_idx" ON "payload_preferences_rels" USING btree ("path");
  CREATE INDEX "payload_preferences_rels_users_id_idx" ON "payload_preferences_rels" USING btree ("users_id");
  CREATE INDEX "payload_migrations_updated_at_idx" ON "payload_migrations" USING btree ("updated_at");
  CREATE INDEX "payload_migrations_created_at_idx" ON "payload_migrations" USING btree ("created_at");
  `)

  // 20261121_094410_ledger_collections: Payload (generated): customers, invoices, the ledger rows, bookings, assets
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
  CREATE INDEX "payload_locked_documents_rels_assets_id_idx" ON "payload_locked_documents_rels" USING btree ("assets_id");
  `)

  // 20261121_094500_ledger_constraints: what the database refuses whatever the application
  // does — amounts in integer minor units (bigint), balances never negative, phones and
  // invoice numbers unique per store; the numbering counters and the idempotency keys
  await db.execute(sql`
  ALTER TABLE customers
    ALTER COLUMN pending_balance TYPE bigint USING pending_balance::bigint, ALTER COLUMN pending_balance SET NOT NULL,
    ALTER COLUMN advance_balance TYPE bigint USING advance_balance::bigint, ALTER COLUMN advance_balance SET NOT NULL,
    ALTER COLUMN total_billed TYPE bigint USING total_billed::bigint, ALTER COLUMN total_billed SET NOT NULL,
    ALTER COLUMN total_paid TYPE bigint USING total_paid::bigint, ALTER COLUMN total_paid SET NOT NULL,
    ALTER COLUMN visits TYPE integer USING visits::integer, ALTER COLUMN visits SET NOT NULL,
    ALTER COLUMN services_count TYPE integer USING services_count::integer, ALTER COLUMN services_count SET NOT NULL,
    ALTER COLUMN active_rentals TYPE integer USING active_rentals::integer, ALTER COLUMN active_rentals SET NOT NULL,
    ADD CONSTRAINT customers_balances_not_negative
      CHECK (pending_balance >= 0 AND advance_balance >= 0 AND total_billed >= 0 AND visits >= 0
             AND services_count >= 0 AND active_rentals >= 0);
  CREATE UNIQUE INDEX customers_store_phone_key ON customers (store_id, phone);
  ALTER TABLE assets ALTER COLUMN rate TYPE bigint USING rate::bigint, ADD CONSTRAINT assets_rate_not_negative CHECK (rate >= 0);
  ALTER TABLE invoices
    ALTER COLUMN discount TYPE bigint USING discount::bigint,
    ALTER COLUMN rate TYPE bigint USING rate::bigint,
    ALTER COLUMN subtotal TYPE bigint USING subtotal::bigint, ALTER COLUMN subtotal SET NOT NULL,
    ALTER COLUMN total TYPE bigint USING total::bigint, ALTER COLUMN total SET NOT NULL,
    ALTER COLUMN amount_paid TYPE bigint USING amount_paid::bigint, ALTER COLUMN amount_paid SET NOT NULL,
    ALTER COLUMN amount_due TYPE bigint USING amount_due::bigint, ALTER COLUMN amount_due SET NOT NULL,
    ADD CONSTRAINT invoices_amounts_valid CHECK (
      coalesce(discount, 0) >= 0 AND coalesce(rate, 0) >= 0 AND subtotal >= 0 AND total >= 0 AND total <= subtotal
      AND amount_paid >= 0 AND amount_paid <= total AND amount_due >= 0 AND amount_due <= total),
    ADD CONSTRAINT invoices_complimentary_is_free CHECK (NOT coalesce(complimentary, false) OR total = 0),
    ADD CONSTRAINT invoices_posted_have_number CHECK (status = 'draft' OR number IS NOT NULL);
  CREATE UNIQUE INDEX invoices_store_number_key ON invoices (store_id, number) WHERE number IS NOT NULL;
  CREATE INDEX invoices_customer_open_idx ON invoices (customer_id, issue_date, id) WHERE status IN ('open', 'partial', 'overdue');
  CREATE INDEX invoices_store_status_idx ON invoices (store_id, status);
  ALTER TABLE invoices_items
    ALTER COLUMN unit_price TYPE bigint USING unit_price::bigint,
    ADD CONSTRAINT invoices_items_valid CHECK (unit_price >= 0 AND quantity > 0);
  ALTER TABLE transactions
    ALTER COLUMN amount TYPE bigint USING amount::bigint,
    ADD CONSTRAINT transactions_amount_positive CHECK (amount > 0 AND amount <= 1000000000000),
    ADD CONSTRAINT transactions_income_has_customer CHECK (type <> 'income' OR customer_id IS NOT NULL);
  CREATE INDEX transactions_store_date_idx ON transactions (store_id, date);
  ALTER TABLE allocations
    ALTER COLUMN amount TYPE bigint USING amount::bigint,
    ADD CONSTRAINT allocations_amount_valid CHECK (amount > 0 OR (amount < 0 AND reversal_of_id IS NOT NULL));
  CREATE UNIQUE INDEX allocations_reversed_once ON allocations (reversal_of_id) WHERE reversal_of_id IS NOT NULL;
  ALTER TABLE advance_payments
    ALTER COLUMN amount TYPE bigint USING amount::bigint,
    ALTER COLUMN utilized_amount TYPE bigint USING utilized_amount::bigint, ALTER COLUMN utilized_amount SET NOT NULL,
    ALTER COLUMN refunded_amount TYPE bigint USING refunded_amount::bigint, ALTER COLUMN refunded_amount SET NOT NULL,
    ALTER COLUMN remaining_amount TYPE bigint USING remaining_amount::bigint, ALTER COLUMN remaining_amount SET NOT NULL,
    ALTER COLUMN status SET NOT NULL,
    ADD CONSTRAINT advance_payments_amounts_valid CHECK (
      amount > 0 AND utilized_amount >= 0 AND refunded_amount >= 0 AND remaining_amount >= 0
      AND remaining_amount = amount - utilized_amount - refunded_amount);
  CREATE INDEX advance_payments_customer_active_idx ON advance_payments (customer_id, created_at, id) WHERE status = 'active';
  ALTER TABLE advance_utilizations
    ALTER COLUMN amount TYPE bigint USING amount::bigint,
    ADD CONSTRAINT advance_utilizations_amount_valid CHECK (amount > 0 OR (amount < 0 AND reversal_of_id IS NOT NULL));
  CREATE UNIQUE INDEX advance_utilizations_reversed_once ON advance_utilizations (reversal_of_id) WHERE reversal_of_id IS NOT NULL;
  ALTER TABLE bookings ALTER COLUMN advance_amount TYPE bigint USING advance_amount::bigint,
    ADD CONSTRAINT bookings_advance_not_negative CHECK (coalesce(advance_amount, 0) >= 0);
  ALTER TABLE bookings_services ALTER COLUMN price TYPE bigint USING price::bigint,
    ADD CONSTRAINT bookings_services_price_not_negative CHECK (price >= 0);
  CREATE TABLE ledger_counters (
    store_id integer NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    name varchar NOT NULL,
    last_value bigint NOT NULL CHECK (last_value > 0),
    PRIMARY KEY (store_id, name)
  );
  CREATE TABLE idempotency_keys (
    owner varchar NOT NULL,
    key varchar NOT NULL,
    request_hash char(64) NOT NULL,
    response_status integer,
    response_body jsonb,
    created_at timestamptz NOT NULL DEFAULT now(),
    completed_at timestamptz,
    PRIMARY KEY (owner, key)
  );
  `)

  // 20261121_101427_customers_trash: Payload (generated): customers move to the trash
  await db.execute(sql`
  ALTER TABLE "customers" ADD COLUMN "deleted_at" timestamp(3) with time zone;
  CREATE INDEX "customers_deleted_at_idx" ON "customers" USING btree ("deleted_at");
  `)

  // 20261121_102246_cards_and_payables: Payload (generated): credit cards, their statements, payables
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
  CREATE INDEX "payload_locked_documents_rels_payment_statuses_id_idx" ON "payload_locked_documents_rels" USING btree ("payment_statuses_id");
  `)

  // 20261121_102300_cards_constraints: integer amounts, a card's statements never overlap,
  // one payable per source and month, a transaction is reversed once
  await db.execute(sql`
  CREATE EXTENSION IF NOT EXISTS btree_gist;
  ALTER TABLE credit_cards
    ALTER COLUMN closing_day TYPE integer USING closing_day::integer,
    ALTER COLUMN due_day TYPE integer USING due_day::integer,
    ALTER COLUMN credit_limit TYPE bigint USING credit_limit::bigint,
    ADD CONSTRAINT credit_cards_days_valid CHECK (closing_day BETWEEN 1 AND 31 AND due_day BETWEEN 1 AND 31),
    ADD CONSTRAINT credit_cards_last4_digits CHECK (last4 ~ '^[0-9]{4}$'),
    ADD CONSTRAINT credit_cards_limit_not_negative CHECK (coalesce(credit_limit, 0) >= 0);
  ALTER TABLE credit_card_invoices
    ALTER COLUMN total_amount TYPE bigint USING total_amount::bigint, ALTER COLUMN total_amount SET NOT NULL,
    ALTER COLUMN purchases_count TYPE integer USING purchases_count::integer, ALTER COLUMN purchases_count SET NOT NULL,
    ALTER COLUMN billing_period_days TYPE integer USING billing_period_days::integer, ALTER COLUMN billing_period_days SET NOT NULL,
    ALTER COLUMN amount_paid TYPE bigint USING amount_paid::bigint, ALTER COLUMN amount_paid SET NOT NULL,
    ALTER COLUMN amount_due TYPE bigint USING amount_due::bigint, ALTER COLUMN amount_due SET NOT NULL,
    ALTER COLUMN is_closed SET NOT NULL,
    ADD CONSTRAINT credit_card_invoices_period_valid CHECK (end_date >= start_date AND billing_period_days > 0),
    ADD CONSTRAINT credit_card_invoices_no_overlap EXCLUDE USING gist (
      credit_card_id WITH =,
      tstzrange(start_date, end_date, '[]') WITH &&);
  CREATE UNIQUE INDEX credit_card_invoices_card_start_key ON credit_card_invoices (credit_card_id, start_date);
  ALTER TABLE payment_statuses
    ALTER COLUMN expected_amount TYPE bigint USING expected_amount::bigint,
    ALTER COLUMN amount_paid TYPE bigint USING amount_paid::bigint, ALTER COLUMN amount_paid SET NOT NULL,
    ADD CONSTRAINT payment_statuses_amounts_valid CHECK (coalesce(expected_amount, 0) >= 0 AND amount_paid >= 0),
    ADD CONSTRAINT payment_statuses_card_link CHECK ((payment_type = 'credit_card') = (credit_card_invoice_id IS NOT NULL));
  CREATE UNIQUE INDEX payment_statuses_one_per_month ON payment_statuses (store_id, lower(name), month_year) WHERE payment_type <> 'credit_card';
  CREATE UNIQUE INDEX payment_statuses_one_per_statement ON payment_statuses (credit_card_invoice_id) WHERE credit_card_invoice_id IS NOT NULL;
  -- A reversal of an expense is an income row without a customer.
  ALTER TABLE transactions DROP CONSTRAINT transactions_income_has_customer,
    ADD CONSTRAINT transactions_income_has_customer CHECK (type <> 'income' OR customer_id IS NOT NULL OR kind = 'reversal'),
    ADD CONSTRAINT transactions_card_charge_has_statement CHECK (
      NOT (kind = 'expense' AND method = 'credit_card') OR (credit_card_id IS NOT NULL AND credit_card_invoice_id IS NOT NULL));
  CREATE UNIQUE INDEX transactions_reversed_once ON transactions (reversal_of_id) WHERE reversal_of_id IS NOT NULL;
  `)

  // 20261121_111500_report_indexes: indexes the bench asked for (bench/README.md)
  await db.execute(sql`
  CREATE INDEX customers_store_pending_idx ON customers (store_id, pending_balance DESC, id) WHERE deleted_at IS NULL;
  CREATE INDEX transactions_store_date_cover_idx ON transactions (store_id, date) INCLUDE (type, kind, amount);
  CREATE INDEX invoices_store_status_issue_idx ON invoices (store_id, status, issue_date DESC, id DESC);
  `)

  // 20261121_120000_report_totals, _121000_invoice_totals, _140000_summary_slots: report
  // summaries kept by triggers (src/ledger/sql) — money per store-local day, the unmatched
  // part of each payment, invoices per status — one row per database backend (slot = pid)
  await db.execute(sql`
  CREATE TABLE ledger_daily_totals (
    store_id integer NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    day date NOT NULL,
    slot integer NOT NULL,
    income bigint NOT NULL DEFAULT 0,
    advance_refunds bigint NOT NULL DEFAULT 0,
    expenses bigint NOT NULL DEFAULT 0,
    money_out bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (store_id, day, slot)
  );
  CREATE TABLE unmatched_payments (
    transaction_id integer PRIMARY KEY REFERENCES transactions (id) ON DELETE CASCADE,
    store_id integer NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    amount bigint NOT NULL CONSTRAINT unmatched_payments_positive CHECK (amount > 0)
  );
  CREATE INDEX unmatched_payments_store_idx ON unmatched_payments (store_id);
  CREATE TABLE invoice_status_totals (
    store_id integer NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    status enum_invoices_status NOT NULL,
    slot integer NOT NULL,
    count bigint NOT NULL DEFAULT 0,
    total bigint NOT NULL DEFAULT 0,
    amount_due bigint NOT NULL DEFAULT 0,
    amount_paid bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (store_id, status, slot)
  );
  `)
}

/** Back to an empty schema (Payload's migrations table stays: it records this step). */
export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  DO $$
  DECLARE
    r record;
  BEGIN
    FOR r IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'payload_migrations' LOOP
      EXECUTE format('DROP TABLE IF EXISTS %I CASCADE', r.tablename);
    END LOOP;
    FOR r IN SELECT t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
              WHERE n.nspname = 'public' AND t.typtype = 'e' LOOP
      EXECUTE format('DROP TYPE IF EXISTS %I CASCADE', r.typname);
    END LOOP;
  END $$;
  `)
}
