/**
 * SPEC §3.10: recomputes every derived field from the ledger and lists each drift
 * (entity, id, field, stored, recomputed) plus every broken invariant.
 */
import { sql, type Db } from './db'

export interface Drift {
  entity: string
  id: number
  field: string
  stored: string | null
  recomputed: string | null
}

/** Per payment: (amount + Σ deposits kept from it) − Σ allocations − Σ those deposits, 0 once reversed. */
const UNMATCHED_BY_PAYMENT = sql`
  SELECT t.id, t.customer_id,
         CASE WHEN EXISTS (SELECT 1 FROM transactions r WHERE r.reversal_of_id = t.id) THEN 0
              ELSE t.amount + coalesce(k.kept, 0) - coalesce(a.allocated, 0) - coalesce(k.kept, 0) END AS unmatched
    FROM transactions t
    LEFT JOIN (SELECT transaction_id, sum(amount) AS allocated FROM allocations GROUP BY transaction_id) a ON a.transaction_id = t.id
    LEFT JOIN (SELECT from_payment_id, sum(amount) AS kept FROM advance_payments WHERE from_payment_id IS NOT NULL GROUP BY from_payment_id) k
           ON k.from_payment_id = t.id
   WHERE t.kind = 'payment'`

const CHECKS = [
  {
    entity: 'invoice',
    query: sql`
      SELECT i.id, f.field, f.stored, f.recomputed FROM invoices i JOIN invoice_figures v ON v.id = i.id
      CROSS JOIN LATERAL (VALUES ('amountPaid', i.amount_paid::text, v.amount_paid::text),
                                 ('amountDue', i.amount_due::text, v.amount_due::text),
                                 ('status', i.status::text, v.status)) AS f(field, stored, recomputed)
       WHERE f.stored IS DISTINCT FROM f.recomputed`,
  },
  {
    entity: 'advance-payment',
    query: sql`
      SELECT a.id, f.field, f.stored, f.recomputed FROM advance_payments a JOIN deposit_figures v ON v.id = a.id
      CROSS JOIN LATERAL (VALUES ('utilizedAmount', a.utilized_amount::text, v.utilized_amount::text),
                                 ('refundedAmount', a.refunded_amount::text, v.refunded_amount::text),
                                 ('reversedAmount', a.reversed_amount::text, v.reversed_amount::text),
                                 ('remainingAmount', a.remaining_amount::text, v.remaining_amount::text),
                                 ('status', a.status::text, v.status)) AS f(field, stored, recomputed)
       WHERE f.stored IS DISTINCT FROM f.recomputed`,
  },
  {
    entity: 'customer',
    query: sql`
      SELECT c.id, f.field, f.stored, f.recomputed FROM customers c JOIN customer_figures v ON v.id = c.id
      CROSS JOIN LATERAL (VALUES ('pendingBalance', c.pending_balance::text, v.pending_balance::text),
                                 ('advanceBalance', c.advance_balance::text, v.advance_balance::text),
                                 ('totalBilled', c.total_billed::text, v.total_billed::text),
                                 ('totalPaid', c.total_paid::text, v.total_paid::text),
                                 ('visits', c.visits::text, v.visits::text),
                                 ('lastVisitAt', c.last_visit_at::text, v.last_visit_at::text),
                                 ('servicesCount', c.services_count::text, v.services_count::text),
                                 ('activeRentals', c.active_rentals::text, v.active_rentals::text),
                                 ('unmatchedCredit', c.unmatched_credit::text, v.unmatched_credit::text)) AS f(field, stored, recomputed)
       WHERE f.stored IS DISTINCT FROM f.recomputed`,
  },
  {
    entity: 'transaction',
    query: sql`
      SELECT t.id, 'allocated' AS field, t.amount::text AS stored, sum(a.amount)::text AS recomputed
        FROM transactions t JOIN allocations a ON a.transaction_id = t.id
       GROUP BY t.id HAVING sum(a.amount) > t.amount OR sum(a.amount) < 0`,
  },
  {
    // ledger_daily_totals (kept by a trigger) against the transactions, per store-local day.
    entity: 'store-daily-totals',
    query: sql`
      WITH recomputed AS (
        SELECT t.store_id, (t.date AT TIME ZONE s.timezone)::date AS day,
               coalesce(sum(t.amount) FILTER (WHERE t.type = 'income'), 0) AS income,
               coalesce(sum(t.amount) FILTER (WHERE t.kind = 'advance_refund'), 0) AS advance_refunds,
               coalesce(sum(t.amount) FILTER (WHERE t.kind = 'expense'), 0) AS expenses,
               coalesce(sum(t.amount) FILTER (WHERE t.type = 'expense'), 0) AS money_out
          FROM transactions t JOIN stores s ON s.id = t.store_id GROUP BY 1, 2
      ), stored AS (
        SELECT store_id, day, sum(income) AS income, sum(advance_refunds) AS advance_refunds, sum(expenses) AS expenses, sum(money_out) AS money_out
          FROM ledger_daily_totals GROUP BY 1, 2
      )
      SELECT coalesce(r.store_id, d.store_id) AS id, to_char(coalesce(r.day, d.day), 'YYYY-MM-DD') || ' ' || f.field AS field,
             coalesce(f.stored, '0') AS stored, coalesce(f.recomputed, '0') AS recomputed
        FROM recomputed r FULL JOIN stored d ON d.store_id = r.store_id AND d.day = r.day
       CROSS JOIN LATERAL (VALUES ('income', d.income::text, r.income::text),
                                  ('advanceRefunds', d.advance_refunds::text, r.advance_refunds::text),
                                  ('expenses', d.expenses::text, r.expenses::text),
                                  ('moneyOut', d.money_out::text, r.money_out::text)) AS f(field, stored, recomputed)
       WHERE coalesce(f.stored, '0') <> coalesce(f.recomputed, '0')`,
  },
  {
    // invoice_status_totals (kept by a trigger) against the invoices.
    entity: 'store-invoice-totals',
    query: sql`
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
    query: sql`
      WITH recomputed AS (${UNMATCHED_BY_PAYMENT})
      SELECT coalesce(r.id, u.transaction_id) AS id, 'unmatched' AS field, coalesce(u.amount, 0)::text AS stored,
             coalesce(r.unmatched, 0)::text AS recomputed
        FROM (SELECT * FROM recomputed WHERE unmatched <> 0) r FULL JOIN unmatched_payments u ON u.transaction_id = r.id
       WHERE u.amount IS DISTINCT FROM r.unmatched`,
  },
  {
    // …and against the customer's unmatchedCredit (shown as held money).
    entity: 'customer',
    query: sql`
      WITH recomputed AS (${UNMATCHED_BY_PAYMENT}), per_customer AS (
        SELECT customer_id, sum(unmatched) AS unmatched FROM recomputed GROUP BY customer_id
      )
      SELECT c.id, 'unmatchedCredit=Σ unmatched payments' AS field, c.unmatched_credit::text AS stored, coalesce(p.unmatched, 0)::text AS recomputed
        FROM customers c LEFT JOIN per_customer p ON p.customer_id = c.id
       WHERE c.unmatched_credit <> coalesce(p.unmatched, 0)`,
  },
  {
    // A deposit kept from a reversed payment's excess is reversed with it: nothing of it held.
    entity: 'advance-payment',
    query: sql`
      SELECT a.id, 'reversedWithPayment' AS field, a.status::text || ' ' || a.remaining_amount::text AS stored, 'reversed 0' AS recomputed
        FROM advance_payments a
       WHERE a.from_payment_id IN (SELECT reversal_of_id FROM transactions WHERE reversal_of_id IS NOT NULL)
         AND (a.status <> 'reversed' OR a.remaining_amount <> 0)`,
  },
  {
    entity: 'invoice',
    query: sql`
      SELECT i.id, 'amountPaid<=total' AS field, i.amount_paid::text AS stored, i.total::text AS recomputed
        FROM invoices i WHERE i.amount_paid > i.total OR i.amount_due < 0`,
  },
  {
    entity: 'allocation',
    query: sql`
      SELECT a.id, 'sameCustomer' AS field, t.customer_id::text AS stored, i.customer_id::text AS recomputed
        FROM allocations a JOIN transactions t ON t.id = a.transaction_id JOIN invoices i ON i.id = a.invoice_id
       WHERE t.customer_id IS DISTINCT FROM i.customer_id`,
  },
  {
    entity: 'card-statement',
    query: sql`
      SELECT s.id, f.field, f.stored, f.recomputed FROM credit_card_invoices s JOIN statement_figures v ON v.id = s.id
      CROSS JOIN LATERAL (VALUES ('totalAmount', s.total_amount::text, v.total_amount::text),
                                 ('purchasesCount', s.purchases_count::text, v.purchases_count::text),
                                 ('billingPeriodDays', s.billing_period_days::text, v.billing_period_days::text),
                                 ('amountPaid', s.amount_paid::text, v.amount_paid::text),
                                 ('amountDue', s.amount_due::text, v.amount_due::text),
                                 ('status', s.status::text, v.status)) AS f(field, stored, recomputed)
       WHERE f.stored IS DISTINCT FROM f.recomputed`,
  },
  {
    entity: 'card-charge',
    query: sql`
      SELECT t.id, 'statementPeriod' AS field, to_char((t.date AT TIME ZONE st.timezone)::date, 'YYYY-MM-DD') AS stored,
             to_char((s.start_date AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') || '..' || to_char((s.end_date AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS recomputed
        FROM transactions t JOIN credit_card_invoices s ON s.id = t.credit_card_invoice_id JOIN stores st ON st.id = t.store_id
       WHERE t.kind = 'expense' AND t.method = 'credit_card'
         AND (t.date AT TIME ZONE st.timezone)::date NOT BETWEEN (s.start_date AT TIME ZONE 'UTC')::date AND (s.end_date AT TIME ZONE 'UTC')::date`,
  },
  {
    entity: 'card-statements',
    query: sql`
      SELECT s.id, 'contiguous' AS field, to_char((s.start_date AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS stored,
             to_char((p.end_date AT TIME ZONE 'UTC')::date + 1, 'YYYY-MM-DD') AS recomputed
        FROM credit_card_invoices s
        JOIN LATERAL (SELECT end_date FROM credit_card_invoices x WHERE x.credit_card_id = s.credit_card_id AND x.start_date < s.start_date
                      ORDER BY x.start_date DESC LIMIT 1) p ON true
       WHERE (s.start_date AT TIME ZONE 'UTC')::date <> (p.end_date AT TIME ZONE 'UTC')::date + 1`,
  },
  {
    entity: 'payable',
    query: sql`
      SELECT p.id, f.field, f.stored, f.recomputed FROM payment_statuses p JOIN payable_figures v ON v.id = p.id
      CROSS JOIN LATERAL (VALUES ('expectedAmount', coalesce(p.expected_amount, 0)::text, v.expected_amount::text),
                                 ('amountPaid', p.amount_paid::text, v.amount_paid::text),
                                 ('status', p.status::text, v.status)) AS f(field, stored, recomputed)
       WHERE f.stored IS DISTINCT FROM f.recomputed`,
  },
  {
    // Every link between rows stays inside one store (SPEC §5): a row naming another store's
    // customer, invoice, deposit, card, statement or payable is reported with both stores.
    entity: 'transaction',
    query: sql`
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
       WHERE l.store_id <> t.store_id`,
  },
  {
    entity: 'allocation',
    query: sql`
      SELECT a.id, 'sameStore:' || l.field AS field, a.store_id::text AS stored, l.store_id::text AS recomputed
        FROM allocations a JOIN transactions t ON t.id = a.transaction_id JOIN invoices i ON i.id = a.invoice_id
       CROSS JOIN LATERAL (VALUES ('transaction', t.store_id), ('invoice', i.store_id)) AS l(field, store_id)
       WHERE l.store_id <> a.store_id`,
  },
  {
    entity: 'advance-utilization',
    query: sql`
      SELECT u.id, 'sameStore:' || l.field AS field, u.store_id::text AS stored, l.store_id::text AS recomputed
        FROM advance_utilizations u JOIN advance_payments a ON a.id = u.advance_payment_id JOIN invoices i ON i.id = u.invoice_id
       CROSS JOIN LATERAL (VALUES ('advancePayment', a.store_id), ('invoice', i.store_id)) AS l(field, store_id)
       WHERE l.store_id <> u.store_id`,
  },
  {
    entity: 'invoice',
    query: sql`
      SELECT i.id, 'sameStore:' || l.field AS field, i.store_id::text AS stored, l.store_id::text AS recomputed
        FROM invoices i JOIN customers c ON c.id = i.customer_id LEFT JOIN assets x ON x.id = i.asset_id
       CROSS JOIN LATERAL (VALUES ('customer', c.store_id), ('asset', x.store_id)) AS l(field, store_id)
       WHERE l.store_id <> i.store_id`,
  },
  {
    entity: 'advance-payment',
    query: sql`
      SELECT a.id, 'sameStore:' || l.field AS field, a.store_id::text AS stored, l.store_id::text AS recomputed
        FROM advance_payments a JOIN customers c ON c.id = a.customer_id LEFT JOIN transactions t ON t.id = a.transaction_id
        LEFT JOIN transactions f ON f.id = a.from_payment_id
       CROSS JOIN LATERAL (VALUES ('customer', c.store_id), ('transaction', t.store_id), ('fromPayment', f.store_id)) AS l(field, store_id)
       WHERE l.store_id <> a.store_id`,
  },
  {
    entity: 'owner-link',
    query: sql`
      SELECT b.id, 'booking sameStore:customer' AS field, b.store_id::text AS stored, c.store_id::text AS recomputed
        FROM bookings b JOIN customers c ON c.id = b.customer_id WHERE c.store_id <> b.store_id
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
    query: sql`
      SELECT i.id, 'total<=1000000000000' AS field, i.total::text AS stored, '1000000000000' AS recomputed
        FROM invoices i WHERE i.status <> 'void' AND (i.total > 1000000000000 OR i.subtotal > 1000000000000)`,
  },
] as const

export async function verifyLedger(db: Db): Promise<{ drifts: Drift[]; counts: Record<string, number> }> {
  const drifts: Drift[] = []
  for (const check of CHECKS) {
    const { rows } = await db.execute(check.query)
    for (const row of rows) {
      drifts.push({
        entity: check.entity,
        id: Number(row.id),
        field: String(row.field),
        stored: row.stored === null ? null : String(row.stored),
        recomputed: row.recomputed === null ? null : String(row.recomputed),
      })
    }
  }
  const { rows } = await db.execute(sql`
    SELECT (SELECT count(*) FROM customers) AS customers, (SELECT count(*) FROM invoices) AS invoices,
           (SELECT count(*) FROM transactions) AS transactions, (SELECT count(*) FROM allocations) AS allocations,
           (SELECT count(*) FROM advance_payments) AS deposits,
           (SELECT count(*) FROM credit_card_invoices) AS statements`)
  const counts = Object.fromEntries(Object.entries(rows[0] ?? {}).map(([key, value]) => [key, Number(value)]))
  return { drifts, counts }
}
