import type { AfterErrorHook } from 'payload'

interface PostgresError {
  code: string
  message: string
  constraint?: string
}

function postgresError(error: unknown): PostgresError | null {
  let current: unknown = error
  for (let depth = 0; current && depth < 6; depth++) {
    const { code, message, constraint } = current as { code?: unknown; message?: unknown; constraint?: unknown }
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) {
      return { code, message: String(message ?? ''), constraint: typeof constraint === 'string' ? constraint : undefined }
    }
    current = (current as { cause?: unknown }).cause
  }
  return null
}

interface Refusal {
  status: 409 | 422
  field: string
  message: string
}

/**
 * The database's own rules (migrations), by constraint name: what the request broke, in
 * words, and the field it concerns. A race the application checks lose (two requests at
 * once) ends here instead of in a 500.
 */
export const CONSTRAINTS: Record<string, Refusal> = {
  customers_store_phone_key: { status: 409, field: 'phone', message: 'a customer with this phone already exists in this store' },
  customers_balances_not_negative: { status: 422, field: 'customer', message: "this would take the customer's balances below zero" },
  customers_figures_bounded: { status: 422, field: 'customer', message: "this would take the customer's balances above 9007199254740991 minor units" },
  invoices_store_number_key: { status: 409, field: 'number', message: 'this invoice number is already taken in this store' },
  invoices_amounts_valid: { status: 422, field: 'total', message: "the invoice's amounts are not consistent (paid or due outside 0 … total)" },
  invoices_amounts_bounded: { status: 422, field: 'total', message: 'an invoice amount cannot exceed 1000000000000 minor units' },
  invoices_items_valid: { status: 422, field: 'items', message: 'a line needs a quantity above 0 and a unit price of at least 0' },
  invoices_items_bounded: { status: 422, field: 'items', message: 'a unit price cannot exceed 1000000000000 minor units' },
  invoices_posted_have_number: { status: 422, field: 'status', message: 'a posted invoice needs its number: post it through POST /api/invoices/:id/post' },
  transactions_amount_positive: { status: 422, field: 'amount', message: 'an amount must be from 1 to 1000000000000 minor units' },
  transactions_reversed_once: { status: 409, field: 'transaction', message: 'this transaction is already reversed' },
  allocations_reversed_once: { status: 409, field: 'allocation', message: 'this allocation is already reversed' },
  advance_utilizations_reversed_once: { status: 409, field: 'advancePayment', message: 'this use of the deposit is already reversed' },
  advance_payments_amounts_valid: { status: 422, field: 'amount', message: "the deposit's remaining amount cannot go below zero" },
  advance_payments_amount_bounded: { status: 422, field: 'amount', message: 'a deposit cannot exceed 1000000000000 minor units' },
  allocations_amount_bounded: { status: 422, field: 'amount', message: 'an allocation cannot exceed 1000000000000 minor units' },
  advance_utilizations_amount_bounded: { status: 422, field: 'amount', message: 'a use of a deposit cannot exceed 1000000000000 minor units' },
  credit_card_invoices_figures_bounded: { status: 422, field: 'creditCardInvoice', message: "this would take the statement's figures above 9007199254740991 minor units" },
  payment_statuses_one_per_month: { status: 409, field: 'name', message: 'there is already a payable for this name and month' },
  payment_statuses_one_per_statement: { status: 409, field: 'creditCardInvoice', message: 'there is already a payable for this statement' },
  credit_card_invoices_no_overlap: { status: 409, field: 'creditCardInvoice', message: "a card's statements cannot overlap" },
  credit_card_invoices_card_start_key: { status: 409, field: 'creditCardInvoice', message: "a card's statements cannot overlap" },
  idempotency_keys_pkey: { status: 409, field: 'Idempotency-Key', message: 'this Idempotency-Key is in use by a request still running; retry' },
}

/** Integrity violations without a name we know: by SQLSTATE. */
function byCode(pg: PostgresError): Refusal | null {
  switch (pg.code) {
    case '23505': // unique_violation
    case '23P01': // exclusion_violation
      return { status: 409, field: pg.constraint ?? '(body)', message: 'this conflicts with an existing record' }
    case '23503': // foreign_key_violation
      return { status: 422, field: pg.constraint ?? '(body)', message: 'this refers to a record that does not exist, or is still referred to' }
    case '23502': // not_null_violation
    case '23514': // check_violation
      return { status: 422, field: pg.constraint ?? '(body)', message: 'this breaks a rule of the ledger' }
    case '23001': // restrict_violation: the append-only triggers
      return { status: 422, field: '(body)', message: 'ledger rows are append-only: record a reversing entry instead' }
    default:
      return null
  }
}

/**
 * Postgres errors that are the request's fault answer 4xx, never 500:
 * - a value Postgres cannot even compare — `where[status][equals]=0` on an enum, a date like
 *   `2026-13-45`, a number out of range (SQLSTATE class 22), a `contains` on a number
 *   (42883 / 42804), an operator that makes no sense for the field on a read (42601) → 400;
 * - a write the database's constraints refuse (class 23), mapped by constraint name → 409 / 422.
 */
export const mapDataExceptions: AfterErrorHook = ({ error, req }) => {
  const pg = postgresError(error)
  if (!pg) return
  if (pg.code.startsWith('23')) {
    const refusal = (pg.constraint && CONSTRAINTS[pg.constraint]) || byCode(pg)
    if (!refusal) return
    return { status: refusal.status, response: { errors: [{ message: refusal.message, data: { field: refusal.field } }] } }
  }
  const clientQuery = pg.code.startsWith('22') || pg.code === '42883' || pg.code === '42804' || (pg.code === '42601' && req.method === 'GET')
  if (!clientQuery) return
  return { status: 400, response: { errors: [{ message: `Invalid value in the request: ${pg.message.split('\n')[0]}` }] } }
}
