/**
 * SPEC §3.10: recomputes every derived field from the raw ledger rows and lists each drift
 * (entity, id, field, stored, recomputed) plus every broken invariant. The formulas here are
 * verify's own, written apart from the *_figures views the refresh writes from, so a wrong
 * view is caught (its figures drift from these), not only a missed refresh.
 */
// drizzle's own \`sql\` (the one @/ledger/db re-exports): the CLI then starts without loading Payload.
import { sql } from 'drizzle-orm'

import type { Db, SQL } from '@/ledger/db'

export interface Drift {
  entity: string
  id: number
  field: string
  stored: string | null
  recomputed: string | null
}

/**
 * The rows a run reads: every row (the full run), or those of a set of customers (the
 * incremental run, `--changed`). Each formula below takes it and filters its base tables with
 * it, so both runs share one statement of every rule.
 */
interface Rows {
  customers: (column: string) => SQL
  invoices: (column: string) => SQL
  deposits: (column: string) => SQL
  transactions: (column: string) => SQL
}

interface Check {
  entity: string
  /** A check of store-wide figures, which no customer owns, takes no Rows: it reads every row in both runs. */
  query: ((rows: Rows) => SQL) | (() => SQL)
}

const EVERY_ROW: Rows = { customers: () => sql`true`, invoices: () => sql`true`, deposits: () => sql`true`, transactions: () => sql`true` }

/** `column = ANY('{…}'::int[])`: one parameter however many ids (an empty set matches nothing). */
const oneOf =
  (ids: readonly number[]) =>
  (column: string): SQL =>
    sql`${sql.raw(column)} = ANY(${`{${ids.join(',')}}`}::int[])`

/** A store's calendar day, and whether a stored day (noon UTC) lies before the store's today. */
const beforeToday = (column: string, zone: string) => sql.raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD') < to_char(now() AT TIME ZONE ${zone}, 'YYYY-MM-DD')`)

/**
 * Each invoice from its ledger rows (SPEC §9): paid = allocations of payments + advance uses
 * (reversals are negative rows), written off = allocations of its write-off, credited = Σ its
 * credit notes, due = total − paid − credited − written off.
 */
const INVOICES = (rows: Rows) => sql`
  invoice_rows AS (
    SELECT a.invoice_id, CASE WHEN t.kind = 'write_off' THEN 0 ELSE a.amount END AS paid, CASE WHEN t.kind = 'write_off' THEN a.amount ELSE 0 END AS written_off
      FROM allocations a JOIN transactions t ON t.id = a.transaction_id WHERE ${rows.invoices('a.invoice_id')}
    UNION ALL SELECT invoice_id, amount, 0 FROM advance_utilizations WHERE ${rows.invoices('invoice_id')}
  ), invoice_paid AS (
    SELECT invoice_id, sum(paid) AS paid, sum(written_off) AS written_off FROM invoice_rows GROUP BY invoice_id
  ), invoice_credited AS (
    SELECT invoice_id, sum(amount) AS credited FROM credit_notes WHERE ${rows.invoices('invoice_id')} GROUP BY invoice_id
  ), invoice_check AS (
    SELECT i.id, i.customer_id, i.kind, i.total, i.status AS stored_status, i.posted_at, i.period_start, i.period_end, s.timezone,
           coalesce(p.paid, 0) AS paid, coalesce(c.credited, 0) AS credited, coalesce(p.written_off, 0) AS written_off,
           CASE WHEN i.status = 'void' THEN 0 ELSE i.total - coalesce(p.paid, 0) - coalesce(c.credited, 0) - coalesce(p.written_off, 0) END AS due,
           CASE WHEN i.status IN ('draft', 'void') THEN i.status::text
                WHEN coalesce(p.paid, 0) + coalesce(c.credited, 0) + coalesce(p.written_off, 0) >= i.total AND coalesce(p.written_off, 0) > 0 THEN 'written_off'
                WHEN coalesce(p.paid, 0) + coalesce(c.credited, 0) + coalesce(p.written_off, 0) >= i.total THEN 'paid'
                WHEN i.due_date IS NOT NULL AND ${beforeToday('i.due_date', 's.timezone')} THEN 'overdue'
                WHEN coalesce(p.paid, 0) > 0 THEN 'partial'
                ELSE 'open' END AS status
      FROM invoices i JOIN stores s ON s.id = i.store_id LEFT JOIN invoice_paid p ON p.invoice_id = i.id
      LEFT JOIN invoice_credited c ON c.invoice_id = i.id
     WHERE ${rows.invoices('i.id')}
  )`

/**
 * SPEC §12, stated on its own (the checkout and the invoice hook work it out in
 * src/domain/tax.ts): each line's amount = quantity × unit price half-up; its share of the
 * discount by largest remainder (⌊discount·amount/subtotal⌋, one more unit to the largest
 * remainders, ties to the earlier line); the price less its share is taxable (exclusive) or
 * split taxable + tax (inclusive); tax half-up in integers: ⌊(2·x·r + d) / 2d⌋; nothing on a
 * complimentary bill; then per invoice and rate, CGST takes the odd unit of the halves.
 */
