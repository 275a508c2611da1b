/**
 * Bench dataset for ONE store: 20,000 customers, 200,000 bills / invoices / timesheets,
 * 500,000 transactions with their allocations, and deposits with their utilizations —
 * consistent with every ledger invariant by construction (`npm run ledger:verify` is clean).
 *
 * The ledger is simulated in memory in time order (checkouts pay the new bill first and may
 * clear older pending oldest first, collections pay oldest first, bills use deposits FIFO,
 * invoices are paid in instalments), then written with multi-row INSERT … SELECT FROM
 * unnest(…) in batches inside one transaction. Derived fields are written from the
 * simulation and then re-derived in bulk from the *_figures views (only rows that differ),
 * so what is stored is exactly what the app would have stored.
 *
 * The store and its owner / cashier users are created through Payload's Local API (so
 * passwords are hashed by Payload); everything else is plain SQL.
 *
 * Standalone: DATABASE_URI=postgres://… npx tsx bench/generate.ts [--scale 0.1]
 * (the database must be migrated; prints the logins it created).
 */
import { randomBytes } from 'node:crypto'
import { fileURLToPath } from 'node:url'

import cliProgress from 'cli-progress'
import pg from 'pg'
import { BasePayload, type Payload } from 'payload'

import { invoiceNumber, invoiceNumbering, PAYMENT_REFERENCE, paymentReference } from '@/domain/references'
import { taxBill } from '@/domain/tax'

export interface GenerateOptions {
  uri: string
  customers?: number
  invoices?: number
  transactions?: number
  /** PRNG seed: the same seed gives the same dataset. */
  seed?: number
  log?: (line: string) => void
}

export interface Login {
  email: string
  password: string
}

export interface Dataset {
  storeId: number
  storeName: string
  owner: Login
  cashier: Login
  /** A customer with a large pending balance that the random traffic never touches. */
  hotCustomerId: number
  counts: {
    customers: number
    invoices: number
    items: number
    transactions: number
    allocations: number
    deposits: number
    utilizations: number
    customersOwing: number
  }
  /** Rows the view-based re-derivation had to change (0 = the simulation was exact). */
  corrected: { invoices: number; deposits: number }
  seconds: { payload: number; simulate: number; insert: number; derive: number; analyze: number; total: number }
}

export const BENCH_STORE = { name: 'Bench Store', currency: 'INR', locale: 'en-IN', timezone: 'Asia/Kolkata', invoicePrefix: 'BEN' } as const
const TZ_OFFSET_MS = 330 * 60_000 // Asia/Kolkata: +05:30, no DST
const DAY = 86_400_000
const BATCH = 10_000
const LOADED_TABLES = ['customers', 'assets', 'invoices', 'invoices_items', 'transactions', 'allocations', 'advance_payments', 'advance_utilizations']

// ---------------------------------------------------------------- deterministic randomness
function mulberry32(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

// ---------------------------------------------------------------- simulation model
type Method = 'cash' | 'upi' | 'card' | 'bank_transfer'
interface Item {
  description: string
  quantity: number
  unitPrice: number
}
interface Inv {
  id: number
  customer: number // index
  kind: 'bill' | 'invoice' | 'timesheet'
  at: number
  due: number | null
  subtotal: number
  discount: number
  total: number
  complimentary: boolean
  asset: number | null
  periodStart: number | null
  periodEnd: number | null
  hours: number | null
  rate: number | null
  items: Item[]
  paid: number // Σ allocations + utilizations (incl. instalments scheduled ahead)
  free: number // total − paid: what later payments may still allocate
  number: string
}
interface Tx {
  at: number
  type: 'income' | 'expense'
  kind: 'payment' | 'advance_deposit' | 'expense'
  amount: number
  method: Method
  customer: number // index, −1 for none
  invoice: number // invoice index, −1 for none
  deposit: number // deposit index, −1 for none
  id: number
  reference: string
}
interface Alloc {
  tx: number // tx index
  invoice: number // invoice index
  amount: number
}
interface Deposit {
  id: number
  customer: number
  amount: number
  remaining: number
  at: number
  method: Method
  tx: number // tx index
}
interface Util {
  deposit: number
  invoice: number
  amount: number
  at: number
}

const SERVICES = ['Haircut', 'Hair colour', 'Facial', 'Manicure', 'Pedicure', 'Massage', 'Beard trim', 'Hair spa', 'Waxing', 'Threading', 'Consultation', 'Styling']
const FIRST = [
  'Aarav',
  'Vivaan',
  'Aditya',
  'Diya',
  'Ananya',
  'Ishita',
  'Kabir',
  'Meera',
  'Rohan',
  'Saanvi',
  'Arjun',
  'Priya',
  'Neha',
  'Rahul',
  'Kavya',
  'Vikram',
  'Pooja',
  'Sneha',
  'Karan',
  'Nisha',
]
const LAST = ['Sharma', 'Verma', 'Iyer', 'Nair', 'Reddy', 'Patel', 'Gupta', 'Singh', 'Khan', 'Das', 'Menon', 'Rao', 'Joshi', 'Mehta', 'Bose', 'Kulkarni']

const localYear = (ms: number) => new Date(ms + TZ_OFFSET_MS).getUTCFullYear()
const localDay = (ms: number) => new Date(ms + TZ_OFFSET_MS).toISOString().slice(0, 10)
const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10)
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())
/** A calendar day (issue, due, rental period) as the app stores it: noon UTC of the store's day. */
const calendarDay = (ms: number | null) => (ms === null ? null : `${localDay(ms)}T12:00:00.000Z`)

