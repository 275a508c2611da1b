import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

/**
 * Issues 15 and 17 together, hand-written: both redefine invoices_amounts_valid — the after-sale
 * migration (20261202_010054) with credited_amount and written_off, the tax migration
 * (20261202_011527, which runs after it) with total <= subtotal + tax_total — and the later one
 * alone would drop the after-sale bounds. This states both: a bill's total may carry tax, and
 * what was paid, credited and written off never exceeds it.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  ALTER TABLE invoices DROP CONSTRAINT invoices_amounts_valid,
    ADD CONSTRAINT invoices_amounts_valid CHECK (
      coalesce(discount, 0) >= 0 AND coalesce(rate, 0) >= 0 AND subtotal >= 0 AND total >= 0 AND total <= subtotal + tax_total
      AND amount_paid >= 0 AND credited_amount >= 0 AND written_off >= 0
      AND amount_paid + credited_amount + written_off <= total
      AND amount_due >= 0 AND amount_due <= total);
  `)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  ALTER TABLE invoices DROP CONSTRAINT invoices_amounts_valid,
    ADD CONSTRAINT invoices_amounts_valid CHECK (
      coalesce(discount, 0) >= 0 AND coalesce(rate, 0) >= 0 AND subtotal >= 0 AND total >= 0 AND total <= subtotal + tax_total
      AND amount_paid >= 0 AND amount_paid <= total AND amount_due >= 0 AND amount_due <= total);
  `)
}