const TAXES = (rows: Rows) => sql`
  line_amounts AS (
    SELECT it.id, it._parent_id AS invoice_id, it._order, it.tax_rate, it.taxable, it.tax, round(it.quantity * it.unit_price) AS amount,
           coalesce(i.discount, 0) AS discount, coalesce(i.complimentary, false) AS free, i.prices_include_tax, i.tax_treatment::text AS treatment
      FROM invoices_items it JOIN invoices i ON i.id = it._parent_id WHERE ${rows.invoices('it._parent_id')}
  ), line_shares AS (
    SELECT l.*, sum(l.amount) OVER w AS subtotal,
           CASE WHEN sum(l.amount) OVER w > 0 THEN div(l.discount::numeric * l.amount, sum(l.amount) OVER w) ELSE 0 END AS base,
           CASE WHEN sum(l.amount) OVER w > 0 THEN mod(l.discount::numeric * l.amount, sum(l.amount) OVER w) ELSE 0 END AS rest
      FROM line_amounts l WHERE l.discount <> 0
    WINDOW w AS (PARTITION BY l.invoice_id)
  ), line_nets AS (
    SELECT s.id, s.invoice_id, s.tax_rate, s.taxable, s.tax, s.amount, s.prices_include_tax, s.treatment,
           CASE WHEN s.free THEN 0
                ELSE s.amount - s.base - CASE WHEN row_number() OVER (PARTITION BY s.invoice_id ORDER BY s.rest DESC, s._order)
                                                   <= s.discount - sum(s.base) OVER (PARTITION BY s.invoice_id) THEN 1 ELSE 0 END END AS net
      FROM line_shares s
    UNION ALL
    -- no discount: every share is 0 and no line takes a unit (the windows above would say so, slower)
    SELECT l.id, l.invoice_id, l.tax_rate, l.taxable, l.tax, l.amount, l.prices_include_tax, l.treatment, CASE WHEN l.free THEN 0 ELSE l.amount END
      FROM line_amounts l WHERE l.discount = 0
  ), line_check AS (
    SELECT n.id, n.invoice_id, n.amount, n.tax_rate, n.treatment, n.taxable AS stored_taxable, n.tax AS stored_tax,
           CASE WHEN n.prices_include_tax THEN n.net - div(2 * n.net * n.tax_rate + (10000 + n.tax_rate), 2 * (10000 + n.tax_rate)) ELSE n.net END AS taxable,
           CASE WHEN n.prices_include_tax THEN div(2 * n.net * n.tax_rate + (10000 + n.tax_rate), 2 * (10000 + n.tax_rate))
                ELSE div(2 * n.net * n.tax_rate + 10000, 20000) END AS tax
      FROM line_nets n
  ), rate_check AS (
    SELECT invoice_id, treatment, tax_rate, sum(tax) AS tax, sum(amount) AS subtotal, sum(taxable) AS taxable FROM line_check GROUP BY invoice_id, treatment, tax_rate
  ), invoice_tax_check AS (
    SELECT r.invoice_id, sum(r.tax) AS tax_total,
           sum(CASE WHEN r.treatment = 'intra' THEN r.tax - div(r.tax, 2) ELSE 0 END) AS cgst,
           sum(CASE WHEN r.treatment = 'intra' THEN div(r.tax, 2) ELSE 0 END) AS sgst,
           sum(CASE WHEN r.treatment = 'inter' THEN r.tax ELSE 0 END) AS igst,
           sum(r.subtotal) AS subtotal, sum(r.taxable) AS taxable
      FROM rate_check r GROUP BY r.invoice_id
  )`

/**
 * Each deposit from its uses, the refunds that paid it back, the reversal of the payment it
 * came from and what was forfeited when it expired (SPEC §9).
 */
const DEPOSITS = (rows: Rows) => sql`
  deposit_used AS (SELECT advance_payment_id, sum(amount) AS used FROM advance_utilizations WHERE ${rows.deposits('advance_payment_id')} GROUP BY 1),
  deposit_out AS (
    SELECT advance_payment_id, sum(amount) FILTER (WHERE kind = 'advance_refund') AS refunded, sum(amount) FILTER (WHERE kind = 'reversal') AS reversed,
           sum(amount) FILTER (WHERE kind = 'advance_expiry') AS forfeited
      FROM transactions WHERE advance_payment_id IS NOT NULL AND ${rows.deposits('advance_payment_id')} GROUP BY 1
  ), deposit_check AS (
    SELECT a.id, a.customer_id, coalesce(u.used, 0) AS used, coalesce(o.refunded, 0) AS refunded, coalesce(o.reversed, 0) AS reversed,
           coalesce(o.forfeited, 0) AS forfeited,
           a.amount - coalesce(u.used, 0) - coalesce(o.refunded, 0) - coalesce(o.reversed, 0) - coalesce(o.forfeited, 0) AS remaining,
           CASE WHEN coalesce(o.forfeited, 0) > 0 THEN 'expired'
                WHEN coalesce(o.reversed, 0) > 0 THEN 'reversed'
                WHEN a.amount > coalesce(u.used, 0) + coalesce(o.refunded, 0) THEN 'active'
                WHEN coalesce(o.refunded, 0) > 0 THEN 'refunded'
                ELSE 'utilized' END AS status
      FROM advance_payments a LEFT JOIN deposit_used u ON u.advance_payment_id = a.id LEFT JOIN deposit_out o ON o.advance_payment_id = a.id
     WHERE ${rows.deposits('a.id')}
  )`

