import { randomBytes } from 'node:crypto'

import type { PayloadRequest } from 'payload'

import { billLines, servicesNamed, taxedBillOf, type BillLineInput } from '@/domain/billLines'
import { planCheckout } from '@/domain/checkout'
import { availableCredit, billDueDay, creditTermsFor, type CreditOverride } from '@/domain/credit'
import { storedDay, todayIn } from '@/domain/dates'
import { notFound, RuleError } from '@/domain/errors'
import type { PaymentMethod } from '@/domain/ledgerKinds'
import { formatMoney, MAX_MINOR } from '@/domain/money'
import { receiptText } from '@/domain/receipt'
import { invoiceNumbering, lineReferences, numberedReferences, PAYMENT_REFERENCE } from '@/domain/references'
import { taxDocument } from '@/domain/taxDocument'
import type { Db } from '@/ledger/db'
import { lockCustomerWithOpenItems } from '@/ledger/lock'
import { postCheckout } from '@/ledger/post'

import { catalogueEntries } from './catalogue'
import { enforceCreditLimit } from './creditControl'
import { resolveCustomer, type ResolveInput } from './resolveCustomer'

/**
 * The ledger rows of the payment lines, in the order tally_checkout_post wrote them (a line's
 * payment, then its deposit), each line's cash tendered on its first row (for the change).
 */
function withTendered<T extends { amount: number }>(rows: T[], lines: { applied: number; kept: number; tendered: number | null }[]) {
  const result: (T & { tendered: number | null })[] = []
  let next = 0
  for (const line of lines) {
    const count = (line.applied > 0 ? 1 : 0) + (line.kept > 0 ? 1 : 0)
    rows.slice(next, next + count).forEach((row, index) => {
      // The change is what was tendered beyond the whole line, shown on its first row.
      const lineAmount = line.applied + line.kept
      result.push({ ...row, tendered: index === 0 && line.tendered ? line.tendered - lineAmount + row.amount : null })
    })
    next += count
  }
  return result
}

export interface CheckoutInput {
  store: number
  customer?: number
  newCustomer?: Omit<ResolveInput, 'store'>
  /** Lines typed or picked from the catalogue (`service`: its rate applies; else `taxRate` or the store's default). */
  items: BillLineInput[]
  discount: number
  complimentary: boolean
  /** Why a complimentary bill is free; kept on the bill and printed on the receipt. */
  complimentaryReason?: string | null
  /** The owner who approved it, when the store asks for approval. */
  complimentaryApprovedBy?: number | null
  /** `tendered`: cash handed over for a cash line; the change (tendered − amount) is given back. */
  payments: { method: PaymentMethod; amount: number; reference?: string | null; tendered?: number | null }[]
  useAdvance: number
  keepExcessAsAdvance: boolean
  /** An owner lets the sale take the customer above the credit limit, saying why (SPEC §9). */
  overrideCreditLimit?: CreditOverride | null
  notes?: string | null
}

/**
 * SPEC §3 rules 1–4 and 6 as one atomic checkout: the bill is posted, advances are used
 * FIFO, payments cover the new bill first and then older bills oldest first; an excess
 * beyond everything owed is refused unless kept as an advance. SPEC §9: a sale that would take
 * the customer's pending balance above the credit limit is refused before anything is
 * written (unless an owner overrides it), and a bill left with money due falls due after the
 * customer's (else the store's) pay-later terms.
 */