export function simulate(opts: { customers: number; invoices: number; transactions: number; seed: number; now: number }) {
  const rand = mulberry32(opts.seed)
  const between = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1))
  const rupees = (lo: number, hi: number) => between(lo, hi) * 100
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!
  const method = (): Method => {
    const r = rand()
    return r < 0.45 ? 'cash' : r < 0.8 ? 'upi' : 'card'
  }

  const N = opts.customers
  const HOT = 0
  const end = opts.now - 60 * 60_000 // nothing in the last hour (no clock-skew surprises)
  const start = end - 730 * DAY

  const invoices: Inv[] = []
  const txs: Tx[] = []
  const allocs: Alloc[] = []
  const deposits: Deposit[] = []
  const utils: Util[] = []

  const open: number[][] = Array.from({ length: N }, () => [])
  const held: number[][] = Array.from({ length: N }, () => [])
  const pending = new Float64Array(N)
  const owing: number[] = []
  const owingAt = new Int32Array(N).fill(-1)
  const markOwing = (c: number) => {
    if (c === HOT) return
    if (pending[c]! > 0 && owingAt[c] === -1) {
      owingAt[c] = owing.length
      owing.push(c)
    } else if (pending[c] === 0 && owingAt[c] !== -1) {
      const at = owingAt[c]!
      const last = owing.pop()!
      if (last !== c) {
        owing[at] = last
        owingAt[last] = at
      }
      owingAt[c] = -1
    }
  }

  const newTx = (tx: Omit<Tx, 'id' | 'reference'>) => {
    txs.push({ ...tx, id: 0, reference: '' })
    return txs.length - 1
  }
  const allocate = (tx: number, inv: number, amount: number) => {
    const invoice = invoices[inv]!
    invoice.paid += amount
    invoice.free -= amount
    allocs.push({ tx, invoice: inv, amount })
  }
  /** Pays the customer's open invoices oldest first; returns what was applied. */
  const payOldestFirst = (c: number, tx: number, amount: number) => {
    let left = amount
    const list = open[c]!
    while (left > 0 && list.length > 0) {
      const inv = invoices[list[0]!]!
      const take = Math.min(left, inv.free)
      if (take > 0) allocate(tx, list[0]!, take)
      left -= take
      pending[c] = pending[c]! - take
      if (inv.free === 0) list.shift()
    }
    markOwing(c)
    return amount - left
  }

  // ---- the event timeline: invoices, collections, deposits (expenses are added at the end)
  const COLLECTS = Math.round(opts.invoices * 0.7)
  const DEPOSITS = Math.round(opts.invoices * 0.06)
  type Ev = { at: number; type: 0 | 1 | 2 }
  const events: Ev[] = []
  for (let i = 0; i < opts.invoices - 40; i++) events.push({ at: start + rand() * (end - start), type: 0 })
  for (let i = 0; i < COLLECTS; i++) events.push({ at: start + rand() * (end - start), type: 1 })
  for (let i = 0; i < DEPOSITS; i++) events.push({ at: start + rand() * (end - start), type: 2 })
  events.sort((a, b) => a.at - b.at)

  const customerOf = () => 1 + Math.floor((N - 1) * Math.pow(rand(), 1.3)) // a few regulars, a long tail
  const assets = [
    { name: 'Crane 25T', kind: 'crane', rate: 250_000 },
    { name: 'Crane 50T', kind: 'crane', rate: 420_000 },
    { name: 'Tow truck A', kind: 'tow_truck', rate: 90_000 },
    { name: 'Tow truck B', kind: 'tow_truck', rate: 95_000 },
    { name: 'Forklift', kind: 'other', rate: 60_000 },
  ] as const

  const newInvoice = (c: number, at: number, kind: Inv['kind']): number => {
    let items: Item[]
    let due: number | null = null
    let asset: number | null = null
    let periodStart: number | null = null
    let periodEnd: number | null = null
    let hours: number | null = null
    let rate: number | null = null
    if (kind === 'timesheet') {
      asset = between(0, assets.length - 1)
      rate = assets[asset]!.rate
      hours = between(8, 160)
      periodEnd = at - (at % DAY)
      periodStart = periodEnd - Math.ceil(hours / 8) * DAY
      if (opts.now - at < 20 * DAY && rand() < 0.5) periodEnd = periodEnd + 30 * DAY // still on rent
      items = [{ description: `Rental ${utcDay(periodStart)}–${utcDay(periodEnd)}`, quantity: hours, unitPrice: rate }]
      due = at + 30 * DAY
    } else {
      const lines = kind === 'invoice' ? between(1, 4) : rand() < 0.6 ? 1 : between(2, 3)
      items = Array.from({ length: lines }, () => ({
        description: pick(SERVICES),
        quantity: rand() < 0.9 ? 1 : 2,
        unitPrice: kind === 'invoice' ? rupees(500, 20_000) : rupees(150, 3_000),
      }))
      if (kind === 'invoice') due = at + (rand() < 0.5 ? 15 : 30) * DAY
    }
    const subtotal = items.reduce((sum, item) => sum + item.quantity * item.unitPrice, 0)
    const complimentary = kind === 'bill' && rand() < 0.01
    const discount = complimentary ? 0 : rand() < 0.1 ? Math.floor(subtotal / 1000) * 100 : 0
    const total = complimentary ? 0 : subtotal - discount
    invoices.push({
      id: 0,
      customer: c,
      kind,
      at,
      due,
      subtotal,
      discount,
      total,
      complimentary,
      asset,
      periodStart,
      periodEnd,
      hours,
      rate,
      items,
      paid: 0,
      free: total,
      number: '',
    })
    return invoices.length - 1
  }

  // The hot customer: 40 unpaid bills of ₹5,000 long ago.
  for (let i = 0; i < 40; i++) {
    const inv = newInvoice(HOT, start + i * DAY, 'bill')
    const invoice = invoices[inv]!
    invoice.items = [{ description: 'Annual package', quantity: 1, unitPrice: 500_000 }]
    invoice.subtotal = invoice.total = invoice.free = 500_000
    invoice.discount = 0
    invoice.complimentary = false
    open[HOT]!.push(inv)
    pending[HOT] = pending[HOT]! + 500_000
  }

  for (const ev of events) {
    const at = ev.at
    if (ev.type === 2) {
      const c = customerOf()
      const amount = rupees(500, 5_000)
      const m = method()
      const deposit: Deposit = { id: 0, customer: c, amount, remaining: amount, at, method: m, tx: -1 }
      deposits.push(deposit)
      deposit.tx = newTx({ at, type: 'income', kind: 'advance_deposit', amount, method: m, customer: c, invoice: -1, deposit: deposits.length - 1 })
      held[c]!.push(deposits.length - 1)
      continue
    }
    if (ev.type === 1) {
      if (owing.length === 0) continue
      const c = owing[Math.floor(rand() * owing.length)]!
      const owed = pending[c]!
      const amount = rand() < 0.3 ? owed : Math.max(100, Math.min(owed, Math.round((owed * (0.2 + rand() * 0.6)) / 100) * 100))
      const unmatched = rand() < 0.0005 ? rupees(10, 500) : 0 // money received but applied nowhere
      const tx = newTx({ at, type: 'income', kind: 'payment', amount: amount + unmatched, method: method(), customer: c, invoice: -1, deposit: -1 })
      const before = allocs.length
      payOldestFirst(c, tx, amount)
      if (allocs.length - before === 1) txs[tx]!.invoice = allocs[before]!.invoice
      continue
    }

    // a new document
    const r = rand()
    const kind: Inv['kind'] = r < 0.85 ? 'bill' : r < 0.95 ? 'invoice' : 'timesheet'
    const c = customerOf()
    const inv = newInvoice(c, at, kind)
    const invoice = invoices[inv]!
    if (kind === 'bill') {
      // advance first (FIFO), then the payments at the counter
      if (invoice.total > 0 && held[c]!.length > 0 && rand() < 0.6) {
        const list = held[c]!
        while (invoice.free > 0 && list.length > 0) {
          const deposit = deposits[list[0]!]!
          const use = Math.min(deposit.remaining, invoice.free)
          utils.push({ deposit: list[0]!, invoice: inv, amount: use, at })
          deposit.remaining -= use
          invoice.paid += use
          invoice.free -= use
          if (deposit.remaining === 0) list.shift()
        }
      }
      const due = invoice.free
      const mode = rand()
      if (due > 0 && mode < 0.72) {
        if (pending[c]! > 0 && rand() < 0.3) {
          // pays the bill and clears older pending (SPEC §3.2)
          const tx = newTx({ at, type: 'income', kind: 'payment', amount: due + pending[c]!, method: method(), customer: c, invoice: inv, deposit: -1 })
          allocate(tx, inv, due)
          payOldestFirst(c, tx, pending[c]!)
        } else if (due >= 200 && rand() < 0.5) {
          const first = Math.max(100, Math.round((due * (0.3 + rand() * 0.4)) / 100) * 100)
          const split = Math.min(first, due - 100)
          const a = newTx({ at, type: 'income', kind: 'payment', amount: split, method: 'cash', customer: c, invoice: inv, deposit: -1 })
          allocate(a, inv, split)
          const b = newTx({ at, type: 'income', kind: 'payment', amount: due - split, method: rand() < 0.5 ? 'upi' : 'card', customer: c, invoice: inv, deposit: -1 })
          allocate(b, inv, due - split)
        } else {
          const tx = newTx({ at, type: 'income', kind: 'payment', amount: due, method: method(), customer: c, invoice: inv, deposit: -1 })
          allocate(tx, inv, due)
        }
      } else if (due >= 200 && mode < 0.84) {
        const part = Math.min(due - 100, Math.max(100, Math.round((due * (0.2 + rand() * 0.6)) / 100) * 100))
        const tx = newTx({ at, type: 'income', kind: 'payment', amount: part, method: method(), customer: c, invoice: inv, deposit: -1 })
        allocate(tx, inv, part)
      }
    } else {
      // sent invoices and timesheets: paid later, in instalments (those already dated)
      const plan = rand()
      const target = plan < 0.75 ? invoice.total : plan < 0.9 ? Math.round((invoice.total * (0.3 + rand() * 0.4)) / 100) * 100 : 0
      const parts = target === 0 ? 0 : between(1, 4)
      let left = target
      for (let p = 0; p < parts && left > 0; p++) {
        const amount = p === parts - 1 ? left : Math.max(100, Math.round(left / (parts - p) / 100) * 100)
        const when = at + (p + 1) * between(3, 20) * DAY + between(0, DAY - 1)
        if (when > end) break
        const tx = newTx({ at: when, type: 'income', kind: 'payment', amount, method: rand() < 0.7 ? 'bank_transfer' : 'upi', customer: c, invoice: inv, deposit: -1 })
        allocate(tx, inv, amount)
        left -= amount
      }
    }
    if (invoice.free > 0) {
      open[c]!.push(inv)
      pending[c] = pending[c]! + invoice.free
      markOwing(c)
    }
  }

  // ---- expenses fill the ledger up to the requested number of transactions
  const expenses = Math.max(0, opts.transactions - txs.length)
  for (let i = 0; i < expenses; i++) {
    newTx({
      at: start + rand() * (end - start),
      type: 'expense',
      kind: 'expense',
      amount: rupees(100, 20_000),
      method: pick(['cash', 'bank_transfer', 'upi', 'card'] as const),
      customer: -1,
      invoice: -1,
      deposit: -1,
    })
  }

  // ---- ids, numbers and references in time order
  const invoiceOrder = invoices.map((_, i) => i).sort((a, b) => invoices[a]!.at - invoices[b]!.at || a - b)
  const perYear = new Map<number, number>()
  invoiceOrder.forEach((index, position) => {
    const invoice = invoices[index]!
    invoice.id = position + 1
    const year = localYear(invoice.at)
    const sequence = (perYear.get(year) ?? 0) + 1
    perYear.set(year, sequence)
    invoice.number = invoiceNumber(BENCH_STORE.invoicePrefix, year, sequence)
  })
  const txAt = Float64Array.from(txs, (tx) => tx.at)
  const txOrder = Uint32Array.from(txs, (_, i) => i).sort((a, b) => txAt[a]! - txAt[b]! || a - b)
  txOrder.forEach((index, position) => {
    txs[index]!.id = position + 1
    txs[index]!.reference = paymentReference(position + 1)
  })
  deposits.forEach((deposit, index) => (deposit.id = index + 1))

  return { invoices, invoiceOrder, txs, txOrder, allocs, deposits, utils, pending, owing, perYear, assets, hot: HOT, start, end }
}

