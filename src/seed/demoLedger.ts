import { createLocalReq, type Payload } from 'payload'

import { taxedBillOf, type BillLine } from '@/domain/billLines'
import { storedDay, todayIn } from '@/domain/dates'
import { inTransaction, sql, type Db } from '@/ledger/db'
import { lockCustomer } from '@/ledger/lock'
import { refreshOwnerFigures } from '@/ledger/refresh'
import { insertInvoice, insertTransaction } from '@/ledger/write'
import { statementForCharge } from '@/services/cards'
import { checkout } from '@/services/checkout'
import { postInvoice } from '@/services/postInvoice'
import { recordInvoicePayment } from '@/services/recordInvoicePayment'
import { resolveCustomer } from '@/services/resolveCustomer'
import { takeAdvance } from '@/services/takeAdvance'

/**
 * The salon's price list (SPEC §12), with the SAC of each service (9997: other services —
 * 999721 hairdressing and barbers, 999722 cosmetic treatment, manicure and pedicure, 999723
 * physical well-being, 999729 other beauty treatment) and one product sold over the counter
 * (HSN 3305, hair preparations). Prices include GST at 18 %.
 */
export const DEMO_SALON_SERVICES = [
  { name: 'Haircut (women)', sac: '999721', price: 60_000 },
  { name: 'Haircut (men)', sac: '999721', price: 35_000 },
  { name: 'Beard styling', sac: '999721', price: 25_000 },
  { name: 'Blow-dry and styling', sac: '999721', price: 50_000 },
  { name: 'Hair colour (global)', sac: '999721', price: 250_000 },
  { name: 'Hair spa', sac: '999721', price: 120_000 },
  { name: 'Keratin treatment', sac: '999721', price: 600_000 },
  { name: 'Classic facial', sac: '999722', price: 150_000 },
  { name: 'Manicure (classic)', sac: '999722', price: 70_000 },
  { name: 'Pedicure (spa)', sac: '999722', price: 90_000 },
  { name: 'Eyebrow threading', sac: '999722', price: 10_000 },
  { name: 'Waxing (full arms)', sac: '999729', price: 60_000 },
  { name: 'Bridal make-up', sac: '999729', price: 1_500_000 },
  { name: 'Head massage (30 min)', sac: '999723', price: 50_000 },
  { name: 'Shampoo 200 ml (retail)', sac: '3305', price: 45_000 },
] as const

/** The demo stores' calendar day `days` before today (yyyy-mm-dd), and as stored. */
const dayAgo = (days: number) => todayIn('Asia/Kolkata', new Date(Date.now() - days * 86_400_000))
const daysAgo = (days: number) => storedDay(dayAgo(days))

/**
 * Demo ledger written through the same services the app uses, so `ledger:verify` is clean
 * by construction: pending balances, deposits, a complimentary visit, a partly paid
 * overdue invoice and a crane-rental timesheet. Only written into stores without customers.
 */