export async function checkout(db: Db, req: PayloadRequest, input: CheckoutInput) {
  const customerId = input.customer ?? (await resolveCustomer(db, req, { ...input.newCustomer!, store: input.store })).customer.id
  // The lock's one round trip also brings the receipt's header (the store's address and phone).
  const customer = await lockCustomerWithOpenItems(db, req, customerId)
  if (customer.storeId !== input.store) throw notFound('customer')

  const money = (minor: number) => formatMoney(minor, customer.store.currency, customer.store.locale)
  // SPEC §12: each line's rate (its catalogue service's, its own, or the store's default), then the bill's tax.
  const catalogue = servicesNamed(input.items).length > 0 ? await catalogueEntries(db, servicesNamed(input.items)) : new Map()
  const items = billLines(input.items, catalogue, { id: customer.storeId, defaultTaxRate: customer.store.defaultTaxRate })
  const totals = taxedBillOf(items, input.discount, input.complimentary, { store: customer.store, customer })
  if (!input.complimentary && input.discount > totals.subtotal) {
    throw new RuleError(`discount (${money(input.discount)}) cannot exceed the subtotal (${money(totals.subtotal)})`, 'discount', 400)
  }
  if (totals.subtotal > MAX_MINOR) throw new RuleError(`the subtotal exceeds ${MAX_MINOR} minor units`, 'items', 400)
  if (totals.total > MAX_MINOR) throw new RuleError(`the bill's total with tax exceeds ${MAX_MINOR} minor units`, 'items', 400)
  const plan = planCheckout({
    billTotal: totals.total,
    payments: input.payments.map((payment) => payment.amount),
    useAdvance: input.useAdvance,
    deposits: customer.deposits,
    openInvoices: customer.openInvoices,
    keepExcessAsAdvance: input.keepExcessAsAdvance,
    format: money,
  })
  const pendingAfter = customer.pendingBalance + plan.billDue - plan.appliedToPending
  const creditOverrideReason = enforceCreditLimit(req, customer, customer.pendingBalance, pendingAfter, input.overrideCreditLimit)
  const issueDay = todayIn(customer.store.timezone)
  const dueDay = plan.billDue > 0 ? billDueDay(issueDay, creditTermsFor(customer.creditTermsDays, customer.store.creditTermsDays)) : null
  const changeDue = input.payments.reduce((total, payment) => total + (payment.tendered ? payment.tendered - payment.amount : 0), 0)

  // What each payment line becomes: a payment applied to invoices, and/or a deposit.
  const lines = input.payments.map((payment, index) => {
    const toInvoices = plan.splits.filter((split) => split.payment === index && split.target.kind !== 'advance')
    const applied = toInvoices.reduce((total, split) => total + split.amount, 0)
    const kept = payment.amount - applied
    const references = lineReferences({ applied, kept, given: payment.reference?.trim() || null })
    return {
      method: payment.method,
      applied,
      kept,
      paymentReference: references.payment ?? null,
      depositReference: references.deposit ?? null,
      toInvoices: toInvoices.map((split) => ({ invoice: split.target.kind === 'invoice' ? split.target.id : null, amount: split.amount })),
      references,
      tendered: payment.tendered ?? null,
    }
  })
  // Everything from the draft bill to the refreshed balances is one round trip
  // (tally_checkout_post): it takes the store's numbering rows after the bill and its items
  // are written, so they stay locked for that call and the COMMIT only.
  const { bill, transactions, ...balances } = await postCheckout(db, {
    store: customer.storeId,
    customer: customer.id,
    createdBy: req.user?.id ?? null,
    numbering: invoiceNumbering(customer.store.invoicePrefix, Number(issueDay.slice(0, 4))),
    references: PAYMENT_REFERENCE,
    numberedReferences: numberedReferences(lines.map((line) => line.references)),
    bill: {
      subtotal: totals.subtotal,
      discount: totals.discount,
      total: totals.total,
      complimentary: input.complimentary,
      complimentaryReason: input.complimentary ? (input.complimentaryReason ?? null) : null,
      complimentaryApprovedBy: input.complimentary ? (input.complimentaryApprovedBy ?? null) : null,
      dueDate: dueDay ? storedDay(dueDay) : null,
      creditOverrideReason,
      notes: input.notes ?? null,
      taxTreatment: totals.treatment,
      pricesIncludeTax: totals.pricesIncludeTax,
      supplierGstin: totals.supplierGstin,
      customerGstin: totals.customerGstin,
      placeOfSupply: totals.placeOfSupply,
      taxTotal: totals.taxTotal,
      cgst: totals.cgst,
      sgst: totals.sgst,
      igst: totals.igst,
    },
    items: items.map((item, index) => ({
      id: randomBytes(12).toString('hex'),
      description: item.description,
      quantity: item.quantity,
      unitPrice: item.unitPrice,
      service: item.service,
      sac: item.sac,
      taxRate: totals.lines[index]!.taxRate,
      taxable: totals.lines[index]!.taxable,
      tax: totals.lines[index]!.tax,
    })),
    advanceUses: plan.advanceUses.map((use) => ({ deposit: use.id, amount: use.amount })),
    lines: lines.map(({ references: _references, tendered: _tendered, ...line }) => line),
  })
  // The same receipt GET /api/invoices/:id/receipt rebuilds from these rows (documents/billReceipt).
  const text = receiptText({
    store: { ...customer.store, ...customer.storeContact },
    bill: { ...bill, issueDate: issueDay, complimentaryReason: input.complimentaryReason ?? null },
    customer: { name: customer.name, phone: customer.phone },
    items,
    tax: taxDocument({ ...totals, currency: customer.store.currency, taxLabel: customer.store.taxLabel, treatment: totals.treatment }, money),
    payments: withTendered(transactions, lines),
    advanceUsed: input.useAdvance,
    appliedToPending: plan.appliedToPending,
    keptAsAdvance: plan.keptAsAdvance,
    pendingBalance: balances.pendingBalance,
    advanceBalance: balances.advanceBalance,
    notes: input.notes,
  })
  return {
    bill: { ...bill, dueDate: dueDay, creditOverrideReason },
    appliedToPending: plan.appliedToPending,
    advanceUsed: input.useAdvance,
    keptAsAdvance: plan.keptAsAdvance,
    changeDue,
    customer: {
      id: customer.id,
      name: customer.name,
      phone: customer.phone,
      ...balances,
      creditLimit: customer.creditLimit,
      availableCredit: availableCredit(customer.creditLimit, balances.pendingBalance),
    },
    transactions,
    receipt: { text },
  }
}
