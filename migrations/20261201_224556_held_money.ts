import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

/**
 * Generated (migrate:create) for SPEC §9a's fields: customers.unmatchedCredit,
 * stores.autoApplyCredits, advance-payments reversedAmount / fromPayment / status
 * "reversed", allocations.reason. Types, constraints and SQL: 20261201_224700_held_money_ledger.
 */

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TYPE "public"."enum_advance_payments_status" ADD VALUE IF NOT EXISTS 'reversed';
  ALTER TABLE "customers" ADD COLUMN "unmatched_credit" numeric DEFAULT 0;
  ALTER TABLE "allocations" ADD COLUMN "reason" varchar;
  ALTER TABLE "advance_payments" ADD COLUMN "reversed_amount" numeric DEFAULT 0;
  ALTER TABLE "advance_payments" ADD COLUMN "from_payment_id" integer;
  ALTER TABLE "stores" ADD COLUMN "auto_apply_credits" boolean DEFAULT false;
  ALTER TABLE "advance_payments" ADD CONSTRAINT "advance_payments_from_payment_id_transactions_id_fk" FOREIGN KEY ("from_payment_id") REFERENCES "public"."transactions"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "advance_payments_from_payment_idx" ON "advance_payments" USING btree ("from_payment_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "advance_payments" DROP CONSTRAINT "advance_payments_from_payment_id_transactions_id_fk";
  
  -- (the enum keeps its 'reversed' value: the figures views use advance_payments.status, so the
  -- column's type cannot be swapped under them, and Postgres cannot drop an enum value)
  DROP INDEX "advance_payments_from_payment_idx";
  ALTER TABLE "customers" DROP COLUMN "unmatched_credit";
  ALTER TABLE "allocations" DROP COLUMN "reason";
  ALTER TABLE "advance_payments" DROP COLUMN "reversed_amount";
  ALTER TABLE "advance_payments" DROP COLUMN "from_payment_id";
  ALTER TABLE "stores" DROP COLUMN "auto_apply_credits";`)
}
