import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

/**
 * Issue 13: a store's kind (counter | rental | services picks the screens' words) and whether
 * a cashier's complimentary bill needs an owner's approval; a complimentary bill keeps its
 * reason and who approved it.
 */

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_stores_kind" AS ENUM('counter', 'rental', 'services');
  ALTER TABLE "invoices" ADD COLUMN "complimentary_reason" varchar;
  ALTER TABLE "invoices" ADD COLUMN "complimentary_approved_by_id" integer;
  ALTER TABLE "stores" ADD COLUMN "kind" "enum_stores_kind" DEFAULT 'counter';
  ALTER TABLE "stores" ADD COLUMN "complimentary_approval" boolean DEFAULT false;
  ALTER TABLE "invoices" ADD CONSTRAINT "invoices_complimentary_approved_by_id_users_id_fk" FOREIGN KEY ("complimentary_approved_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "invoices_complimentary_approved_by_idx" ON "invoices" USING btree ("complimentary_approved_by_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "invoices" DROP CONSTRAINT "invoices_complimentary_approved_by_id_users_id_fk";
  
  DROP INDEX "invoices_complimentary_approved_by_idx";
  ALTER TABLE "invoices" DROP COLUMN "complimentary_reason";
  ALTER TABLE "invoices" DROP COLUMN "complimentary_approved_by_id";
  ALTER TABLE "stores" DROP COLUMN "kind";
  ALTER TABLE "stores" DROP COLUMN "complimentary_approval";
  DROP TYPE "public"."enum_stores_kind";`)
}