/** Each card statement from its store's charges and payments, each net of its reversals. */
const STATEMENTS = sql`
  statement_rows AS (
    SELECT t.credit_card_invoice_id AS id, coalesce(o.kind, t.kind) AS kind, CASE WHEN t.kind = 'reversal' THEN -1 ELSE 1 END AS sign, t.amount
      FROM transactions t LEFT JOIN transactions o ON o.id = t.reversal_of_id
      JOIN credit_card_invoices st ON st.id = t.credit_card_invoice_id AND st.store_id = t.store_id
  ), statement_sums AS (
    SELECT id, coalesce(sum(sign * amount) FILTER (WHERE kind = 'expense'), 0) AS charged,
           coalesce(sum(sign) FILTER (WHERE kind = 'expense'), 0) AS purchases,
           coalesce(sum(sign * amount) FILTER (WHERE kind = 'card_payment'), 0) AS paid
      FROM statement_rows GROUP BY id
  ), statement_check AS (
    SELECT s.id, coalesce(x.charged, 0) AS total, coalesce(x.purchases, 0) AS purchases, coalesce(x.paid, 0) AS paid,
           coalesce(x.charged, 0) - coalesce(x.paid, 0) AS due,
           (s.end_date AT TIME ZONE 'UTC')::date - (s.start_date AT TIME ZONE 'UTC')::date + 1 AS days,
           CASE WHEN s.is_closed AND coalesce(x.paid, 0) >= coalesce(x.charged, 0) THEN 'paid'
                WHEN s.is_closed AND s.due_date IS NOT NULL AND ${beforeToday('s.due_date', 'st.timezone')} THEN 'overdue'
                WHEN coalesce(x.paid, 0) > 0 THEN 'partial'
                ELSE 'open' END AS status
      FROM credit_card_invoices s JOIN stores st ON st.id = s.store_id LEFT JOIN statement_sums x ON x.id = s.id
  )`

/** Per payment: (amount + Σ deposits kept from it) − Σ allocations − Σ those deposits, 0 once reversed. */
const UNMATCHED_BY_PAYMENT = (rows: Rows) => sql`
  SELECT t.id, t.customer_id,
         CASE WHEN EXISTS (SELECT 1 FROM transactions r WHERE r.reversal_of_id = t.id) THEN 0
              ELSE t.amount + coalesce(k.kept, 0) - coalesce(a.allocated, 0) - coalesce(k.kept, 0) END AS unmatched
    FROM transactions t
    LEFT JOIN (SELECT transaction_id, sum(amount) AS allocated FROM allocations WHERE ${rows.transactions('transaction_id')} GROUP BY transaction_id) a ON a.transaction_id = t.id
    LEFT JOIN (SELECT from_payment_id, sum(amount) AS kept FROM advance_payments WHERE from_payment_id IS NOT NULL AND ${rows.transactions('from_payment_id')} GROUP BY from_payment_id) k
           ON k.from_payment_id = t.id
   WHERE t.kind = 'payment' AND ${rows.transactions('t.id')}`

