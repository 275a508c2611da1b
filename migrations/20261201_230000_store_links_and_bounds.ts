import { sql, type MigrateDownArgs, type MigrateUpArgs } from '@payloadcms/db-postgres'

/**
 * Issue 12 (an outside probe's findings), in the database:
 *
 * - A payable is paid by expenses of its own store, a statement by its card's charges and
 *   payments in its store: `payable_figures` and `statement_figures` (src/ledger/sql/views,
 *   applied after the migrations) count only those rows (and the reversals of those),
 *   whatever else names them. Before, any row naming the payable counted, so another store's
 *   customer payment could "pay" Salon's rent.
 * - Amounts are bounded (SPEC §1: 10^12 minor units) where they are stored — invoice totals,
 *   item prices, deposits, allocations, uses of deposits — and every figure summed from them
 *   stays a safe integer (2^53 − 1), so no balance or report can overflow the API's numbers.
 *   NOT VALID: rows already stored are not re-checked (ledger:verify reports any beyond the
 *   bounds); a void invoice is exempt, so a bill above the bound can still be voided.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  ALTER TABLE invoices ADD CONSTRAINT invoices_amounts_bounded CHECK (
    status = 'void' OR (subtotal <= 1000000000000 AND total <= 1000000000000 AND coalesce(discount, 0) <= 1000000000000
                        AND coalesce(rate, 0) <= 1000000000000)) NOT VALID;
  ALTER TABLE invoices_items ADD CONSTRAINT invoices_items_bounded CHECK (unit_price <= 1000000000000) NOT VALID;
  ALTER TABLE advance_payments ADD CONSTRAINT advance_payments_amount_bounded CHECK (amount <= 1000000000000) NOT VALID;
  ALTER TABLE allocations ADD CONSTRAINT allocations_amount_bounded CHECK (abs(amount) <= 1000000000000) NOT VALID;
  ALTER TABLE advance_utilizations ADD CONSTRAINT advance_utilizations_amount_bounded CHECK (abs(amount) <= 1000000000000) NOT VALID;
  ALTER TABLE customers ADD CONSTRAINT customers_figures_bounded CHECK (
    pending_balance <= 9007199254740991 AND advance_balance <= 9007199254740991 AND coalesce(unmatched_credit, 0) <= 9007199254740991
    AND total_billed <= 9007199254740991 AND abs(total_paid) <= 9007199254740991) NOT VALID;
  ALTER TABLE credit_card_invoices ADD CONSTRAINT credit_card_invoices_figures_bounded CHECK (
    abs(total_amount) <= 9007199254740991 AND abs(amount_paid) <= 9007199254740991 AND abs(amount_due) <= 9007199254740991) NOT VALID;
  `)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  ALTER TABLE credit_card_invoices DROP CONSTRAINT IF EXISTS credit_card_invoices_figures_bounded;
  ALTER TABLE customers DROP CONSTRAINT IF EXISTS customers_figures_bounded;
  ALTER TABLE advance_utilizations DROP CONSTRAINT IF EXISTS advance_utilizations_amount_bounded;
  ALTER TABLE allocations DROP CONSTRAINT IF EXISTS allocations_amount_bounded;
  ALTER TABLE advance_payments DROP CONSTRAINT IF EXISTS advance_payments_amount_bounded;
  ALTER TABLE invoices_items DROP CONSTRAINT IF EXISTS invoices_items_bounded;
  ALTER TABLE invoices DROP CONSTRAINT IF EXISTS invoices_amounts_bounded;
  `)
}
