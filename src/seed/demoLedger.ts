import { createLocalReq, type Payload } from 'payload'

import { storedDay, todayIn } from '@/domain/dates'
import { invoiceTotals } from '@/domain/invoice'
import { inTransaction, sql } from '@/ledger/db'
import { refreshOwnerFigures } from '@/ledger/refresh'
import { insertInvoice, insertTransaction } from '@/ledger/write'
import { statementForCharge } from '@/services/cards'
import { checkout } from '@/services/checkout'
import { postInvoice } from '@/services/postInvoice'
import { recordInvoicePayment } from '@/services/recordInvoicePayment'
import { resolveCustomer } from '@/services/resolveCustomer'
import { takeAdvance } from '@/services/takeAdvance'

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
    const customer = async (store: number, phone: string, name: string) => (await resolveCustomer(db, req, { store, phone, name })).customer.id

    const priya = await customer(stores.salon, '98765 43210', 'Priya Sharma')
    await checkout(db, req, {
      store: stores.salon, customer: priya, items: [{ description: 'Hair colour', quantity: 1, unitPrice: 100_000 }],
      discount: 0, complimentary: false, payments: [{ method: 'upi', amount: 40_000 }], useAdvance: 0, keepExcessAsAdvance: false,
    })
    log('ledger  Priya Sharma: bill ₹1,000 paid ₹400 → pending ₹600')

    const rahul = await customer(stores.salon, '98123 45678', 'Rahul Verma')
    await takeAdvance(db, req, { customerId: rahul, amount: 50_000, method: 'cash', referenceType: 'direct' })
    await takeAdvance(db, req, { customerId: rahul, amount: 30_000, method: 'upi', referenceType: 'direct' })
    log('ledger  Rahul Verma: deposits ₹500 + ₹300')

    const anita = await customer(stores.salon, '99887 76655', 'Anita Desai')
    await checkout(db, req, {
      store: stores.salon, customer: anita, items: [{ description: 'Haircut (family)', quantity: 1, unitPrice: 50_000 }],
      discount: 0, complimentary: true, complimentaryReason: 'Family — the owner’s sister', payments: [], useAdvance: 0, keepExcessAsAdvance: false,
    })
    const walkIn = await customer(stores.salon, '97000 11223', 'Vikram Rao')
    await checkout(db, req, {
      store: stores.salon, customer: walkIn, items: [{ description: 'Beard trim', quantity: 1, unitPrice: 50_000 }],
      discount: 0, complimentary: false, payments: [], useAdvance: 0, keepExcessAsAdvance: false,
    })
    log('ledger  Anita Desai: complimentary haircut; Vikram Rao: ₹500 fully pending')

    const corporate = await customer(stores.salon, '98450 12345', 'Lotus Events Pvt Ltd')
    const items = [{ description: 'Bridal party styling (10 guests)', quantity: 1, unitPrice: 1_000_000 }]
    const invoiceId = await insertInvoice(db, {
      storeId: stores.salon, customerId: corporate, kind: 'invoice', items, ...invoiceTotals(items, 0, false), complimentary: false,
      issueDate: daysAgo(45), dueDate: daysAgo(15), notes: 'Net 30',
    })
    await postInvoice(db, req, invoiceId)
    await recordInvoicePayment(db, req, { invoiceId, amount: 500_000, method: 'bank_transfer', reference: 'NEFT-88213' })
    log('ledger  Lotus Events: invoice ₹10,000 paid ₹5,000, overdue')

    const asset = await payload.create({
      collection: 'assets',
      data: { store: stores.rentals, name: 'Tadano 50T crane', kind: 'crane', registration: 'MH-12-CR-5021', rate: 250_000 },
      req,
      overrideAccess: true,
    })
    const builder = await customer(stores.rentals, '98200 33445', 'BuildRight Constructions')
    await takeAdvance(db, req, { customerId: builder, amount: 2_000_000, method: 'bank_transfer', referenceType: 'booking', referenceId: 'crane-booking' })
    const hours = 40
    const timesheetItems = [{ description: 'Tadano 50T crane — 40 h', quantity: hours, unitPrice: 250_000 }]
    const timesheetId = await insertInvoice(db, {
      storeId: stores.rentals, customerId: builder, kind: 'timesheet', items: timesheetItems, ...invoiceTotals(timesheetItems, 0, false),
      complimentary: false, issueDate: daysAgo(0), dueDate: daysAgo(-30),
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
    const towItems = [{ description: `Hino recovery truck — 24 h (${lastMonth}-01 – ${lastMonth}-15)`, quantity: 24, unitPrice: 180_000 }]
    const towId = await insertInvoice(db, {
      storeId: stores.rentals, customerId: skyline, kind: 'timesheet', items: towItems, ...invoiceTotals(towItems, 0, false),
      complimentary: false, issueDate: storedDay(`${lastMonth}-16`), dueDate: storedDay(`${lastMonth}-28`),
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
    for (const [daysBack, amount, what] of [[3, 1_250_000, 'Hair products — wholesale'], [1, 349_900, 'Salon chairs repair']] as const) {
      const date = new Date(Date.now() - daysBack * 86_400_000).toISOString()
      const { statement } = await statementForCharge(db, req, cardId, date)
      const charge = await insertTransaction(db, {
        storeId: stores.salon, type: 'expense', kind: 'expense', method: 'credit_card', amount, date, notes: what,
        creditCardId: cardId, creditCardInvoiceId: statement.id,
      })
      await refreshOwnerFigures(db, charge.id)
    }
    const month = todayIn('Asia/Kolkata').slice(0, 7)
    for (const [name, paymentType, day, expectedAmount] of [['Shop rent', 'fixed', '05', 4_500_000], ['Electricity', 'variable', '20', 850_000]] as const) {
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