export const CHECKS: readonly Check[] = [
  {
    entity: 'invoice',
    query: (rows: Rows) => sql`
      WITH ${INVOICES(rows)}
      SELECT i.id, f.field, f.stored, f.recomputed FROM invoices i JOIN invoice_check v ON v.id = i.id
      CROSS JOIN LATERAL (VALUES ('amountPaid', i.amount_paid::text, v.paid::text),
                                 ('creditedAmount', i.credited_amount::text, v.credited::text),
                                 ('writtenOff', i.written_off::text, v.written_off::text),
                                 ('amountDue', i.amount_due::text, v.due::text),
                                 ('status', i.status::text, v.status)) AS f(field, stored, recomputed)
       WHERE (i.amount_paid, i.credited_amount, i.written_off, i.amount_due, i.status::text) IS DISTINCT FROM (v.paid, v.credited, v.written_off, v.due, v.status)
         AND f.stored IS DISTINCT FROM f.recomputed`,
  },
  {
    // SPEC §12: every line's taxable value and tax, and a rate of 0 when the store was not
    // registered; then the invoice's tax total, CGST / SGST / IGST, subtotal and total =
    // Σ taxable + tax. One statement, so the lines are worked out once for both.
    entity: 'invoice-item',
    query: (rows: Rows) => sql`
      WITH ${TAXES(rows)}
      SELECT 'invoice-item' AS entity, l.invoice_id AS id, 'items[' || l.id || '].' || f.field AS field, f.stored, f.recomputed
        FROM line_check l
      CROSS JOIN LATERAL (VALUES ('taxable', l.stored_taxable::text, l.taxable::text),
                                 ('tax', l.stored_tax::text, l.tax::text),
                                 ('taxRate', l.tax_rate::text, CASE WHEN l.treatment = 'unregistered' THEN '0' ELSE l.tax_rate::text END)) AS f(field, stored, recomputed)
       WHERE (l.stored_taxable, l.stored_tax, l.tax_rate) IS DISTINCT FROM (l.taxable, l.tax, CASE WHEN l.treatment = 'unregistered' THEN 0 ELSE l.tax_rate END)
         AND f.stored IS DISTINCT FROM f.recomputed
      UNION ALL
      SELECT 'invoice', i.id, f.field, f.stored, f.recomputed
        FROM invoices i JOIN invoice_tax_check t ON t.invoice_id = i.id
      CROSS JOIN LATERAL (VALUES ('taxTotal', i.tax_total::text, t.tax_total::text),
                                 ('cgst', i.cgst::text, t.cgst::text),
                                 ('sgst', i.sgst::text, t.sgst::text),
                                 ('igst', i.igst::text, t.igst::text),
                                 ('subtotal', i.subtotal::text, t.subtotal::text),
                                 ('total', i.total::text, (t.taxable + t.tax_total)::text)) AS f(field, stored, recomputed)
       WHERE (i.tax_total, i.cgst, i.sgst, i.igst, i.subtotal, i.total) IS DISTINCT FROM (t.tax_total, t.cgst, t.sgst, t.igst, t.subtotal, t.taxable + t.tax_total)
         AND f.stored IS DISTINCT FROM f.recomputed`,
  },
  {
    entity: 'advance-payment',
    query: (rows: Rows) => sql`
      WITH ${DEPOSITS(rows)}
      SELECT a.id, f.field, f.stored, f.recomputed FROM advance_payments a JOIN deposit_check v ON v.id = a.id
      CROSS JOIN LATERAL (VALUES ('utilizedAmount', a.utilized_amount::text, v.used::text),
                                 ('refundedAmount', a.refunded_amount::text, v.refunded::text),
                                 ('reversedAmount', a.reversed_amount::text, v.reversed::text),
                                 ('forfeitedAmount', a.forfeited_amount::text, v.forfeited::text),
                                 ('remainingAmount', a.remaining_amount::text, v.remaining::text),
                                 ('status', a.status::text, v.status)) AS f(field, stored, recomputed)
       WHERE (a.utilized_amount, a.refunded_amount, a.reversed_amount, a.forfeited_amount, a.remaining_amount, a.status::text)
             IS DISTINCT FROM (v.used, v.refunded, v.reversed, v.forfeited, v.remaining, v.status)
         AND f.stored IS DISTINCT FROM f.recomputed`,
  },
  {
    entity: 'customer',
    // From the invoices and deposits as recomputed above, and the customer's transactions.
    query: (rows: Rows) => sql`
      WITH ${INVOICES(rows)}, ${DEPOSITS(rows)},
      billed AS (
        SELECT customer_id, sum(due) AS pending, sum(total - credited) AS billed,
               count(*) FILTER (WHERE kind = 'bill') AS visits, max(posted_at) FILTER (WHERE kind = 'bill') AS last_visit,
               count(*) FILTER (WHERE kind = 'timesheet') AS services,
               count(*) FILTER (WHERE kind = 'timesheet'
                 AND (period_start IS NULL OR to_char(period_start AT TIME ZONE 'UTC', 'YYYY-MM-DD') <= to_char(now() AT TIME ZONE timezone, 'YYYY-MM-DD'))
                 AND (period_end IS NULL OR to_char(period_end AT TIME ZONE 'UTC', 'YYYY-MM-DD') >= to_char(now() AT TIME ZONE timezone, 'YYYY-MM-DD'))) AS active
          FROM invoice_check WHERE stored_status NOT IN ('draft', 'void') GROUP BY customer_id
      ), held AS (
        SELECT customer_id, sum(remaining) AS held FROM deposit_check WHERE status = 'active' GROUP BY customer_id
      ), held_payments AS (
        SELECT customer_id, sum(amount) AS unmatched FROM unmatched_payments WHERE ${rows.customers('customer_id')} GROUP BY customer_id
      ), money AS (
        -- money received less money given back: a write-off and a forfeit move no money
        SELECT customer_id, coalesce(sum(amount) FILTER (WHERE type = 'income' AND kind NOT IN ('write_off', 'advance_expiry')), 0)
                            - coalesce(sum(amount) FILTER (WHERE type = 'expense' AND kind NOT IN ('write_off', 'advance_expiry')), 0) AS paid
          FROM transactions WHERE customer_id IS NOT NULL AND ${rows.customers('customer_id')} GROUP BY customer_id
      )
      SELECT c.id, f.field, f.stored, f.recomputed
        FROM customers c LEFT JOIN billed b ON b.customer_id = c.id LEFT JOIN held h ON h.customer_id = c.id
        LEFT JOIN money m ON m.customer_id = c.id LEFT JOIN held_payments p ON p.customer_id = c.id
      CROSS JOIN LATERAL (VALUES ('pendingBalance', c.pending_balance::text, coalesce(b.pending, 0)::text),
                                 ('advanceBalance', c.advance_balance::text, coalesce(h.held, 0)::text),
                                 ('totalBilled', c.total_billed::text, coalesce(b.billed, 0)::text),
                                 ('totalPaid', c.total_paid::text, coalesce(m.paid, 0)::text),
                                 ('visits', c.visits::text, coalesce(b.visits, 0)::text),
                                 ('lastVisitAt', c.last_visit_at::text, b.last_visit::text),
                                 ('servicesCount', c.services_count::text, coalesce(b.services, 0)::text),
                                 ('activeRentals', c.active_rentals::text, coalesce(b.active, 0)::text),
                                 -- held money = Σ unmatched_payments (itself checked against the raw rows below)
                                 ('unmatchedCredit', c.unmatched_credit::text, coalesce(p.unmatched, 0)::text)) AS f(field, stored, recomputed)
       WHERE ${rows.customers('c.id')}
         AND (c.pending_balance, c.advance_balance, c.total_billed, c.total_paid, c.visits, c.last_visit_at, c.services_count, c.active_rentals, c.unmatched_credit)
             IS DISTINCT FROM (coalesce(b.pending, 0), coalesce(h.held, 0), coalesce(b.billed, 0), coalesce(m.paid, 0), coalesce(b.visits, 0), b.last_visit,
                               coalesce(b.services, 0), coalesce(b.active, 0), coalesce(p.unmatched, 0))
         AND f.stored IS DISTINCT FROM f.recomputed`,
  },
  {
    entity: 'transaction',
    query: (rows: Rows) => sql`
      SELECT t.id, 'allocated' AS field, t.amount::text AS stored, sum(a.amount)::text AS recomputed
        FROM transactions t JOIN allocations a ON a.transaction_id = t.id
       WHERE ${rows.transactions('t.id')}
       GROUP BY t.id HAVING sum(a.amount) > t.amount OR sum(a.amount) < 0`,
  },
  {
    // ledger_daily_totals (kept by a trigger) against the transactions, per store-local day.
    entity: 'store-daily-totals',
    query: () => sql`
      WITH recomputed AS (
        SELECT t.store_id, (t.date AT TIME ZONE s.timezone)::date AS day,
               coalesce(sum(t.amount) FILTER (WHERE t.type = 'income' AND t.kind <> 'advance_expiry'), 0) AS income,
               coalesce(sum(t.amount) FILTER (WHERE t.kind = 'advance_refund'), 0) AS advance_refunds,
               coalesce(sum(t.amount) FILTER (WHERE t.kind = 'expense'), 0) AS expenses,
               coalesce(sum(t.amount) FILTER (WHERE t.type = 'expense' AND t.kind <> 'write_off'), 0) AS money_out,
               coalesce(sum(t.amount) FILTER (WHERE t.kind = 'write_off'), 0) AS written_off,
               coalesce(sum(t.amount) FILTER (WHERE t.kind = 'advance_expiry'), 0) AS forfeited
          FROM transactions t JOIN stores s ON s.id = t.store_id GROUP BY 1, 2
      ), stored AS (
        SELECT store_id, day, sum(income) AS income, sum(advance_refunds) AS advance_refunds, sum(expenses) AS expenses, sum(money_out) AS money_out,
               sum(written_off) AS written_off, sum(forfeited) AS forfeited
          FROM ledger_daily_totals GROUP BY 1, 2
      )
      SELECT coalesce(r.store_id, d.store_id) AS id, to_char(coalesce(r.day, d.day), 'YYYY-MM-DD') || ' ' || f.field AS field,
             coalesce(f.stored, '0') AS stored, coalesce(f.recomputed, '0') AS recomputed
        FROM recomputed r FULL JOIN stored d ON d.store_id = r.store_id AND d.day = r.day
       CROSS JOIN LATERAL (VALUES ('income', d.income::text, r.income::text),
                                  ('advanceRefunds', d.advance_refunds::text, r.advance_refunds::text),
                                  ('expenses', d.expenses::text, r.expenses::text),
                                  ('moneyOut', d.money_out::text, r.money_out::text),
                                  ('writtenOff', d.written_off::text, r.written_off::text),
                                  ('forfeited', d.forfeited::text, r.forfeited::text)) AS f(field, stored, recomputed)
       WHERE coalesce(f.stored, '0') <> coalesce(f.recomputed, '0')`,
  },
  {
    // invoice_status_totals (kept by a trigger) against the invoices.
    entity: 'store-invoice-totals',
    query: () => sql`
      WITH recomputed AS (
        SELECT store_id, status::text AS status, count(*) AS count, sum(total) AS total, sum(amount_due) AS amount_due, sum(amount_paid) AS amount_paid
          FROM invoices WHERE store_id IS NOT NULL GROUP BY 1, 2
      ), stored AS (
        SELECT store_id, status::text AS status, sum(count) AS count, sum(total) AS total, sum(amount_due) AS amount_due, sum(amount_paid) AS amount_paid
          FROM invoice_status_totals GROUP BY 1, 2
      )
      SELECT coalesce(r.store_id, d.store_id) AS id, coalesce(r.status, d.status) || ' ' || f.field AS field,
             coalesce(f.stored, '0') AS stored, coalesce(f.recomputed, '0') AS recomputed
        FROM recomputed r FULL JOIN stored d ON d.store_id = r.store_id AND d.status = r.status
       CROSS JOIN LATERAL (VALUES ('count', d.count::text, r.count::text), ('total', d.total::text, r.total::text),
                                  ('amountDue', d.amount_due::text, r.amount_due::text),
                                  ('amountPaid', d.amount_paid::text, r.amount_paid::text)) AS f(field, stored, recomputed)
       WHERE coalesce(f.stored, '0') <> coalesce(f.recomputed, '0')`,
  },
  {
    // SPEC §9a, stated here on its own (not through payment_figures, which the triggers and
    // services use): what is unmatched of a payment is the money received — the payment and
    // any deposit kept from its excess — less its allocations, less those deposits; and 0
    // once the payment is reversed. Checked against unmatched_payments (reconciliation).
    entity: 'transaction',
    query: (rows: Rows) => sql`
      WITH recomputed AS (${UNMATCHED_BY_PAYMENT(rows)})
      SELECT coalesce(r.id, u.transaction_id) AS id, 'unmatched' AS field, coalesce(u.amount, 0)::text AS stored,
             coalesce(r.unmatched, 0)::text AS recomputed
        FROM (SELECT * FROM recomputed WHERE unmatched <> 0) r FULL JOIN (SELECT * FROM unmatched_payments WHERE ${rows.transactions('transaction_id')}) u ON u.transaction_id = r.id
       WHERE u.amount IS DISTINCT FROM r.unmatched`,
  },
  {
    // …and against the customer's unmatchedCredit (shown as held money).
    entity: 'customer',
    query: (rows: Rows) => sql`
      WITH recomputed AS (${UNMATCHED_BY_PAYMENT(rows)}), per_customer AS (
        SELECT customer_id, sum(unmatched) AS unmatched FROM recomputed GROUP BY customer_id
      )
      SELECT c.id, 'unmatchedCredit=Σ unmatched payments' AS field, c.unmatched_credit::text AS stored, coalesce(p.unmatched, 0)::text AS recomputed
        FROM customers c LEFT JOIN per_customer p ON p.customer_id = c.id
       WHERE ${rows.customers('c.id')} AND c.unmatched_credit <> coalesce(p.unmatched, 0)`,
  },
  {
    // A deposit kept from a reversed payment's excess is reversed with it: nothing of it held.
    entity: 'advance-payment',
    query: (rows: Rows) => sql`
      SELECT a.id, 'reversedWithPayment' AS field, a.status::text || ' ' || a.remaining_amount::text AS stored, 'reversed 0' AS recomputed
        FROM advance_payments a
       WHERE ${rows.deposits('a.id')} AND a.from_payment_id IN (SELECT reversal_of_id FROM transactions WHERE reversal_of_id IS NOT NULL)
         AND (a.status <> 'reversed' OR a.remaining_amount <> 0)`,
  },
  {
    entity: 'invoice',
    query: (rows: Rows) => sql`
      SELECT i.id, 'amountPaid+creditedAmount+writtenOff<=total' AS field, (i.amount_paid + i.credited_amount + i.written_off)::text AS stored,
             i.total::text AS recomputed
        FROM invoices i WHERE ${rows.invoices('i.id')} AND (i.amount_paid + i.credited_amount + i.written_off > i.total OR i.amount_due < 0)`,
  },
  {
    // SPEC §9: a write-off writes off exactly what it is allocated to, on one invoice of its customer.
    entity: 'transaction',
    query: (rows: Rows) => sql`
      SELECT t.id, 'writeOff=allocated' AS field, t.amount::text AS stored, coalesce(sum(a.amount) FILTER (WHERE a.amount > 0), 0)::text AS recomputed
        FROM transactions t LEFT JOIN allocations a ON a.transaction_id = t.id
       WHERE t.kind = 'write_off' AND ${rows.transactions('t.id')}
       GROUP BY t.id HAVING t.amount <> coalesce(sum(a.amount) FILTER (WHERE a.amount > 0), 0) OR count(DISTINCT a.invoice_id) > 1`,
  },
  {
    // A refund and a forfeit belong to a deposit of the same customer, and a deposit never gives out more than it held.
    entity: 'advance-payment',
    query: (rows: Rows) => sql`
      WITH ${DEPOSITS(rows)}
      SELECT v.id, 'remaining>=0' AS field, v.remaining::text AS stored, '0' AS recomputed FROM deposit_check v WHERE v.remaining < 0
      UNION ALL
      SELECT t.id, 'depositOfCustomer', t.customer_id::text, a.customer_id::text
        FROM transactions t JOIN advance_payments a ON a.id = t.advance_payment_id
       WHERE t.kind IN ('advance_refund', 'advance_expiry') AND t.customer_id IS DISTINCT FROM a.customer_id
         AND (${rows.transactions('t.id')} OR ${rows.deposits('a.id')})`,
  },
  {
    // CN-26-0001: per store and year the numbers are 1…n, each once (gap-free).
    entity: 'credit-notes',
    query: () => sql`
      SELECT store_id AS id, 'gapFree ' || prefix AS field, count(*)::text AS stored, max(seq)::text AS recomputed
        FROM (SELECT store_id, substring(number from '^(CN-[0-9]{2}-)') AS prefix, substring(number from '([0-9]+)$')::bigint AS seq FROM credit_notes) n
       GROUP BY store_id, prefix HAVING count(*) <> max(seq) OR count(DISTINCT seq) <> count(*)`,
  },
  {
    entity: 'allocation',
    query: (rows: Rows) => sql`
      SELECT a.id, 'sameCustomer' AS field, t.customer_id::text AS stored, i.customer_id::text AS recomputed
        FROM allocations a JOIN transactions t ON t.id = a.transaction_id JOIN invoices i ON i.id = a.invoice_id
       WHERE t.customer_id IS DISTINCT FROM i.customer_id AND (${rows.transactions('a.transaction_id')} OR ${rows.invoices('a.invoice_id')})`,
  },
  {
    entity: 'card-statement',
    query: () => sql`
      WITH ${STATEMENTS}
      SELECT s.id, f.field, f.stored, f.recomputed FROM credit_card_invoices s JOIN statement_check v ON v.id = s.id
      CROSS JOIN LATERAL (VALUES ('totalAmount', s.total_amount::text, v.total::text),
                                 ('purchasesCount', s.purchases_count::text, v.purchases::text),
                                 ('billingPeriodDays', s.billing_period_days::text, v.days::text),
                                 ('amountPaid', s.amount_paid::text, v.paid::text),
                                 ('amountDue', s.amount_due::text, v.due::text),
                                 ('status', s.status::text, v.status)) AS f(field, stored, recomputed)
       WHERE f.stored IS DISTINCT FROM f.recomputed`,
  },
  {
    entity: 'card-charge',
    query: () => sql`
      SELECT t.id, 'statementPeriod' AS field, to_char((t.date AT TIME ZONE st.timezone)::date, 'YYYY-MM-DD') AS stored,
             to_char((s.start_date AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') || '..' || to_char((s.end_date AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS recomputed
        FROM transactions t JOIN credit_card_invoices s ON s.id = t.credit_card_invoice_id JOIN stores st ON st.id = t.store_id
       WHERE t.kind = 'expense' AND t.method = 'credit_card'
         AND (t.date AT TIME ZONE st.timezone)::date NOT BETWEEN (s.start_date AT TIME ZONE 'UTC')::date AND (s.end_date AT TIME ZONE 'UTC')::date`,
  },
  {
    entity: 'card-statements',
    query: () => sql`
      SELECT s.id, 'contiguous' AS field, to_char((s.start_date AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS stored,
             to_char((p.end_date AT TIME ZONE 'UTC')::date + 1, 'YYYY-MM-DD') AS recomputed
        FROM credit_card_invoices s
        JOIN LATERAL (SELECT end_date FROM credit_card_invoices x WHERE x.credit_card_id = s.credit_card_id AND x.start_date < s.start_date
                      ORDER BY x.start_date DESC LIMIT 1) p ON true
       WHERE (s.start_date AT TIME ZONE 'UTC')::date <> (p.end_date AT TIME ZONE 'UTC')::date + 1`,
  },
  {
    entity: 'payable',
    // A card payable follows its statement; any other, its store's expenses that pay it (net of reversals).
    query: () => sql`
      WITH ${STATEMENTS},
      payable_paid AS (
        SELECT t.payment_status_id AS id, sum(CASE WHEN t.kind = 'reversal' THEN -t.amount ELSE t.amount END) AS paid
          FROM transactions t JOIN payment_statuses p ON p.id = t.payment_status_id AND p.store_id = t.store_id
          LEFT JOIN transactions o ON o.id = t.reversal_of_id
         WHERE coalesce(o.kind, t.kind) IN ('expense', 'card_payment')
         GROUP BY 1
      ), payable_check AS (
        SELECT p.id,
               CASE WHEN p.payment_type = 'credit_card' THEN coalesce(sc.total, 0) ELSE coalesce(p.expected_amount, 0) END AS expected,
               CASE WHEN p.payment_type = 'credit_card' THEN coalesce(sc.paid, 0) ELSE coalesce(x.paid, 0) END AS paid,
               p.due_date, st.timezone
          FROM payment_statuses p JOIN stores st ON st.id = p.store_id
          LEFT JOIN credit_card_invoices cs ON cs.id = p.credit_card_invoice_id AND cs.store_id = p.store_id
          LEFT JOIN statement_check sc ON sc.id = cs.id LEFT JOIN payable_paid x ON x.id = p.id
      )
      SELECT p.id, f.field, f.stored, f.recomputed FROM payment_statuses p JOIN payable_check v ON v.id = p.id
      CROSS JOIN LATERAL (VALUES ('expectedAmount', coalesce(p.expected_amount, 0)::text, v.expected::text),
                                 ('amountPaid', p.amount_paid::text, v.paid::text),
                                 ('status', p.status::text,
                                  CASE WHEN v.expected > 0 AND v.paid >= v.expected THEN 'paid'
                                       WHEN ${beforeToday('v.due_date', 'v.timezone')} THEN 'overdue'
                                       WHEN v.paid > 0 THEN 'partial'
                                       ELSE 'pending' END)) AS f(field, stored, recomputed)
       WHERE f.stored IS DISTINCT FROM f.recomputed`,
  },
  {
    // Every link between rows stays inside one store (SPEC §5): a row naming another store's
    // customer, invoice, deposit, card, statement or payable is reported with both stores.
    entity: 'transaction',
    query: (rows: Rows) => sql`
      SELECT t.id, 'sameStore:' || l.field AS field, t.store_id::text AS stored, l.store_id::text AS recomputed
        FROM transactions t
        LEFT JOIN customers c ON c.id = t.customer_id
        LEFT JOIN invoices i ON i.id = t.invoice_id
        LEFT JOIN advance_payments a ON a.id = t.advance_payment_id
        LEFT JOIN credit_cards cc ON cc.id = t.credit_card_id
        LEFT JOIN credit_card_invoices s ON s.id = t.credit_card_invoice_id
        LEFT JOIN payment_statuses p ON p.id = t.payment_status_id
        LEFT JOIN transactions r ON r.id = t.reversal_of_id
       CROSS JOIN LATERAL (VALUES ('customer', c.store_id), ('invoice', i.store_id), ('advancePayment', a.store_id),
                                  ('creditCard', cc.store_id), ('creditCardInvoice', s.store_id), ('paymentStatus', p.store_id),
                                  ('reversalOf', r.store_id)) AS l(field, store_id)
       WHERE ${rows.transactions('t.id')} AND l.store_id <> t.store_id
         AND (c.store_id <> t.store_id OR i.store_id <> t.store_id OR a.store_id <> t.store_id OR cc.store_id <> t.store_id
              OR s.store_id <> t.store_id OR p.store_id <> t.store_id OR r.store_id <> t.store_id)`,
  },
  {
    entity: 'allocation',
    query: (rows: Rows) => sql`
      SELECT a.id, 'sameStore:' || l.field AS field, a.store_id::text AS stored, l.store_id::text AS recomputed
        FROM allocations a JOIN transactions t ON t.id = a.transaction_id JOIN invoices i ON i.id = a.invoice_id
       CROSS JOIN LATERAL (VALUES ('transaction', t.store_id), ('invoice', i.store_id)) AS l(field, store_id)
       WHERE (${rows.transactions('a.transaction_id')} OR ${rows.invoices('a.invoice_id')}) AND l.store_id <> a.store_id AND (t.store_id <> a.store_id OR i.store_id <> a.store_id)`,
  },
  {
    entity: 'advance-utilization',
    query: (rows: Rows) => sql`
      SELECT u.id, 'sameStore:' || l.field AS field, u.store_id::text AS stored, l.store_id::text AS recomputed
        FROM advance_utilizations u JOIN advance_payments a ON a.id = u.advance_payment_id JOIN invoices i ON i.id = u.invoice_id
       CROSS JOIN LATERAL (VALUES ('advancePayment', a.store_id), ('invoice', i.store_id)) AS l(field, store_id)
       WHERE (${rows.deposits('u.advance_payment_id')} OR ${rows.invoices('u.invoice_id')}) AND l.store_id <> u.store_id AND (a.store_id <> u.store_id OR i.store_id <> u.store_id)`,
  },
  {
    entity: 'invoice',
    query: (rows: Rows) => sql`
      SELECT i.id, 'sameStore:' || l.field AS field, i.store_id::text AS stored, l.store_id::text AS recomputed
        FROM invoices i JOIN customers c ON c.id = i.customer_id LEFT JOIN assets x ON x.id = i.asset_id
       CROSS JOIN LATERAL (VALUES ('customer', c.store_id), ('asset', x.store_id)) AS l(field, store_id)
       WHERE ${rows.invoices('i.id')} AND l.store_id <> i.store_id AND (c.store_id <> i.store_id OR x.store_id <> i.store_id)`,
  },
  {
    entity: 'advance-payment',
    query: (rows: Rows) => sql`
      SELECT a.id, 'sameStore:' || l.field AS field, a.store_id::text AS stored, l.store_id::text AS recomputed
        FROM advance_payments a JOIN customers c ON c.id = a.customer_id LEFT JOIN transactions t ON t.id = a.transaction_id
        LEFT JOIN transactions f ON f.id = a.from_payment_id
       CROSS JOIN LATERAL (VALUES ('customer', c.store_id), ('transaction', t.store_id), ('fromPayment', f.store_id)) AS l(field, store_id)
       WHERE ${rows.deposits('a.id')} AND l.store_id <> a.store_id AND (c.store_id <> a.store_id OR t.store_id <> a.store_id OR f.store_id <> a.store_id)`,
  },
  {
    entity: 'owner-link',
    query: (rows: Rows) => sql`
      SELECT b.id, 'booking sameStore:customer' AS field, b.store_id::text AS stored, c.store_id::text AS recomputed
        FROM bookings b JOIN customers c ON c.id = b.customer_id WHERE ${rows.customers('b.customer_id')} AND c.store_id <> b.store_id
      UNION ALL
      SELECT s.id, 'card-statement sameStore:creditCard', s.store_id::text, c.store_id::text
        FROM credit_card_invoices s JOIN credit_cards c ON c.id = s.credit_card_id WHERE c.store_id <> s.store_id
      UNION ALL
      SELECT p.id, 'payable sameStore:creditCardInvoice', p.store_id::text, s.store_id::text
        FROM payment_statuses p JOIN credit_card_invoices s ON s.id = p.credit_card_invoice_id WHERE s.store_id <> p.store_id`,
  },
  {
    // SPEC §1: no stored amount above 10^12 minor units (a void bill is out of the ledger).
    entity: 'invoice',
    query: (rows: Rows) => sql`
      SELECT i.id, 'total<=1000000000000' AS field, i.total::text AS stored, '1000000000000' AS recomputed
        FROM invoices i WHERE ${rows.invoices('i.id')} AND i.status <> 'void' AND (i.total > 1000000000000 OR i.subtotal > 1000000000000)`,
  },
]