// ---------------------------------------------------------------- writing
interface Column {
  name: string
  type: string
}

async function insertRows(client: pg.PoolClient, table: string, columns: Column[], count: number, row: (index: number) => unknown[], bar: cliProgress.SingleBar) {
  const list = columns.map((column) => `"${column.name}"`).join(', ')
  const params = columns.map((column, index) => `$${index + 1}::${column.type}[]`).join(', ')
  const text = `INSERT INTO "${table}" (${list}) SELECT * FROM unnest(${params})`
  for (let from = 0; from < count; from += BATCH) {
    const to = Math.min(count, from + BATCH)
    const arrays: unknown[][] = columns.map(() => new Array(to - from))
    for (let i = from; i < to; i++) {
      const values = row(i)
      for (let c = 0; c < columns.length; c++) arrays[c]![i - from] = values[c]
    }
    await client.query(text, arrays)
    bar.increment(to - from, { table })
  }
}

async function bootPayload(): Promise<Payload> {
  process.env.TALLY_CALENDAR_REFRESH = 'off'
  process.env.DISABLE_PAYLOAD_HMR = 'true'
  const { default: config } = await import('@payload-config')
  return (await new BasePayload().init({ config })) as Payload
}

export async function generate(options: GenerateOptions): Promise<Dataset> {
  const log = options.log ?? ((line: string) => console.log(line))
  const customers = options.customers ?? 20_000
  const invoiceCount = options.invoices ?? 200_000
  const transactionCount = options.transactions ?? 500_000
  const started = performance.now()
  const seconds = { payload: 0, simulate: 0, insert: 0, derive: 0, analyze: 0, total: 0 }
  const lap = (key: keyof typeof seconds, since: number) => (seconds[key] = Number(((performance.now() - since) / 1000).toFixed(2)))

  const pool = new pg.Pool({ connectionString: options.uri, max: 2 })
  try {
    const existing = await pool.query('SELECT id FROM stores WHERE invoice_prefix = $1', [BENCH_STORE.invoicePrefix])
    if (existing.rowCount) throw new Error(`this database already has a bench store (${BENCH_STORE.invoicePrefix}); use a fresh database`)

    // 1. store and logins through Payload (passwords hashed by Payload)
    let t = performance.now()
    const payload = await bootPayload()
    const password = randomBytes(12).toString('base64url')
    const store = await payload.create({ collection: 'stores', overrideAccess: true, data: { ...BENCH_STORE } })
    const owner = await payload.create({
      collection: 'users',
      overrideAccess: true,
      data: { name: 'Bench Owner', email: 'owner@bench.tally', password, role: 'owner', stores: [store.id] },
    })
    const cashier = await payload.create({
      collection: 'users',
      overrideAccess: true,
      data: { name: 'Bench Cashier', email: 'cashier@bench.tally', password, role: 'cashier', stores: [store.id] },
    })
    // destroy() keeps one pooled connection checked out (see prepareDatabase); not awaited.
    void payload.destroy().catch(() => undefined)
    lap('payload', t)
    log(`  store #${store.id} "${store.name}", users owner@bench.tally and cashier@bench.tally (${seconds.payload}s)`)

    // 2. simulate the ledger in memory
    t = performance.now()
    const now = Date.now()
    const sim = simulate({ customers, invoices: invoiceCount, transactions: transactionCount, seed: options.seed ?? 7, now })
    lap('simulate', t)
    log(
      `  simulated ${sim.invoices.length} invoices, ${sim.txs.length} transactions, ${sim.allocs.length} allocations, ${sim.deposits.length} deposits, ${sim.utils.length} utilizations (${seconds.simulate}s)`,
    )

    // 3. write it
    t = performance.now()
    const client = await pool.connect()
    const bar = new cliProgress.SingleBar(
      {
        format: '  {table} [{bar}] {percentage}% | {value}/{total} rows | {duration_formatted}',
        hideCursor: true,
        noTTYOutput: true,
        notTTYSchedule: 5_000,
        barsize: 30,
      },
      cliProgress.Presets.shades_classic,
    )
    const itemCount = sim.invoices.reduce((sum, invoice) => sum + invoice.items.length, 0)
    const totalRows = customers + sim.assets.length + sim.invoices.length + itemCount + sim.deposits.length + sim.txs.length + sim.allocs.length + sim.utils.length
    let corrected = { invoices: 0, deposits: 0 }
    let hotCustomerId = 0
    try {
      await client.query('BEGIN')
      await client.query(`SET LOCAL synchronous_commit = off; SET LOCAL maintenance_work_mem = '256MB'`)
      // Bulk-load technique: the secondary indexes of the tables written here are dropped and
      // rebuilt from their own definitions (pg_get_indexdef) after the load, in this same
      // transaction, so the schema ends exactly as migrated. Foreign-key triggers are skipped
      // when allowed (superuser: the embedded cluster); the rows are consistent by construction.
      const { rows: indexes } = await client.query<{ name: string; def: string }>(
        `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
           FROM pg_index i
          WHERE i.indrelid = ANY($1::regclass[]) AND NOT i.indisprimary
            AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
        [LOADED_TABLES],
      )
      for (const index of indexes) await client.query(`DROP INDEX ${index.name}`)
      const skipForeignKeys = await client
        .query('SAVEPOINT replica; SET LOCAL session_replication_role = replica; RELEASE SAVEPOINT replica')
        .then(() => true)
        .catch(async () => {
          await client.query('ROLLBACK TO SAVEPOINT replica')
          return false
        })
      const bases = await client.query(`
        SELECT (SELECT coalesce(max(id), 0) FROM customers) AS customers, (SELECT coalesce(max(id), 0) FROM invoices) AS invoices,
               (SELECT coalesce(max(id), 0) FROM transactions) AS transactions, (SELECT coalesce(max(id), 0) FROM advance_payments) AS deposits,
               (SELECT coalesce(max(id), 0) FROM assets) AS assets`)
      const base = Object.fromEntries(Object.entries(bases.rows[0] as Record<string, string>).map(([key, value]) => [key, Number(value)]))
      const customerId = (index: number) => base.customers! + index + 1
      const invoiceId = (index: number) => base.invoices! + sim.invoices[index]!.id
      const txId = (index: number) => base.transactions! + sim.txs[index]!.id
      const depositId = (index: number) => base.deposits! + sim.deposits[index]!.id
      const S = store.id
      hotCustomerId = customerId(sim.hot)
      bar.start(totalRows, 0, { table: 'customers' })

      const created = sim.start - 400 * DAY
      await insertRows(
        client,
        'customers',
        [
          { name: 'id', type: 'int' },
          { name: 'store_id', type: 'int' },
          { name: 'name', type: 'text' },
          { name: 'phone', type: 'text' },
          { name: 'email', type: 'text' },
          { name: 'gender', type: 'enum_customers_gender' },
          { name: 'created_at', type: 'timestamptz' },
          { name: 'updated_at', type: 'timestamptz' },
        ],
        customers,
        (i) => {
          const name = i === sim.hot ? 'Hot Customer' : `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]} ${i}`
          const at = iso(created + (i / customers) * 390 * DAY)
          return [
            customerId(i),
            S,
            name,
            `+9198${String(i).padStart(8, '0')}`,
            i % 3 === 0 ? `c${i}@bench.tally` : null,
            (['female', 'male', 'other'] as const)[i % 7 === 0 ? 2 : i % 2],
            at,
            at,
          ]
        },
        bar,
      )
      await insertRows(
        client,
        'assets',
        [
          { name: 'id', type: 'int' },
          { name: 'store_id', type: 'int' },
          { name: 'name', type: 'text' },
          { name: 'kind', type: 'enum_assets_kind' },
          { name: 'rate', type: 'bigint' },
        ],
        sim.assets.length,
        (i) => [base.assets! + i + 1, S, sim.assets[i]!.name, sim.assets[i]!.kind, sim.assets[i]!.rate],
        bar,
      )

      const today = localDay(now)
      const statusOf = (invoice: Inv) => {
        const due = invoice.total - invoice.paid
        if (due <= 0) return 'paid'
        if (invoice.due !== null && localDay(invoice.due) < today) return 'overdue'
        return invoice.paid > 0 ? 'partial' : 'open'
      }
      bar.update({ table: 'invoices' })
      await insertRows(
        client,
        'invoices',
        [
          { name: 'id', type: 'int' },
          { name: 'store_id', type: 'int' },
          { name: 'customer_id', type: 'int' },
          { name: 'kind', type: 'enum_invoices_kind' },
          { name: 'number', type: 'text' },
          { name: 'issue_date', type: 'timestamptz' },
          { name: 'due_date', type: 'timestamptz' },
          { name: 'discount', type: 'bigint' },
          { name: 'complimentary', type: 'boolean' },
          { name: 'asset_id', type: 'int' },
          { name: 'period_start', type: 'timestamptz' },
          { name: 'period_end', type: 'timestamptz' },
          { name: 'hours', type: 'numeric' },
          { name: 'rate', type: 'bigint' },
          { name: 'status', type: 'enum_invoices_status' },
          { name: 'subtotal', type: 'bigint' },
          { name: 'total', type: 'bigint' },
          { name: 'amount_paid', type: 'bigint' },
          { name: 'amount_due', type: 'bigint' },
          { name: 'posted_at', type: 'timestamptz' },
          { name: 'created_by_id', type: 'int' },
          { name: 'created_at', type: 'timestamptz' },
          { name: 'updated_at', type: 'timestamptz' },
        ],
        sim.invoices.length,
        (position) => {
          const index = sim.invoiceOrder[position]!
          const v = sim.invoices[index]!
          const at = iso(v.at)
          return [
            invoiceId(index),
            S,
            customerId(v.customer),
            v.kind,
            v.number,
            calendarDay(v.at),
            calendarDay(v.due),
            v.discount,
            v.complimentary,
            v.asset === null ? null : base.assets! + v.asset + 1,
            calendarDay(v.periodStart),
            calendarDay(v.periodEnd),
            v.hours,
            v.rate,
            statusOf(v),
            v.subtotal,
            v.total,
            v.paid,
            v.total - v.paid,
            at,
            v.kind === 'bill' ? cashier.id : owner.id,
            at,
            at,
          ]
        },
        bar,
      )
      // items, flattened in invoice id order
      // The bench store is not GST-registered (SPEC §12): each line's taxable value is its amount less its discount share.
      const itemRows: [number, number, Item, number][] = []
      for (const index of sim.invoiceOrder) {
        const invoice = sim.invoices[index]!
        const taxed = taxBill({
          items: invoice.items.map((item) => ({ ...item, taxRate: 0 })),
          discount: invoice.discount,
          complimentary: invoice.complimentary,
          pricesIncludeTax: false,
          treatment: 'unregistered',
        })
        invoice.items.forEach((item, order) => itemRows.push([index, order + 1, item, taxed.lines[order]!.taxable]))
      }
      bar.update({ table: 'invoices_items' })
      await insertRows(
        client,
        'invoices_items',
        [
          { name: '_order', type: 'int' },
          { name: '_parent_id', type: 'int' },
          { name: 'id', type: 'text' },
          { name: 'description', type: 'text' },
          { name: 'quantity', type: 'numeric' },
          { name: 'unit_price', type: 'bigint' },
          { name: 'taxable', type: 'bigint' },
        ],
        itemRows.length,
        (i) => {
          const [index, order, item, taxable] = itemRows[i]!
          const id = invoiceId(index)
          return [order, id, id.toString(16).padStart(20, '0') + order.toString(16).padStart(4, '0'), item.description, item.quantity, item.unitPrice, taxable]
        },
        bar,
      )
      bar.update({ table: 'advance_payments' })
      await insertRows(
        client,
        'advance_payments',
        [
          { name: 'id', type: 'int' },
          { name: 'store_id', type: 'int' },
          { name: 'customer_id', type: 'int' },
          { name: 'reference_type', type: 'enum_advance_payments_reference_type' },
          { name: 'amount', type: 'bigint' },
          { name: 'method', type: 'enum_advance_payments_method' },
          { name: 'status', type: 'enum_advance_payments_status' },
          { name: 'utilized_amount', type: 'bigint' },
          { name: 'refunded_amount', type: 'bigint' },
          { name: 'remaining_amount', type: 'bigint' },
          { name: 'created_by_id', type: 'int' },
          { name: 'created_at', type: 'timestamptz' },
          { name: 'updated_at', type: 'timestamptz' },
        ],
        sim.deposits.length,
        (i) => {
          const d = sim.deposits[i]!
          return [
            depositId(i),
            S,
            customerId(d.customer),
            'direct',
            d.amount,
            d.method,
            d.remaining > 0 ? 'active' : 'utilized',
            d.amount - d.remaining,
            0,
            d.remaining,
            cashier.id,
            iso(d.at),
            iso(d.at),
          ]
        },
        bar,
      )
      bar.update({ table: 'transactions' })
      await insertRows(
        client,
        'transactions',
        [
          { name: 'id', type: 'int' },
          { name: 'store_id', type: 'int' },
          { name: 'date', type: 'timestamptz' },
          { name: 'type', type: 'enum_transactions_type' },
          { name: 'kind', type: 'enum_transactions_kind' },
          { name: 'amount', type: 'bigint' },
          { name: 'method', type: 'enum_transactions_method' },
          { name: 'customer_id', type: 'int' },
          { name: 'invoice_id', type: 'int' },
          { name: 'advance_payment_id', type: 'int' },
          { name: 'reference', type: 'text' },
          { name: 'created_by_id', type: 'int' },
          { name: 'created_at', type: 'timestamptz' },
          { name: 'updated_at', type: 'timestamptz' },
        ],
        sim.txs.length,
        (position) => {
          const index = sim.txOrder[position]!
          const x = sim.txs[index]!
          const at = iso(x.at)
          return [
            txId(index),
            S,
            at,
            x.type,
            x.kind,
            x.amount,
            x.method,
            x.customer < 0 ? null : customerId(x.customer),
            x.invoice < 0 ? null : invoiceId(x.invoice),
            x.deposit < 0 ? null : depositId(x.deposit),
            x.reference,
            x.kind === 'expense' ? owner.id : cashier.id,
            at,
            at,
          ]
        },
        bar,
      )
      bar.update({ table: 'allocations' })
      await insertRows(
        client,
        'allocations',
        [
          { name: 'store_id', type: 'int' },
          { name: 'transaction_id', type: 'int' },
          { name: 'invoice_id', type: 'int' },
          { name: 'amount', type: 'bigint' },
          { name: 'created_at', type: 'timestamptz' },
          { name: 'updated_at', type: 'timestamptz' },
        ],
        sim.allocs.length,
        (i) => {
          const a = sim.allocs[i]!
          const at = iso(sim.txs[a.tx]!.at)
          return [S, txId(a.tx), invoiceId(a.invoice), a.amount, at, at]
        },
        bar,
      )
      bar.update({ table: 'advance_utilizations' })
      await insertRows(
        client,
        'advance_utilizations',
        [
          { name: 'store_id', type: 'int' },
          { name: 'advance_payment_id', type: 'int' },
          { name: 'invoice_id', type: 'int' },
          { name: 'amount', type: 'bigint' },
          { name: 'created_at', type: 'timestamptz' },
          { name: 'updated_at', type: 'timestamptz' },
        ],
        sim.utils.length,
        (i) => {
          const u = sim.utils[i]!
          return [S, depositId(u.deposit), invoiceId(u.invoice), u.amount, iso(u.at), iso(u.at)]
        },
        bar,
      )
      bar.update({ table: 'done' })
      bar.stop()
      // deposits point at the transaction that brought the money (circular FK: set afterwards)
      await client.query(`UPDATE advance_payments a SET transaction_id = u.tx FROM unnest($1::int[], $2::int[]) AS u(id, tx) WHERE a.id = u.id`, [
        sim.deposits.map((_, i) => depositId(i)),
        sim.deposits.map((d) => txId(d.tx)),
      ])
      if (skipForeignKeys) await client.query('SET LOCAL session_replication_role = origin')
      if (skipForeignKeys) {
        const { rows: orphans } = await client.query<{ n: string }>(`
          SELECT (SELECT count(*) FROM allocations x WHERE NOT EXISTS (SELECT 1 FROM transactions t WHERE t.id = x.transaction_id))
               + (SELECT count(*) FROM allocations x WHERE NOT EXISTS (SELECT 1 FROM invoices i WHERE i.id = x.invoice_id))
               + (SELECT count(*) FROM advance_utilizations x WHERE NOT EXISTS (SELECT 1 FROM advance_payments a WHERE a.id = x.advance_payment_id))
               + (SELECT count(*) FROM advance_utilizations x WHERE NOT EXISTS (SELECT 1 FROM invoices i WHERE i.id = x.invoice_id))
               + (SELECT count(*) FROM transactions x WHERE x.customer_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = x.customer_id))
               + (SELECT count(*) FROM transactions x WHERE x.invoice_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM invoices i WHERE i.id = x.invoice_id))
               + (SELECT count(*) FROM transactions x WHERE x.advance_payment_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM advance_payments a WHERE a.id = x.advance_payment_id))
               + (SELECT count(*) FROM invoices x WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = x.customer_id))
               + (SELECT count(*) FROM invoices x WHERE x.asset_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM assets a WHERE a.id = x.asset_id))
               + (SELECT count(*) FROM invoices_items x WHERE NOT EXISTS (SELECT 1 FROM invoices i WHERE i.id = x._parent_id))
               + (SELECT count(*) FROM advance_payments x WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = x.customer_id))
               + (SELECT count(*) FROM advance_payments x WHERE NOT EXISTS (SELECT 1 FROM transactions t WHERE t.id = x.transaction_id)) AS n`)
        if (Number(orphans[0]!.n) !== 0) throw new Error(`bench data has ${orphans[0]!.n} dangling reference(s)`)
      }
      const rebuild = performance.now()
      for (const index of indexes) await client.query(index.def)
      log(
        `  rebuilt ${indexes.length} secondary indexes (${((performance.now() - rebuild) / 1000).toFixed(2)}s)${skipForeignKeys ? '; foreign-key triggers were skipped during the load' : ''}`,
      )
      lap('insert', t)
      log(`  wrote ${totalRows} rows (${seconds.insert}s)`)

      // 4. derived fields, re-derived from the views exactly as the services do
      t = performance.now()
      const inv = await client.query(
        `
        UPDATE invoices i SET amount_paid = f.amount_paid, amount_due = f.amount_due, status = f.status::enum_invoices_status
          FROM invoice_figures f
         WHERE f.id = i.id AND i.store_id = $1
           AND (i.amount_paid, i.amount_due, i.status::text) IS DISTINCT FROM (f.amount_paid, f.amount_due, f.status)`,
        [S],
      )
      const dep = await client.query(
        `
        UPDATE advance_payments a
           SET utilized_amount = f.utilized_amount, refunded_amount = f.refunded_amount,
               remaining_amount = f.remaining_amount, status = f.status::enum_advance_payments_status
          FROM deposit_figures f
         WHERE f.id = a.id AND a.store_id = $1
           AND (a.utilized_amount, a.refunded_amount, a.remaining_amount, a.status::text)
               IS DISTINCT FROM (f.utilized_amount, f.refunded_amount, f.remaining_amount, f.status)`,
        [S],
      )
      corrected = { invoices: inv.rowCount ?? 0, deposits: dep.rowCount ?? 0 }
      // held money (SPEC §9a) first: customers.unmatched_credit sums these rows. What is left
      // of each payment is payment_figures' (the one home of that rule).
      await client.query('DELETE FROM unmatched_payments WHERE store_id = $1', [S])
      await client.query(
        `
        INSERT INTO unmatched_payments (transaction_id, store_id, customer_id, amount)
        SELECT id, store_id, customer_id, unmatched FROM payment_figures WHERE store_id = $1 AND unmatched > 0`,
        [S],
      )
      await client.query(
        `
        UPDATE customers c
           SET pending_balance = f.pending_balance, advance_balance = f.advance_balance, total_billed = f.total_billed,
               total_paid = f.total_paid, visits = f.visits, last_visit_at = f.last_visit_at,
               services_count = f.services_count, active_rentals = f.active_rentals, unmatched_credit = f.unmatched_credit
          FROM customer_figures f WHERE f.id = c.id AND c.store_id = $1`,
        [S],
      )
      // report summaries (kept by triggers, which the replica-mode load skipped): rebuilt
      // with the migration's own definitions
      await client.query('SELECT tally_daily_totals_rebuild($1)', [S])
      await client.query('SELECT tally_invoice_totals_rebuild($1)', [S])
      // counters: the next number / reference continues the sequences
      for (const [year, last] of sim.perYear) {
        await client.query(`INSERT INTO ledger_counters (store_id, name, last_value) VALUES ($1, $2, $3)`, [S, invoiceNumbering(BENCH_STORE.invoicePrefix, year).counter, last])
      }
      await client.query(`INSERT INTO ledger_counters (store_id, name, last_value) VALUES ($1, $2, $3)`, [S, PAYMENT_REFERENCE.counter, sim.txs.length])
      for (const table of ['customers', 'assets', 'invoices', 'transactions', 'allocations', 'advance_payments', 'advance_utilizations']) {
        await client.query(`SELECT setval(pg_get_serial_sequence($1, 'id'), (SELECT max(id) FROM ${table}))`, [table])
      }
      await client.query('COMMIT')
      lap('derive', t)
      log(`  derived fields from the views: ${corrected.invoices} invoice(s) and ${corrected.deposits} deposit(s) differed from the simulation (${seconds.derive}s)`)
    } catch (error) {
      bar.stop()
      await client.query('ROLLBACK').catch(() => undefined)
      throw error
    } finally {
      client.release()
    }

    t = performance.now()
    await pool.query('VACUUM ANALYZE')
    lap('analyze', t)
    log(`  VACUUM ANALYZE (${seconds.analyze}s)`)

    const { rows } = await pool.query(`SELECT count(*) FILTER (WHERE pending_balance > 0) AS owing FROM customers WHERE store_id = $1`, [store.id])
    lap('total', started)
    return {
      storeId: store.id,
      storeName: store.name,
      owner: { email: owner.email, password },
      cashier: { email: cashier.email, password },
      hotCustomerId,
      counts: {
        customers,
        invoices: sim.invoices.length,
        items: itemCount,
        transactions: sim.txs.length,
        allocations: sim.allocs.length,
        deposits: sim.deposits.length,
        utilizations: sim.utils.length,
        customersOwing: Number(rows[0].owing),
      },
      corrected,
      seconds,
    }
  } finally {
    await pool.end()
  }
}

// ---------------------------------------------------------------- standalone
async function main() {
  const uri = process.env.DATABASE_URI ?? process.env.TALLY_EMBEDDED_DATABASE_URI
  if (!uri) throw new Error('set DATABASE_URI to a migrated database (npm run bench does all of this by itself)')
  const scaleAt = process.argv.indexOf('--scale')
  const scale = scaleAt > 0 ? Number(process.argv[scaleAt + 1]) : 1
  if (!(scale > 0 && scale <= 10)) throw new Error('--scale must be a number in (0, 10]')
  const dataset = await generate({
    uri,
    customers: Math.round(20_000 * scale),
    invoices: Math.round(200_000 * scale),
    transactions: Math.round(500_000 * scale),
  })
  console.log(JSON.stringify(dataset, null, 2))
  process.exit(0)
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error: unknown) => {
    console.error(`[bench] generate failed: ${error instanceof Error ? error.stack : String(error)}`)
    process.exit(1)
  })
}
