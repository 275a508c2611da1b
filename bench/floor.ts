/**
 * The raw-SQL floor of a POS checkout: the same writes as POST /api/pos/checkout (a bill
 * paid in full in cash) as ONE transaction through `pg` — no HTTP, no Payload, no Next.
 *
 * - `sameStatements`: the very statements src/services/checkout.ts issues today: lock the
 *   customer with its deposits and open invoices (`tally_lock_for_checkout`), post the bill
 *   and its payment (`tally_checkout_post`), COMMIT. This is the floor the issue asks
 *   for: it isolates what HTTP + Next + Payload add on top of the service's SQL.
 * - `beforeFunctions`: the statements the service issued before the checkout moved into SQL
 *   functions (lock, read deposits and open invoices, draft bill, items, counters, number,
 *   transaction, allocation, view-based refreshes, read back) — kept to show that step.
 * - `lean`: the same rows and the same view-derived values, re-ordered so the per-store
 *   counter rows are locked for one round trip only (the checkout's tail runs as one SQL
 *   function) — the design proposed in bench/README.md.
 * - `minimal`: the same rows and the same final derived values with the fewest round trips
 *   (both counters in one statement, the bill posted directly, incremental derived
 *   updates). Shows what the SQL design itself costs.
 */
import { randomBytes } from 'node:crypto'

import pg from 'pg'

import { todayIn } from '@/domain/dates'
import { lineTotal } from '@/domain/money'
import { formatReference, invoiceNumber, invoiceNumbering, lineReferences, numberedReferences, PAYMENT_REFERENCE, paymentReference } from '@/domain/references'

/** The tax fields of tally_checkout_post for an unregistered store's bill (what the service sends there). */
const UNTAXED_BILL = {
  taxTreatment: 'unregistered',
  pricesIncludeTax: false,
  supplierGstin: null,
  customerGstin: null,
  placeOfSupply: null,
  taxTotal: 0,
  cgst: 0,
  sgst: 0,
  igst: 0,
}
const untaxedLine = (item: { quantity: number; unitPrice: number }) => ({ service: null, sac: null, taxRate: 0, taxable: lineTotal(item.quantity, item.unitPrice), tax: 0 })

export interface FloorLine {
  description: string
  quantity: number
  unitPrice: number
}

export interface FloorCheckout {
  storeId: number
  customerId: number
  userId: number
  items: FloorLine[]
}

const totalOf = (items: FloorLine[]) => items.reduce((sum, item) => sum + item.quantity * item.unitPrice, 0)

export async function sameStatements(client: pg.PoolClient, input: FloorCheckout): Promise<void> {
  const total = totalOf(input.items)
  await client.query('BEGIN')
  try {
    const { rows } = await client.query('SELECT tally_lock_for_checkout($1) AS customer', [input.customerId])
    const customer = rows[0].customer as { store_id: number; invoice_prefix: string; timezone: string }
    const year = Number(todayIn(customer.timezone).slice(0, 4))
    const references = lineReferences({ applied: total, kept: 0, given: null })
    await client.query('SELECT tally_checkout_post($1::jsonb) AS posted', [
      JSON.stringify({
        store: customer.store_id,
        customer: input.customerId,
        createdBy: input.userId,
        numbering: invoiceNumbering(customer.invoice_prefix, year),
        references: PAYMENT_REFERENCE,
        numberedReferences: numberedReferences([references]),
        // The bench store is not GST-registered (SPEC §12): a bill of supply, each line's taxable value its amount.
        bill: { ...UNTAXED_BILL, subtotal: total, discount: 0, total, complimentary: false, notes: null },
        items: input.items.map((item) => ({ id: randomBytes(12).toString('hex'), ...item, ...untaxedLine(item) })),
        advanceUses: [],
        lines: [{ method: 'cash', applied: total, kept: 0, paymentReference: references.payment ?? null, depositReference: null, toInvoices: [{ invoice: null, amount: total }] }],
      }),
    ])
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK')
    throw error
  }
}