export interface VerifyOptions {
  /**
   * Only these customers: their invoices, lines, deposits, transactions and every row linked
   * to them, plus `transactions` (rows of no customer, such as expenses). Absent: every row.
   * Store-wide totals and numbering are checked in full either way (see STORE_WIDE).
   */
  scope?: { customers: readonly number[]; transactions?: readonly number[] }
  /** Statements at once: 2 on a pool of 2 connections; 1 (the default) on a single connection or transaction. */
  parallel?: number
  /** Filled with each check's time (ms), in the order of CHECKS: what `ledger:verify --timings` prints. */
  timings?: { check: number; entity: string; ms: number }[]
}

/** Checks of store-wide figures, which no customer owns: run in full by the incremental run too. */
export const STORE_WIDE = [...new Set(CHECKS.filter((check) => check.query.length === 0).map((check) => check.entity))]

async function rowsOf(db: Db, scope: NonNullable<VerifyOptions['scope']>): Promise<Rows> {
  const customers = `{${scope.customers.join(',')}}`
  const { rows } = await db.execute(sql`
    SELECT array(SELECT id FROM invoices WHERE customer_id = ANY(${customers}::int[])) AS invoices,
           array(SELECT id FROM advance_payments WHERE customer_id = ANY(${customers}::int[])) AS deposits,
           array(SELECT id FROM transactions WHERE customer_id = ANY(${customers}::int[])) AS transactions`)
  const ids = (value: unknown) => (value as (number | string)[]).map(Number)
  return {
    customers: oneOf(scope.customers),
    invoices: oneOf(ids(rows[0]?.invoices)),
    deposits: oneOf(ids(rows[0]?.deposits)),
    transactions: oneOf([...ids(rows[0]?.transactions), ...(scope.transactions ?? [])]),
  }
}