export async function seedDemoLedger(payload: Payload, stores: { salon: number; rentals: number }, log: (line: string) => void) {
  const req = await createLocalReq({}, payload)
  const { rows } = await payload.db.drizzle.execute(sql`SELECT count(*)::int AS n FROM customers WHERE store_id IN (${stores.salon}, ${stores.rentals})`)
  if (Number(rows[0]?.n) > 0) {
    log('ledger  demo customers already present — left as they are')
    return
  }

  await inTransaction(req, async (db) => {
    const customer = async (store: number, phone: string, name: string, gstin?: string) => (await resolveCustomer(db, req, { store, phone, name, gstin })).customer.id
    /** An invoice's lines and tax as the store and customer stand (as the Payload hook works them out). */
    const taxed = async (db: Db, customerId: number, items: BillLine[]) => {
      const locked = await lockCustomer(db, req, customerId, { lock: false })
      return { items, taxed: taxedBillOf(items, 0, false, { store: locked.store, customer: locked }) }
    }

    for (const [index, service] of DEMO_SALON_SERVICES.entries()) {
      await payload.create({ collection: 'services', data: { store: stores.salon, ...service, taxRate: 1800, active: true }, req, overrideAccess: true })
      if (index === DEMO_SALON_SERVICES.length - 1) {
        await payload.create({
          collection: 'services',
          data: { store: stores.salon, name: 'Perm (discontinued)', sac: '999721', price: 300_000, taxRate: 1800, active: false },
          req,
          overrideAccess: true,
        })
      }
    }
    log(`ledger  Demo Salon: ${DEMO_SALON_SERVICES.length} services in the catalogue (SAC 9997xx, GST 18 % included in the prices), one retired`)

    const priya = await customer(stores.salon, '98765 43210', 'Priya Sharma')
    await checkout(db, req, {
      store: stores.salon,
      customer: priya,
      items: [{ description: 'Hair colour', quantity: 1, unitPrice: 100_000 }],
      discount: 0,
      complimentary: false,
      payments: [{ method: 'upi', amount: 40_000 }],
      useAdvance: 0,
      keepExcessAsAdvance: false,
    })
    log('ledger  Priya Sharma: bill ₹1,000 paid ₹400 → pending ₹600')

    const rahul = await customer(stores.salon, '98123 45678', 'Rahul Verma')
    await takeAdvance(db, req, { customerId: rahul, amount: 50_000, method: 'cash', referenceType: 'direct' })
    await takeAdvance(db, req, { customerId: rahul, amount: 30_000, method: 'upi', referenceType: 'direct' })
    log('ledger  Rahul Verma: deposits ₹500 + ₹300')

    const anita = await customer(stores.salon, '99887 76655', 'Anita Desai')
    await checkout(db, req, {
      store: stores.salon,
      customer: anita,
      items: [{ description: 'Haircut (family)', quantity: 1, unitPrice: 50_000 }],
      discount: 0,
      complimentary: true,
      complimentaryReason: 'Family — the owner’s sister',
      payments: [],
      useAdvance: 0,
      keepExcessAsAdvance: false,
    })
    const walkIn = await customer(stores.salon, '97000 11223', 'Vikram Rao')
    await checkout(db, req, {
      store: stores.salon,
      customer: walkIn,
      items: [{ description: 'Beard trim', quantity: 1, unitPrice: 50_000 }],
      discount: 0,
      complimentary: false,
      payments: [],
      useAdvance: 0,
      keepExcessAsAdvance: false,
    })
    log('ledger  Anita Desai: complimentary haircut; Vikram Rao: ₹500 fully pending')

    // A registered business in Karnataka: its invoice is B2B, taxed as IGST (another state).
    const corporate = await customer(stores.salon, '98450 12345', 'Lotus Events Pvt Ltd', '29AACCL7316E1ZK')
    const invoiceId = await insertInvoice(db, {
      storeId: stores.salon,
      customerId: corporate,
      kind: 'invoice',
      complimentary: false,
      ...(await taxed(db, corporate, [{ description: 'Bridal party styling (10 guests)', quantity: 1, unitPrice: 1_000_000, service: null, sac: '999729', taxRate: 1800 }])),
      issueDate: daysAgo(45),
      dueDate: daysAgo(15),
      notes: 'Net 30',
    })
    await postInvoice(db, req, invoiceId)
    await recordInvoicePayment(db, req, { invoiceId, amount: 500_000, method: 'bank_transfer', reference: 'NEFT-88213' })
    log('ledger  Lotus Events (GSTIN 29…, Karnataka): invoice ₹10,000 incl. IGST, paid ₹5,000, overdue')

    const asset = await payload.create({
      collection: 'assets',
      data: { store: stores.rentals, name: 'Tadano 50T crane', kind: 'crane', registration: 'MH-12-CR-5021', rate: 250_000 },
      req,
      overrideAccess: true,
    })
    const builder = await customer(stores.rentals, '98200 33445', 'BuildRight Constructions')
    await takeAdvance(db, req, { customerId: builder, amount: 2_000_000, method: 'bank_transfer', referenceType: 'booking', referenceId: 'crane-booking' })
    const hours = 40
    const timesheetId = await insertInvoice(db, {
      storeId: stores.rentals,
      customerId: builder,
      kind: 'timesheet',
      complimentary: false,
      ...(await taxed(db, builder, [{ description: 'Tadano 50T crane — 40 h', quantity: hours, unitPrice: 250_000, service: null, sac: null, taxRate: 0 }])),
      issueDate: daysAgo(0),
      dueDate: daysAgo(-30),
      rental: { assetId: asset.id, periodStart: dayAgo(10), periodEnd: null, hours, rate: 250_000 },
    })
    // Demo Rentals applies held money on posting: the ₹20,000 booking deposit pays part of it.
    await postInvoice(db, req, timesheetId)
    await recordInvoicePayment(db, req, { invoiceId: timesheetId, amount: 4_000_000, method: 'cheque', reference: 'CHQ-004512' })
    log('ledger  BuildRight: ₹20,000 booking deposit; crane timesheet 40 h × ₹2,500 = ₹1,00,000 paid from it on posting, then ₹40,000 by cheque; rental active')

    // Last month's finished hire of a second asset, paid in full: the timesheets screen has a
    // month behind it, and the client list a client who owes nothing.
    const towTruck = await payload.create({
      collection: 'assets',
      data: { store: stores.rentals, name: 'Hino recovery truck', kind: 'tow_truck', registration: 'MH-14-TW-0788', rate: 180_000 },
      req,
      overrideAccess: true,
    })
    const skyline = await customer(stores.rentals, '98220 55667', 'Skyline Infra')
    const lastMonth = (() => {
      const [year, month] = todayIn('Asia/Kolkata').split('-').map(Number) as [number, number]
      return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`
    })()
    const towId = await insertInvoice(db, {
      storeId: stores.rentals,
      customerId: skyline,
      kind: 'timesheet',
      complimentary: false,
      ...(await taxed(db, skyline, [
        { description: `Hino recovery truck — 24 h (${lastMonth}-01 – ${lastMonth}-15)`, quantity: 24, unitPrice: 180_000, service: null, sac: null, taxRate: 0 },
      ])),
      issueDate: storedDay(`${lastMonth}-16`),
      dueDate: storedDay(`${lastMonth}-28`),
      rental: { assetId: towTruck.id, periodStart: `${lastMonth}-01`, periodEnd: `${lastMonth}-15`, hours: 24, rate: 180_000 },
    })
    await postInvoice(db, req, towId)
    await recordInvoicePayment(db, req, { invoiceId: towId, method: 'bank_transfer', reference: 'NEFT-55120' })
    log('ledger  Skyline Infra: last month’s recovery-truck timesheet 24 h × ₹1,800 = ₹43,200, paid')

    const card = await payload.create({
      collection: 'credit-cards',
      data: { store: stores.salon, name: 'HDFC Business', last4: '4821', cardholder: 'Omar Owner', currency: 'INR', closingDay: 25, dueDay: 12, active: true },
      req,
      overrideAccess: true,
    })
    const cardId = card.id
    for (const [daysBack, amount, what] of [
      [3, 1_250_000, 'Hair products — wholesale'],
      [1, 349_900, 'Salon chairs repair'],
    ] as const) {
      const date = new Date(Date.now() - daysBack * 86_400_000).toISOString()
      const { statement } = await statementForCharge(db, req, cardId, date)
      const charge = await insertTransaction(db, {
        storeId: stores.salon,
        type: 'expense',
        kind: 'expense',
        method: 'credit_card',
        amount,
        date,
        notes: what,
        creditCardId: cardId,
        creditCardInvoiceId: statement.id,
      })
      await refreshOwnerFigures(db, charge.id)
    }
    const month = todayIn('Asia/Kolkata').slice(0, 7)
    for (const [name, paymentType, day, expectedAmount] of [
      ['Shop rent', 'fixed', '05', 4_500_000],
      ['Electricity', 'variable', '20', 850_000],
    ] as const) {
      await payload.create({
        collection: 'payment-statuses',
        data: { store: stores.salon, name, paymentType, monthYear: month, dueDate: storedDay(`${month}-${day}`), expectedAmount, currency: 'INR' },
        req,
        overrideAccess: true,
      })
    }
    log('owner   HDFC Business card with two charges; rent and electricity payables this month')
  })
}