export async function beforeFunctions(client: pg.PoolClient, input: FloorCheckout): Promise<void> {
  const total = totalOf(input.items)
  await client.query('BEGIN')
  try {
    const lock = (id: number) =>
      client.query(
        `SELECT c.id, c.store_id, c.name, c.phone, c.pending_balance, c.advance_balance,
                s.name AS store_name, s.currency, s.locale, s.timezone, s.invoice_prefix
           FROM customers c JOIN stores s ON s.id = c.store_id WHERE c.id = $1 FOR UPDATE OF c`,
        [id],
      )
    const customer = (await lock(input.customerId)).rows[0]
    await client.query(
      `SELECT id, remaining_amount FROM advance_payments
        WHERE customer_id = $1 AND status = 'active' AND remaining_amount > 0 ORDER BY created_at, id`,
      [input.customerId],
    )
    await client.query(`SELECT id, amount_due FROM tally_open_invoices($1) ORDER BY seq`, [input.customerId])
    // insertInvoice
    const billId = Number(
      (
        await client.query(
          `INSERT INTO invoices (store_id, customer_id, kind, issue_date, due_date, discount, complimentary, status,
                                 subtotal, total, amount_paid, amount_due, notes, created_by_id)
           VALUES ($1, $2, 'bill', coalesce($3::timestamptz, now()), $4::timestamptz, 0, false, 'draft', $5, $5, 0, $5, null, $6)
           RETURNING id`,
          [input.storeId, input.customerId, null, null, total, input.userId],
        )
      ).rows[0].id,
    )
    for (const [order, item] of input.items.entries()) {
      // An unregistered store's line: its taxable value is its amount (SPEC §12; ledger:verify checks it).
      await client.query(`INSERT INTO invoices_items (_order, _parent_id, id, description, quantity, unit_price, taxable) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
        order + 1,
        billId,
        randomBytes(12).toString('hex'),
        item.description,
        item.quantity,
        item.unitPrice,
        lineTotal(item.quantity, item.unitPrice),
      ])
    }
    // postInvoice
    await client.query(`SELECT customer_id, status FROM invoices WHERE id = $1`, [billId])
    await lock(input.customerId)
    const { rows: locked } = await client.query(
      `SELECT status, EXTRACT(YEAR FROM coalesce(issue_date, now()) AT TIME ZONE $2)::int AS year FROM invoices WHERE id = $1 FOR UPDATE`,
      [billId, customer.timezone],
    )
    const year = Number(locked[0].year)
    const counter = (name: string) =>
      client.query(
        `INSERT INTO ledger_counters (store_id, name, last_value) VALUES ($1, $2, 1)
         ON CONFLICT (store_id, name) DO UPDATE SET last_value = ledger_counters.last_value + 1 RETURNING last_value`,
        [input.storeId, name],
      )
    const number = invoiceNumber(customer.invoice_prefix, year, Number((await counter(invoiceNumbering(customer.invoice_prefix, year).counter)).rows[0].last_value))
    await client.query(
      `UPDATE invoices SET number = $1, status = 'open', posted_at = now(), issue_date = coalesce(issue_date, now()),
                           amount_paid = 0, amount_due = total WHERE id = $2`,
      [number, billId],
    )
    const refresh = async (invoiceId: number) => {
      await client.query(
        `UPDATE invoices i SET amount_paid = f.amount_paid, amount_due = f.amount_due, status = f.status::enum_invoices_status
           FROM invoice_figures f WHERE f.id = i.id AND i.id = $1`,
        [invoiceId],
      )
      await client.query(
        `UPDATE advance_payments a
            SET utilized_amount = f.utilized_amount, refunded_amount = f.refunded_amount,
                remaining_amount = f.remaining_amount, status = f.status::enum_advance_payments_status
           FROM deposit_figures f WHERE f.id = a.id AND a.customer_id = $1
            AND (a.utilized_amount, a.refunded_amount, a.remaining_amount, a.status::text)
                IS DISTINCT FROM (f.utilized_amount, f.refunded_amount, f.remaining_amount, f.status)`,
        [input.customerId],
      )
      await client.query(
        `UPDATE customers c
            SET pending_balance = f.pending_balance, advance_balance = f.advance_balance, total_billed = f.total_billed,
                total_paid = f.total_paid, visits = f.visits, last_visit_at = f.last_visit_at,
                services_count = f.services_count, active_rentals = f.active_rentals
           FROM customer_figures f WHERE f.id = c.id AND c.id = $1
         RETURNING c.pending_balance, c.advance_balance`,
        [input.customerId],
      )
    }
    await refresh(billId)
    // the payment
    const reference = paymentReference(Number((await counter(PAYMENT_REFERENCE.counter)).rows[0].last_value))
    const txId = Number(
      (
        await client.query(
          `INSERT INTO transactions (store_id, date, type, kind, amount, method, customer_id, invoice_id, advance_payment_id,
                                     reversal_of_id, credit_card_id, credit_card_invoice_id, payment_status_id, reference, notes, created_by_id)
           VALUES ($1, coalesce($2::timestamptz, now()), 'income', 'payment', $3, 'cash', $4, $5, null, null, null, null, null, $6, $7, $8)
           RETURNING id, date`,
          [input.storeId, null, total, input.customerId, billId, reference, `Checkout ${number}`, input.userId],
        )
      ).rows[0].id,
    )
    await client.query(`INSERT INTO allocations (store_id, transaction_id, invoice_id, amount, reversal_of_id) VALUES ($1, $2, $3, $4, $5)`, [
      input.storeId,
      txId,
      billId,
      total,
      null,
    ])
    await refresh(billId)
    await client.query(`SELECT id, number, status, subtotal, discount, total, amount_paid, amount_due, complimentary, issue_date FROM invoices WHERE id = $1`, [billId])
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  }
}

export async function minimal(client: pg.PoolClient, input: FloorCheckout): Promise<void> {
  const total = totalOf(input.items)
  await client.query('BEGIN')
  try {
    const { rows } = await client.query(
      `SELECT s.invoice_prefix, EXTRACT(YEAR FROM now() AT TIME ZONE s.timezone)::int AS year
         FROM customers c JOIN stores s ON s.id = c.store_id WHERE c.id = $1 FOR UPDATE OF c`,
      [input.customerId],
    )
    const year = Number(rows[0].year)
    const numbering = invoiceNumbering(rows[0].invoice_prefix, year)
    const { rows: counters } = await client.query(
      `INSERT INTO ledger_counters (store_id, name, last_value) VALUES ($1, $2, 1), ($1, $3, 1)
       ON CONFLICT (store_id, name) DO UPDATE SET last_value = ledger_counters.last_value + 1 RETURNING name, last_value`,
      [input.storeId, numbering.counter, PAYMENT_REFERENCE.counter],
    )
    const last = (name: string) => Number(counters.find((row) => row.name === name)!.last_value)
    const number = formatReference(numbering, last(numbering.counter))
    const reference = formatReference(PAYMENT_REFERENCE, last(PAYMENT_REFERENCE.counter))
    await client.query(
      `WITH bill AS (
         INSERT INTO invoices (store_id, customer_id, kind, number, issue_date, discount, complimentary, status, subtotal, total,
                               amount_paid, amount_due, posted_at, created_by_id)
         VALUES ($1, $2, 'bill', $3::varchar, now(), 0, false, 'paid', $4, $4, $4, 0, now(), $5) RETURNING id
       ), items AS (
         INSERT INTO invoices_items (_order, _parent_id, id, description, quantity, unit_price, taxable)
         SELECT o, bill.id, h, d, q, p, round(q * p)::bigint FROM bill, unnest($6::int[], $7::text[], $8::text[], $9::numeric[], $10::bigint[]) AS u(o, h, d, q, p)
       ), tx AS (
         INSERT INTO transactions (store_id, date, type, kind, amount, method, customer_id, invoice_id, reference, notes, created_by_id)
         SELECT $1, now(), 'income', 'payment', $4, 'cash', $2, bill.id, $11, 'Checkout ' || $3::varchar, $5 FROM bill RETURNING id
       )
       INSERT INTO allocations (store_id, transaction_id, invoice_id, amount) SELECT $1, tx.id, bill.id, $4 FROM tx, bill`,
      [
        input.storeId,
        input.customerId,
        number,
        total,
        input.userId,
        input.items.map((_, i) => i + 1),
        input.items.map(() => randomBytes(12).toString('hex')),
        input.items.map((item) => item.description),
        input.items.map((item) => item.quantity),
        input.items.map((item) => item.unitPrice),
        reference,
      ],
    )
    await client.query(
      `UPDATE customers SET total_billed = total_billed + $2, total_paid = total_paid + $2, visits = visits + 1, last_visit_at = now()
        WHERE id = $1`,
      [input.customerId, total],
    )
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  }
}

/**
 * The tail of a checkout as one server-side function (created in pg_temp, so the bench
 * changes no schema): both counters in one statement, post the bill, record the payment and
 * its allocation, re-derive invoice / deposits / customer from the *_figures views. The
 * counter rows stay locked only for this one round trip and the COMMIT.
 */
const TAIL_FUNCTION = `
CREATE OR REPLACE FUNCTION pg_temp.bench_checkout_tail(p_bill int, p_customer int, p_store int, p_numbering jsonb, p_references jsonb, p_amount bigint, p_user int)
RETURNS text LANGUAGE plpgsql AS $fn$
DECLARE
  v_inv bigint;
  v_pay bigint;
  v_number text;
  v_tx int;
BEGIN
  INSERT INTO ledger_counters (store_id, name, last_value) VALUES (p_store, p_numbering->>'counter', 1), (p_store, p_references->>'counter', 1)
  ON CONFLICT (store_id, name) DO UPDATE SET last_value = ledger_counters.last_value + 1;
  SELECT last_value INTO v_inv FROM ledger_counters WHERE store_id = p_store AND name = p_numbering->>'counter';
  SELECT last_value INTO v_pay FROM ledger_counters WHERE store_id = p_store AND name = p_references->>'counter';
  v_number := tally_format_reference(p_numbering, v_inv);
  UPDATE invoices SET number = v_number, status = 'open', posted_at = now(), issue_date = coalesce(issue_date, now()),
                      amount_paid = 0, amount_due = total
   WHERE id = p_bill;
  INSERT INTO transactions (store_id, date, type, kind, amount, method, customer_id, invoice_id, reference, notes, created_by_id)
  VALUES (p_store, now(), 'income', 'payment', p_amount, 'cash', p_customer, p_bill,
          tally_format_reference(p_references, v_pay), 'Checkout ' || v_number, p_user)
  RETURNING id INTO v_tx;
  INSERT INTO allocations (store_id, transaction_id, invoice_id, amount) VALUES (p_store, v_tx, p_bill, p_amount);
  UPDATE invoices i SET amount_paid = f.amount_paid, amount_due = f.amount_due, status = f.status::enum_invoices_status
    FROM invoice_figures f WHERE f.id = i.id AND i.id = p_bill;
  UPDATE advance_payments a
     SET utilized_amount = f.utilized_amount, refunded_amount = f.refunded_amount,
         remaining_amount = f.remaining_amount, status = f.status::enum_advance_payments_status
    FROM deposit_figures f WHERE f.id = a.id AND a.customer_id = p_customer
     AND (a.utilized_amount, a.refunded_amount, a.remaining_amount, a.status::text)
         IS DISTINCT FROM (f.utilized_amount, f.refunded_amount, f.remaining_amount, f.status);
  UPDATE customers c
     SET pending_balance = f.pending_balance, advance_balance = f.advance_balance, total_billed = f.total_billed,
         total_paid = f.total_paid, visits = f.visits, last_visit_at = f.last_visit_at,
         services_count = f.services_count, active_rentals = f.active_rentals
    FROM customer_figures f WHERE f.id = c.id AND c.id = p_customer;
  RETURN v_number;
END $fn$`

const prepared = new WeakSet<pg.PoolClient>()

/**
 * The same rows and the same view-derived values as the service, re-ordered as proposed in
 * bench/README.md: lock, the two reads the plan needs, the draft bill + items in one
 * statement, then the whole tail (counters → post → pay → re-derive) in one round trip.
 */
export async function lean(client: pg.PoolClient, input: FloorCheckout): Promise<void> {
  if (!prepared.has(client)) {
    await client.query(TAIL_FUNCTION)
    prepared.add(client)
  }
  const total = totalOf(input.items)
  await client.query('BEGIN')
  try {
    const { rows } = await client.query(`SELECT c.id, s.timezone, s.invoice_prefix FROM customers c JOIN stores s ON s.id = c.store_id WHERE c.id = $1 FOR UPDATE OF c`, [
      input.customerId,
    ])
    await client.query(
      `SELECT id, remaining_amount FROM advance_payments
        WHERE customer_id = $1 AND status = 'active' AND remaining_amount > 0 ORDER BY created_at, id`,
      [input.customerId],
    )
    await client.query(`SELECT id, amount_due FROM tally_open_invoices($1) ORDER BY seq`, [input.customerId])
    const { rows: bill } = await client.query(
      `WITH bill AS (
         INSERT INTO invoices (store_id, customer_id, kind, issue_date, discount, complimentary, status, subtotal, total, amount_paid, amount_due, created_by_id)
         VALUES ($1, $2, 'bill', now(), 0, false, 'draft', $3, $3, 0, $3, $4) RETURNING id
       ), items AS (
         INSERT INTO invoices_items (_order, _parent_id, id, description, quantity, unit_price, taxable)
         SELECT o, bill.id, h, d, q, p, round(q * p)::bigint FROM bill, unnest($5::int[], $6::text[], $7::text[], $8::numeric[], $9::bigint[]) AS u(o, h, d, q, p)
       )
       SELECT id FROM bill`,
      [
        input.storeId,
        input.customerId,
        total,
        input.userId,
        input.items.map((_, i) => i + 1),
        input.items.map(() => randomBytes(12).toString('hex')),
        input.items.map((item) => item.description),
        input.items.map((item) => item.quantity),
        input.items.map((item) => item.unitPrice),
      ],
    )
    await client.query(`SELECT pg_temp.bench_checkout_tail($1, $2, $3, $4::jsonb, $5::jsonb, $6, $7)`, [
      bill[0].id,
      input.customerId,
      input.storeId,
      JSON.stringify(invoiceNumbering(rows[0].invoice_prefix, Number(todayIn(rows[0].timezone).slice(0, 4)))),
      JSON.stringify(PAYMENT_REFERENCE),
      total,
      input.userId,
    ])
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  }
}

export interface FloorRun {
  latencies: number[]
  ok: number
  errors: number
  seconds: number
}

/** `concurrency` workers, each on its own pooled connection, for `seconds`. */
export async function runFloor(
  uri: string,
  variant: (client: pg.PoolClient, input: FloorCheckout) => Promise<void>,
  options: { concurrency: number; seconds: number; next: () => FloorCheckout },
): Promise<FloorRun> {
  const pool = new pg.Pool({ connectionString: uri, max: options.concurrency })
  const latencies: number[] = []
  let ok = 0
  let errors = 0
  let firstError: unknown
  try {
    const clients = await Promise.all(Array.from({ length: options.concurrency }, () => pool.connect()))
    const started = performance.now()
    const deadline = started + options.seconds * 1000
    await Promise.all(
      clients.map(async (client) => {
        while (performance.now() < deadline) {
          const t = performance.now()
          try {
            await variant(client, options.next())
            latencies.push(performance.now() - t)
            ok++
          } catch (error) {
            errors++
            firstError ??= error
          }
        }
        client.release()
      }),
    )
    if (firstError) console.warn(`  floor: ${errors} error(s), first: ${firstError instanceof Error ? firstError.message : String(firstError)}`)
    return { latencies, ok, errors, seconds: (performance.now() - started) / 1000 }
  } finally {
    await pool.end()
  }
}