export async function verifyLedger(db: Db, options: VerifyOptions = {}): Promise<{ drifts: Drift[]; counts: Record<string, number> }> {
  const rows = options.scope ? await rowsOf(db, options.scope) : EVERY_ROW
  const found: Drift[][] = CHECKS.map(() => [])
  let next = 0
  // A few workers take the checks in order; drifts keep the order of CHECKS whatever finishes first.
  const worker = async () => {
    for (let index = next++; index < CHECKS.length; index = next++) {
      const check = CHECKS[index]!
      const started = performance.now()
      const { rows: result } = await db.execute(check.query(rows))
      options.timings?.push({ check: index, entity: check.entity, ms: Math.round(performance.now() - started) })
      found[index] = result.map((row) => ({
        entity: typeof row.entity === 'string' ? row.entity : check.entity,
        id: Number(row.id),
        field: String(row.field),
        stored: row.stored === null ? null : String(row.stored),
        recomputed: row.recomputed === null ? null : String(row.recomputed),
      }))
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, options.parallel ?? 1) }, worker))
  const drifts = found.flat()
  const { rows: totals } = await db.execute(sql`
    SELECT (SELECT count(*) FROM customers) AS customers, (SELECT count(*) FROM invoices) AS invoices,
           (SELECT count(*) FROM transactions) AS transactions, (SELECT count(*) FROM allocations) AS allocations,
           (SELECT count(*) FROM advance_payments) AS deposits, (SELECT count(*) FROM credit_notes) AS credit_notes,
           (SELECT count(*) FROM credit_card_invoices) AS statements`)
  const counts = Object.fromEntries(Object.entries(totals[0] ?? {}).map(([key, value]) => [key, Number(value)]))
  return { drifts, counts }
}
