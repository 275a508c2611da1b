import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

/**
 * Issue 17 (SPEC §12): a store's tax registration, a customer's GSTIN and place of supply,
 * the services catalogue, and tax on every invoice — per line (rate, taxable value, tax) and
 * per invoice (how it was taxed, CGST / SGST / IGST). Amounts are bigint minor units, rates
 * integer basis points. Existing invoices were made without tax: their lines' taxable value
 * is backfilled as the line's amount less its share of the discount (largest remainder, the
 * rule of src/domain/tax.ts), so `total = Σ taxable + taxTotal` holds for every invoice.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  CREATE TYPE "public"."enum_invoices_tax_treatment" AS ENUM('unregistered', 'intra', 'inter', 'single');
  CREATE TABLE "services" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"store_id" integer NOT NULL,
  	"name" varchar NOT NULL,
  	"sac" varchar,
  	"price" bigint NOT NULL,
  	"tax_rate" integer DEFAULT 1800 NOT NULL,
  	"active" boolean DEFAULT true,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	CONSTRAINT services_values_valid CHECK (price >= 0 AND price <= 1000000000000 AND tax_rate BETWEEN 0 AND 10000)
  );

  ALTER TABLE "customers" ADD COLUMN "gstin" varchar;
  ALTER TABLE "customers" ADD COLUMN "state_code" varchar;
  ALTER TABLE "invoices_items" ADD COLUMN "service_id" integer;
  ALTER TABLE "invoices_items" ADD COLUMN "sac" varchar;
  ALTER TABLE "invoices_items" ADD COLUMN "tax_rate" integer DEFAULT 0 NOT NULL;
  ALTER TABLE "invoices_items" ADD COLUMN "taxable" bigint DEFAULT 0 NOT NULL;
  ALTER TABLE "invoices_items" ADD COLUMN "tax" bigint DEFAULT 0 NOT NULL;
  ALTER TABLE "invoices" ADD COLUMN "tax_treatment" "enum_invoices_tax_treatment" DEFAULT 'unregistered' NOT NULL;
  ALTER TABLE "invoices" ADD COLUMN "prices_include_tax" boolean DEFAULT false NOT NULL;
  ALTER TABLE "invoices" ADD COLUMN "supplier_gstin" varchar;
  ALTER TABLE "invoices" ADD COLUMN "customer_gstin" varchar;
  ALTER TABLE "invoices" ADD COLUMN "place_of_supply" varchar;
  ALTER TABLE "invoices" ADD COLUMN "tax_total" bigint DEFAULT 0 NOT NULL;
  ALTER TABLE "invoices" ADD COLUMN "cgst" bigint DEFAULT 0 NOT NULL;
  ALTER TABLE "invoices" ADD COLUMN "sgst" bigint DEFAULT 0 NOT NULL;
  ALTER TABLE "invoices" ADD COLUMN "igst" bigint DEFAULT 0 NOT NULL;
  ALTER TABLE "advance_payments" ADD COLUMN "tax_rate" integer DEFAULT 0 NOT NULL;
  ALTER TABLE "stores" ADD COLUMN "gstin" varchar;
  ALTER TABLE "stores" ADD COLUMN "state_code" varchar;
  ALTER TABLE "stores" ADD COLUMN "prices_include_tax" boolean DEFAULT false;
  ALTER TABLE "stores" ADD COLUMN "tax_label" varchar DEFAULT 'GST';
  ALTER TABLE "stores" ADD COLUMN "default_tax_rate" integer DEFAULT 0;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "services_id" integer;
  ALTER TABLE "services" ADD CONSTRAINT "services_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "services_store_idx" ON "services" USING btree ("store_id");
  CREATE INDEX "services_name_idx" ON "services" USING btree ("name");
  CREATE INDEX "services_active_idx" ON "services" USING btree ("active");
  CREATE INDEX "services_updated_at_idx" ON "services" USING btree ("updated_at");
  CREATE INDEX "services_created_at_idx" ON "services" USING btree ("created_at");
  ALTER TABLE "invoices_items" ADD CONSTRAINT "invoices_items_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_services_fk" FOREIGN KEY ("services_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "invoices_items_service_idx" ON "invoices_items" USING btree ("service_id");
  CREATE INDEX "payload_locked_documents_rels_services_id_idx" ON "payload_locked_documents_rels" USING btree ("services_id");
  -- The month's invoices of a store, for the tax report.
  CREATE INDEX "invoices_store_issue_date_idx" ON "invoices" USING btree ("store_id", "issue_date");

  -- Lines made before tax: taxable = amount − the line's share of the discount (largest
  -- remainder over the line amounts; ties to the earlier line), 0 on a complimentary bill.
  WITH lines AS (
    SELECT it.id, it._parent_id, it._order, round(it.quantity * it.unit_price) AS amount, i.discount, coalesce(i.complimentary, false) AS free
      FROM invoices_items it JOIN invoices i ON i.id = it._parent_id
  ), shares AS (
    SELECT l.*, sum(amount) OVER w AS subtotal,
           CASE WHEN sum(amount) OVER w > 0 THEN div(coalesce(discount, 0)::numeric * amount, sum(amount) OVER w) ELSE 0 END AS base,
           CASE WHEN sum(amount) OVER w > 0 THEN mod(coalesce(discount, 0)::numeric * amount, sum(amount) OVER w) ELSE 0 END AS rest
      FROM lines l WINDOW w AS (PARTITION BY _parent_id)
  ), ranked AS (
    SELECT s.*, coalesce(discount, 0) - sum(base) OVER (PARTITION BY _parent_id) AS remainder,
           row_number() OVER (PARTITION BY _parent_id ORDER BY rest DESC, _order) AS rank
      FROM shares s
  )
  UPDATE invoices_items it
     SET taxable = CASE WHEN r.free THEN 0 ELSE r.amount - r.base - CASE WHEN r.rank <= r.remainder THEN 1 ELSE 0 END END
    FROM ranked r WHERE r.id = it.id;

  ALTER TABLE invoices DROP CONSTRAINT invoices_amounts_valid,
    ADD CONSTRAINT invoices_amounts_valid CHECK (
      coalesce(discount, 0) >= 0 AND coalesce(rate, 0) >= 0 AND subtotal >= 0 AND total >= 0 AND total <= subtotal + tax_total
      AND amount_paid >= 0 AND amount_paid <= total AND amount_due >= 0 AND amount_due <= total),
    ADD CONSTRAINT invoices_tax_valid CHECK (
      tax_total >= 0 AND cgst >= 0 AND sgst >= 0 AND igst >= 0 AND cgst + sgst + igst <= tax_total AND tax_total <= total
      AND (tax_treatment <> 'unregistered' OR tax_total = 0));
  ALTER TABLE invoices_items
    ADD CONSTRAINT invoices_items_tax_valid CHECK (tax_rate BETWEEN 0 AND 10000 AND taxable >= 0 AND tax >= 0);
  ALTER TABLE advance_payments ADD CONSTRAINT advance_payments_tax_rate_valid CHECK (tax_rate BETWEEN 0 AND 10000);
  ALTER TABLE stores ADD CONSTRAINT stores_default_tax_rate_valid CHECK (coalesce(default_tax_rate, 0) BETWEEN 0 AND 10000);
  `)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  ALTER TABLE invoices DROP CONSTRAINT invoices_tax_valid, DROP CONSTRAINT invoices_amounts_valid;
  ALTER TABLE "invoices_items" DROP CONSTRAINT "invoices_items_service_id_services_id_fk";
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_services_fk";
  DROP TABLE "services" CASCADE;
  DROP INDEX "invoices_items_service_idx";
  DROP INDEX "payload_locked_documents_rels_services_id_idx";
  DROP INDEX "invoices_store_issue_date_idx";
  ALTER TABLE "customers" DROP COLUMN "gstin";
  ALTER TABLE "customers" DROP COLUMN "state_code";
  ALTER TABLE "invoices_items" DROP COLUMN "service_id";
  ALTER TABLE "invoices_items" DROP COLUMN "sac";
  ALTER TABLE "invoices_items" DROP COLUMN "tax_rate";
  ALTER TABLE "invoices_items" DROP COLUMN "taxable";
  ALTER TABLE "invoices_items" DROP COLUMN "tax";
  ALTER TABLE "invoices" DROP COLUMN "tax_treatment";
  ALTER TABLE "invoices" DROP COLUMN "prices_include_tax";
  ALTER TABLE "invoices" DROP COLUMN "supplier_gstin";
  ALTER TABLE "invoices" DROP COLUMN "customer_gstin";
  ALTER TABLE "invoices" DROP COLUMN "place_of_supply";
  ALTER TABLE "invoices" DROP COLUMN "tax_total";
  ALTER TABLE "invoices" DROP COLUMN "cgst";
  ALTER TABLE "invoices" DROP COLUMN "sgst";
  ALTER TABLE "invoices" DROP COLUMN "igst";
  ALTER TABLE "advance_payments" DROP COLUMN "tax_rate";
  ALTER TABLE "stores" DROP COLUMN "gstin";
  ALTER TABLE "stores" DROP COLUMN "state_code";
  ALTER TABLE "stores" DROP COLUMN "prices_include_tax";
  ALTER TABLE "stores" DROP COLUMN "tax_label";
  ALTER TABLE "stores" DROP COLUMN "default_tax_rate";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "services_id";
  DROP TYPE "public"."enum_invoices_tax_treatment";
  ALTER TABLE invoices ADD CONSTRAINT invoices_amounts_valid CHECK (
      coalesce(discount, 0) >= 0 AND coalesce(rate, 0) >= 0 AND subtotal >= 0 AND total >= 0 AND total <= subtotal
      AND amount_paid >= 0 AND amount_paid <= total AND amount_due >= 0 AND amount_due <= total);
  `)
}
