/**
 * SPEC §1 and §4 as a table: every money-writing endpoint fed bad input. Each case must be
 * refused with the right 4xx (400 invalid input, 404 unknown or other store's id, 422 broken
 * business rule), in Payload's error shape, with the error naming the field — and nothing
 * may be written: the ledger's row counts are the same before and after.
 *
 * A case is [endpoint, what, change, expected status, field]. `change` sets dotted paths of
 * the endpoint's valid body (MISSING deletes one); RAW sends a malformed body as is; `at`
 * aims the request at another id. Each endpoint's valid body is exercised first (a control
 * that must succeed), so every refusal below is caused by the one thing a case changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { ApiResponse } from '../helpers/api'
import { sql } from '@payloadcms/db-postgres'

import { createStore, createUser, unique } from '../helpers/factories'
import { startSmtp, type TestSmtp } from '../helpers/smtp'
import { testPayload } from '../helpers/payload'
import { checkoutAs, expectLedgerClean, ledgerCounts, newCustomer, newPhone, newWorld, type World } from '../helpers/world'

type Role = 'owner' | 'cashier'
type Fx = Record<string, number>
const MISSING = Symbol('missing')
interface Change {
  /** Dotted paths of the valid body to overwrite (MISSING: remove). */
  set?: Record<string, unknown>
  /** Send this text as the body instead of JSON. */
  raw?: string
  /** Route template replacing the endpoint's target (`:name` = fixture id). */
  at?: string
}
type Expected = 400 | 404 | 409 | 422
type Case = readonly [endpoint: EndpointName, what: string, change: Change, status: Expected | readonly Expected[], field: string | RegExp]
/**
 * A create naming a store the user does not work in: refused as invalid (400 "store must be
 * one of your stores") or as unknown (404) — neither confirms that the store exists.
 */
const FOREIGN_STORE = [400, 404] as const

interface Endpoint {
  method: 'POST' | 'PATCH'
  /** Route of the bad cases; its target is never consumed because every case is refused. */
  path: string
  /** Route of the control (a fresh target when success consumes it). */
  controlPath?: string
  role: Role
  body: (fx: Fx) => Record<string, unknown>
  controlStatus: number
}

let world: World
const fx: Fx = {}
const item = (unitPrice: number) => ({ description: 'Service', quantity: 1, unitPrice })

const ENDPOINTS = {
  checkout: {
    method: 'POST',
    path: '/api/pos/checkout',
    role: 'cashier',
    body: (f) => ({ store: f.store, customer: f.customer, items: [item(1_000)], payments: [{ method: 'cash', amount: 1_000 }] }),
    controlStatus: 201,
  },
  collect: { method: 'POST', path: '/api/customers/:customer/collect', role: 'cashier', body: () => ({ amount: 100, method: 'cash' }), controlStatus: 201 },
  advances: { method: 'POST', path: '/api/customers/:customer/advances', role: 'cashier', body: () => ({ amount: 100, method: 'cash' }), controlStatus: 201 },
  customerPayments: { method: 'POST', path: '/api/customers/:customer/payments', role: 'cashier', body: () => ({ amount: 100, method: 'upi' }), controlStatus: 201 },
  resolve: { method: 'POST', path: '/api/customers/resolve', role: 'cashier', body: (f) => ({ store: f.store, phone: newPhone(), name: unique('Walk-in') }), controlStatus: 201 },
  invoicePayments: { method: 'POST', path: '/api/invoices/:openInvoice/payments', role: 'owner', body: () => ({ amount: 100, method: 'bank_transfer' }), controlStatus: 201 },
  markPaid: {
    method: 'POST',
    path: '/api/invoices/:openInvoice/mark-paid',
    controlPath: '/api/invoices/:new.open/mark-paid',
    role: 'owner',
    body: () => ({ method: 'cash' }),
    controlStatus: 201,
  },
  void: {
    method: 'POST',
    path: '/api/invoices/:openInvoice/void',
    controlPath: '/api/invoices/:new.open/void',
    role: 'owner',
    body: () => ({ reason: 'typo' }),
    controlStatus: 200,
  },
  post: { method: 'POST', path: '/api/invoices/:draft/post', controlPath: '/api/invoices/:new.draft/post', role: 'owner', body: () => ({}), controlStatus: 200 },
  transactions: {
    method: 'POST',
    path: '/api/transactions',
    role: 'owner',
    body: (f) => ({ store: f.store, type: 'income', kind: 'payment', amount: 100, method: 'cash', customer: f.customer }),
    controlStatus: 201,
  },
  invoices: {
    method: 'POST',
    path: '/api/invoices',
    role: 'owner',
    body: (f) => ({ store: f.store, customer: f.customer, items: [item(5_000)], status: 'open' }),
    controlStatus: 201,
  },
  bookings: {
    method: 'POST',
    path: '/api/bookings',
    role: 'cashier',
    body: (f) => ({ store: f.store, kind: 'appointment', phone: newPhone(), customerName: unique('Caller'), advanceAmount: 1_000, paymentMode: 'cash' }),
    controlStatus: 201,
  },
  applyAdvance: { method: 'POST', path: '/api/invoices/:openInvoice/apply-advance', role: 'cashier', body: () => ({ amount: 100 }), controlStatus: 201 },
  unapply: {
    method: 'POST',
    path: '/api/allocations/:allocation/unapply',
    controlPath: '/api/allocations/:new.allocation/unapply',
    role: 'owner',
    body: () => ({ reason: 'paid for another invoice' }),
    controlStatus: 201,
  },
  match: { method: 'POST', path: '/api/transactions/:unmatchedPayment/match', role: 'owner', body: (f) => ({ invoice: f.matchInvoice, amount: 1 }), controlStatus: 201 },
  customers: { method: 'POST', path: '/api/customers', role: 'cashier', body: (f) => ({ store: f.store, name: unique('Typed'), phone: newPhone() }), controlStatus: 201 },
  // SPEC §9, after the sale (owners)
  refund: { method: 'POST', path: '/api/advance-payments/:deposit/refund', role: 'owner', body: () => ({ amount: 100, method: 'cash', reason: 'cancelled' }), controlStatus: 201 },
  writeOff: {
    method: 'POST',
    path: '/api/invoices/:openInvoice/write-off',
    controlPath: '/api/invoices/:new.open/write-off',
    role: 'owner',
    body: () => ({ reason: 'moved away' }),
    controlStatus: 201,
  },
  creditNote: { method: 'POST', path: '/api/invoices/:openInvoice/credit-notes', role: 'owner', body: () => ({ amount: 100, reason: 'price corrected' }), controlStatus: 201 },
  expire: { method: 'POST', path: '/api/advance-payments/expire', role: 'owner', body: (f) => ({ store: f.store }), controlStatus: 200 },
  storeSettings: {
    method: 'PATCH',
    path: '/api/stores/:store',
    role: 'owner',
    body: () => ({ creditTermsDays: 7, defaultCreditLimit: 100_000, advanceExpiryMonths: 12 }),
    controlStatus: 200,
  },
  services: {
    method: 'POST',
    path: '/api/services',
    role: 'owner',
    body: (f) => ({ store: f.store, name: unique('Facial'), sac: '999722', price: 150_000, taxRate: 1800 }),
    controlStatus: 201,
  },
  // SPEC §10: not money, but the same rules for bad input (the email controls reach this file's SMTP server).
  shareLinks: { method: 'POST', path: '/api/share-links', role: 'cashier', body: (f) => ({ document: 'invoice', id: f.openInvoice, expiresInDays: 7 }), controlStatus: 201 },
  invoiceEmail: { method: 'POST', path: '/api/invoices/:openInvoice/email', role: 'owner', body: () => ({ email: 'bad-input@example.com' }), controlStatus: 200 },
  statementEmail: {
    method: 'POST',
    path: '/api/customers/:customer/statement/email',
    role: 'owner',
    body: () => ({ email: 'bad-input@example.com', from: '2026-01-01', to: '2026-01-31' }),
    controlStatus: 200,
  },
} satisfies Record<string, Endpoint>
type EndpointName = keyof typeof ENDPOINTS

// ---------------------------------------------------------------------------------------------
// Case generators
// ---------------------------------------------------------------------------------------------

/** SPEC §1: negative, zero (where not allowed), fractions, strings, above 10^12, NaN-ish, missing. */
function badAmounts(endpoint: EndpointName, field: string, { allowZero = false, optional = false } = {}): Case[] {
  const cases: [string, unknown][] = [
    ['negative', -100],
    ['fraction of a minor unit 1.5', 1.5],
    ['numeric string "600"', '600'],
    ['string "abc"', 'abc'],
    ['huge 1e13', 1e13],
    ['just above 10^12', 1_000_000_000_001],
    ['boolean true', true],
    ['an object', { value: 100 }],
  ]
  if (!allowZero) cases.splice(1, 0, ['zero', 0])
  // An optional amount may be left out or null ("none"); a required one may not.
  if (!optional) cases.push(['null', null], ['missing', MISSING])
  return cases.map(([what, value]) => [endpoint, `${field}: ${what}`, { set: { [field]: value } }, 400, field] as const)
}

function badMethods(endpoint: EndpointName, field = 'method', { wallet = true } = {}): Case[] {
  const cases: Case[] = [
    [endpoint, `${field}: "bitcoin"`, { set: { [field]: 'bitcoin' } }, 400, field],
    [endpoint, `${field}: missing`, { set: { [field]: MISSING } }, 400, field],
    [endpoint, `${field}: 42`, { set: { [field]: 42 } }, 400, field],
  ]
  if (wallet) cases.push([endpoint, `${field}: "wallet" (advances are used through useAdvance)`, { set: { [field]: 'wallet' } }, 400, field])
  return cases
}

const malformed = (endpoint: EndpointName): Case[] => [
  [endpoint, 'malformed JSON body', { raw: '{"amount": 100, "method": ' }, 400, /json/i],
  // well-formed JSON of the wrong shape: any field may be named, the status must be 400
  [endpoint, 'body is a JSON array', { raw: '[1, 2]' }, 400, /\w/],
]

const unknownCustomer = (endpoint: EndpointName, suffix = ''): Case[] => [
  [endpoint, 'unknown customer id 999999', { at: `/api/customers/999999${suffix}` }, 404, 'customer'],
  [endpoint, "other store's customer", { at: `/api/customers/:customerB${suffix}` }, 404, 'customer'],
  [endpoint, 'customer id "abc"', { at: `/api/customers/abc${suffix}` }, 400, /id/],
]

const unknownInvoice = (endpoint: EndpointName, suffix: string): Case[] => [
  [endpoint, 'unknown invoice id 999999', { at: `/api/invoices/999999/${suffix}` }, 404, 'invoice'],
  [endpoint, "other store's invoice", { at: `/api/invoices/:invoiceB/${suffix}` }, 404, 'invoice'],
]

/** A reason kept on the ledger row (SPEC §9): required text, at most 300 characters. */
const badReasons = (endpoint: EndpointName): Case[] => [
  [endpoint, 'reason: missing', { set: { reason: MISSING } }, 400, 'reason'],
  [endpoint, 'reason: blank', { set: { reason: '   ' } }, 400, 'reason'],
  [endpoint, 'reason: 301 characters', { set: { reason: 'x'.repeat(301) } }, 400, 'reason'],
  [endpoint, 'reason: a number', { set: { reason: 42 } }, 400, 'reason'],
]

/** A setting in whole units between bounds (PATCH /api/stores/:id). */
const badWholeNumbers = (field: string, low: number, high: number, { nullable }: { nullable: boolean }): Case[] => [
  ['storeSettings', `${field}: ${low - 1}`, { set: { [field]: low - 1 } }, 400, field],
  ['storeSettings', `${field}: ${high + 1}`, { set: { [field]: high + 1 } }, 400, field],
  ['storeSettings', `${field}: 1.5`, { set: { [field]: 1.5 } }, 400, field],
  ['storeSettings', `${field}: "7"`, { set: { [field]: '7' } }, 400, field],
  ...(nullable ? [] : ([['storeSettings', `${field}: null`, { set: { [field]: null } }, 400, field]] as Case[])),
]

// ---------------------------------------------------------------------------------------------
// The table
// ---------------------------------------------------------------------------------------------

const CASES: Case[] = [
  // POST /api/share-links
  ['shareLinks', 'document: missing', { set: { document: MISSING } }, 400, 'document'],
  ['shareLinks', 'document: "receipt"', { set: { document: 'receipt' } }, 400, 'document'],
  ['shareLinks', 'document: 42', { set: { document: 42 } }, 400, 'document'],
  ['shareLinks', 'id: missing', { set: { id: MISSING } }, 400, 'id'],
  ['shareLinks', 'id: "abc"', { set: { id: 'abc' } }, 400, 'id'],
  ['shareLinks', 'id: 0', { set: { id: 0 } }, 400, 'id'],
  ['shareLinks', 'id: 1.5', { set: { id: 1.5 } }, 400, 'id'],
  ['shareLinks', 'expiresInDays: 0', { set: { expiresInDays: 0 } }, 400, 'expiresInDays'],
  ['shareLinks', 'expiresInDays: 366', { set: { expiresInDays: 366 } }, 400, 'expiresInDays'],
  ['shareLinks', 'expiresInDays: 1.5', { set: { expiresInDays: 1.5 } }, 400, 'expiresInDays'],
  ['shareLinks', 'expiresInDays: "7"', { set: { expiresInDays: '7' } }, 400, 'expiresInDays'],
  ['shareLinks', 'expiresInDays: null', { set: { expiresInDays: null } }, 400, 'expiresInDays'],
  ['shareLinks', 'unknown invoice 999999', { set: { id: 999_999 } }, 404, 'id'],
  ['shareLinks', "other store's invoice", { set: { id: ':invoiceB' } }, 404, 'id'],
  ['shareLinks', "other store's customer's statement", { set: { document: 'statement', id: ':customerB' } }, 404, 'id'],
  ['shareLinks', 'a draft invoice', { set: { id: ':draft' } }, 422, 'id'],
  ...malformed('shareLinks'),
  // POST /api/invoices/:id/email and /api/customers/:id/statement/email (owners)
  ['invoiceEmail', 'email: "not-an-address"', { set: { email: 'not-an-address' } }, 400, 'email'],
  ['invoiceEmail', 'email: 42', { set: { email: 42 } }, 400, 'email'],
  ['invoiceEmail', 'unknown invoice 999999', { at: '/api/invoices/999999/email' }, 404, 'invoice'],
  ['invoiceEmail', "other store's invoice", { at: '/api/invoices/:invoiceB/email' }, 404, 'invoice'],
  ['invoiceEmail', 'a draft', { at: '/api/invoices/:draft/email' }, 404, 'invoice'],
  ...malformed('invoiceEmail'),
  ['statementEmail', 'email: "a@"', { set: { email: 'a@' } }, 400, 'email'],
  ['statementEmail', 'from: 2026-02-30', { set: { from: '2026-02-30' } }, 400, 'from'],
  ['statementEmail', 'to: "yesterday"', { set: { to: 'yesterday' } }, 400, 'to'],
  ['statementEmail', 'from after to', { set: { from: '2026-02-01', to: '2026-01-01' } }, 400, 'from'],
  ['statementEmail', 'unknown customer 999999', { at: '/api/customers/999999/statement/email' }, 404, 'id'],
  ['statementEmail', "other store's customer", { at: '/api/customers/:customerB/statement/email' }, 404, 'id'],
  ...malformed('statementEmail'),
  // POST /api/pos/checkout
  ...badAmounts('checkout', 'payments.0.amount'),
  ...badAmounts('checkout', 'items.0.unitPrice', { allowZero: true }),
  ...badAmounts('checkout', 'discount', { allowZero: true, optional: true }),
  ...badAmounts('checkout', 'useAdvance', { allowZero: true, optional: true }),
  ['checkout', 'items.0.quantity: 0', { set: { 'items.0.quantity': 0 } }, 400, 'items.0.quantity'],
  ['checkout', 'items.0.quantity: -1', { set: { 'items.0.quantity': -1 } }, 400, 'items.0.quantity'],
  ['checkout', 'items.0.quantity: "2"', { set: { 'items.0.quantity': '2' } }, 400, 'items.0.quantity'],
  ['checkout', 'items.0.quantity: null', { set: { 'items.0.quantity': null } }, 400, 'items.0.quantity'],
  ['checkout', 'items: missing', { set: { items: MISSING } }, 400, 'items'],
  ['checkout', 'items: []', { set: { items: [] } }, 400, 'items'],
  ['checkout', 'items: "haircut"', { set: { items: 'haircut' } }, 400, 'items'],
  ['checkout', 'payments: { cash: 1000 } (not a list)', { set: { payments: { cash: 1_000 } } }, 400, 'payments'],
  ...badMethods('checkout', 'payments.0.method'),
  ['checkout', 'customer: unknown id 999999', { set: { customer: 999_999 } }, 404, 'customer'],
  ['checkout', "customer: other store's customer", { set: { customer: ':customerB' } }, 404, 'customer'],
  ['checkout', 'customer: "abc"', { set: { customer: 'abc' } }, 400, 'customer'],
  ['checkout', 'customer: "12" (numeric string)', { set: { customer: '12' } }, 400, 'customer'],
  ['checkout', 'customer: missing, no newCustomer', { set: { customer: MISSING } }, 400, 'customer'],
  ['checkout', 'store: missing', { set: { store: MISSING } }, 400, 'store'],
  ['checkout', "store: other store's id", { set: { store: ':storeB' } }, FOREIGN_STORE, /store|customer/],
  ['checkout', 'store: unknown id 999999', { set: { store: 999_999 } }, 404, /store|customer/],
  ['checkout', 'newCustomer.phone: "12"', { set: { customer: MISSING, newCustomer: { phone: '12', name: 'Short' } } }, 400, /phone/],
  ['checkout', 'newCustomer.phone: missing', { set: { customer: MISSING, newCustomer: { name: 'No phone' } } }, 400, /phone/],
  ['checkout', 'newCustomer in the other store', { set: { customer: MISSING, store: ':storeB', newCustomer: { phone: '98111 00000' } } }, FOREIGN_STORE, /store|customer/],
  ['checkout', 'discount above the subtotal', { set: { discount: 1_001, payments: [] } }, 400, 'discount'],
  ['checkout', 'complimentary with a payment', { set: { complimentary: true } }, 400, 'complimentary'],
  ['checkout', 'complimentary: "yes"', { set: { complimentary: 'yes', payments: [] } }, 400, 'complimentary'],
  ['checkout', 'keepExcessAsAdvance: "yes"', { set: { keepExcessAsAdvance: 'yes' } }, 400, 'keepExcessAsAdvance'],
  ['checkout', 'useAdvance above the advance balance (422)', { set: { 'items.0.unitPrice': 50_000, useAdvance: 20_000, payments: [] } }, 422, 'useAdvance'],
  ['checkout', 'payments beyond everything owed (422)', { set: { 'payments.0.amount': 900_000_000 } }, 422, /payments|exceed/],
  // SPEC §12: a line's rate, SAC and catalogue service
  ['checkout', 'items.0.taxRate: -1', { set: { 'items.0.taxRate': -1 } }, 400, 'items.0.taxRate'],
  ['checkout', 'items.0.taxRate: 18.5 (not whole basis points)', { set: { 'items.0.taxRate': 18.5 } }, 400, 'items.0.taxRate'],
  ['checkout', 'items.0.taxRate: 10001 (above 100 %)', { set: { 'items.0.taxRate': 10_001 } }, 400, 'items.0.taxRate'],
  ['checkout', 'items.0.taxRate: "18%"', { set: { 'items.0.taxRate': '18%' } }, 400, 'items.0.taxRate'],
  ['checkout', 'items.0.sac: "haircut"', { set: { 'items.0.sac': 'haircut' } }, 400, 'items.0.sac'],
  ['checkout', 'items.0.service: "abc"', { set: { 'items.0.service': 'abc' } }, 400, 'items.0.service'],
  ['checkout', 'items.0.service: unknown id 999999', { set: { 'items.0.service': 999_999 } }, 404, 'items.0.service'],
  ['checkout', "items.0.service: other store's", { set: { 'items.0.service': ':serviceB' } }, 404, 'items.0.service'],
  ['checkout', 'items.0.service: retired (422)', { set: { 'items.0.service': ':retiredService' } }, 422, 'items.0.service'],
  ['checkout', 'items.0.taxRate other than the service’s', { set: { 'items.0.service': ':service', 'items.0.taxRate': 500 } }, 400, 'items.0.taxRate'],
  ['checkout', 'items.0 without description or service', { set: { 'items.0.description': MISSING } }, 400, 'items.0.description'],
  ['checkout', 'items.0 without unitPrice or service', { set: { 'items.0.unitPrice': MISSING } }, 400, 'items.0.unitPrice'],
  ['checkout', 'newCustomer.gstin: bad check character', { set: { customer: MISSING, newCustomer: { phone: newPhone(), gstin: '29AAGCB7383J1Z5' } } }, 400, 'gstin'],
  // issue 12 #2: SPEC §1 bounds every amount, so also a line total and the subtotal
  ['checkout', 'a line of 1,000 × 10^12 (10^15)', { set: { 'items.0.quantity': 1_000, 'items.0.unitPrice': 1_000_000_000_000 } }, 400, /items\.0/],
  ['checkout', 'a line of 1.5 × 10^12', { set: { 'items.0.quantity': 1.5, 'items.0.unitPrice': 1_000_000_000_000, payments: [] } }, 400, /items\.0/],
  ['checkout', 'a subtotal above 10^12 (two lines of 6·10^11)', { set: { items: [item(600_000_000_000), item(600_000_000_000)], payments: [] } }, 400, 'items'],
  ['checkout', 'eleven split payments', { set: { payments: Array.from({ length: 11 }, () => ({ method: 'cash', amount: 1 })) } }, 400, 'payments'],
  ...malformed('checkout'),

  // POST /api/customers/:id/collect
  ...badAmounts('collect', 'amount'),
  ...badMethods('collect'),
  ...unknownCustomer('collect', '/collect'),
  ['collect', 'date: "tomorrow"', { set: { date: 'tomorrow' } }, 400, 'date'],
  ['collect', 'date: "2026-02-30"', { set: { date: '2026-02-30' } }, 400, 'date'],
  ['collect', 'reference: 65 characters', { set: { reference: 'R'.repeat(65) } }, 400, 'reference'],
  ['collect', 'more than the pending balance (422)', { set: { amount: 900_000_000 } }, 422, 'amount'],
  ...malformed('collect'),

  // POST /api/customers/:id/advances
  ...badAmounts('advances', 'amount'),
  ...badMethods('advances'),
  ...unknownCustomer('advances', '/advances'),
  ['advances', 'referenceType: "enquiry"', { set: { referenceType: 'enquiry' } }, 400, 'referenceType'],
  ['advances', 'referenceType: "bogus"', { set: { referenceType: 'bogus' } }, 400, 'referenceType'],
  ...malformed('advances'),

  // POST /api/customers/:id/payments
  ...badAmounts('customerPayments', 'amount'),
  ...badMethods('customerPayments'),
  ...unknownCustomer('customerPayments', '/payments'),
  ['customerPayments', 'date: "yesterday"', { set: { date: 'yesterday' } }, 400, 'date'],
  ['customerPayments', 'keepExcessAsAdvance: "yes"', { set: { keepExcessAsAdvance: 'yes' } }, 400, 'keepExcessAsAdvance'],
  ['customerPayments', 'more than the pending balance (422)', { set: { amount: 900_000_000 } }, 422, 'amount'],
  ...malformed('customerPayments'),

  // POST /api/customers/resolve (creates the customer a bill is written to)
  ['resolve', 'phone: "12"', { set: { phone: '12' } }, 400, 'phone'],
  ['resolve', 'phone: "abc"', { set: { phone: 'abc' } }, 400, 'phone'],
  ['resolve', 'phone: ""', { set: { phone: '' } }, 400, 'phone'],
  ['resolve', 'phone: missing', { set: { phone: MISSING } }, 400, 'phone'],
  ['resolve', 'phone: 9876543210 (a number)', { set: { phone: 9_876_543_210 } }, 400, 'phone'],
  ['resolve', 'phone: null', { set: { phone: null } }, 400, 'phone'],
  ['resolve', 'store: unknown id 999999', { set: { store: 999_999 } }, 404, 'store'],
  ['resolve', "store: other store's id", { set: { store: ':storeB' } }, FOREIGN_STORE, 'store'],
  ['resolve', 'store: missing', { set: { store: MISSING } }, 400, 'store'],
  ['resolve', 'store: "1"', { set: { store: '1' } }, 400, 'store'],
  ['resolve', 'email: "not-an-email"', { set: { email: 'not-an-email' } }, 400, 'email'],
  ['resolve', 'gender: "robot"', { set: { gender: 'robot' } }, 400, 'gender'],
  ['resolve', 'gstin: "27AAPFU0939F1ZW" (check character)', { set: { gstin: '27AAPFU0939F1ZW' } }, 400, 'gstin'],
  ['resolve', 'gstin: "GSTIN"', { set: { gstin: 'GSTIN' } }, 400, 'gstin'],
  ['resolve', 'gstin: 27 (a number)', { set: { gstin: 27 } }, 400, 'gstin'],
  ['resolve', 'stateCode: "99"', { set: { stateCode: '99' } }, 400, 'stateCode'],
  ['resolve', 'stateCode other than the GSTIN’s', { set: { gstin: '29AAGCB7383J1Z4', stateCode: '27' } }, 400, 'stateCode'],
  ...malformed('resolve'),

  // POST /api/invoices/:id/payments
  ...badAmounts('invoicePayments', 'amount'),
  ...badMethods('invoicePayments'),
  ...unknownInvoice('invoicePayments', 'payments'),
  ['invoicePayments', 'invoice id "abc"', { at: '/api/invoices/abc/payments' }, 400, /id/],
  ['invoicePayments', 'date: "31/12/2026"', { set: { date: '31/12/2026' } }, 400, 'date'],
  ['invoicePayments', 'more than the amount due (422)', { set: { amount: 50_000_001 } }, 422, 'amount'],
  ['invoicePayments', 'a draft invoice (422)', { at: '/api/invoices/:draft/payments' }, 422, 'status'],
  ['invoicePayments', 'a paid invoice (422)', { at: '/api/invoices/:paidInvoice/payments' }, 422, /amount|status/],
  ['invoicePayments', 'a void invoice (422)', { at: '/api/invoices/:voidInvoice/payments' }, 422, 'status'],
  ...malformed('invoicePayments'),

  // POST /api/invoices/:id/mark-paid
  ...badMethods('markPaid'),
  ...unknownInvoice('markPaid', 'mark-paid'),
  ['markPaid', 'date: "soon"', { set: { date: 'soon' } }, 400, 'date'],
  ['markPaid', 'a draft invoice (422)', { at: '/api/invoices/:draft/mark-paid' }, 422, 'status'],
  ['markPaid', 'a paid invoice (422)', { at: '/api/invoices/:paidInvoice/mark-paid' }, 422, /amount|status/],
  ['markPaid', 'a void invoice (422)', { at: '/api/invoices/:voidInvoice/mark-paid' }, 422, 'status'],
  ...malformed('markPaid'),

  // POST /api/invoices/:id/void
  ...unknownInvoice('void', 'void'),
  ['void', 'reason: 301 characters', { set: { reason: 'x'.repeat(301) } }, 400, 'reason'],
  ['void', 'reason: 42', { set: { reason: 42 } }, 400, 'reason'],
  ...malformed('void'),

  // POST /api/invoices/:id/post
  ...unknownInvoice('post', 'post'),
  ['post', 'an already posted invoice (422)', { at: '/api/invoices/:openInvoice/post' }, 422, 'status'],
  ...malformed('post'),

  // POST /api/transactions (a logged customer payment)
  ...badAmounts('transactions', 'amount'),
  ...badMethods('transactions', 'method', { wallet: true }),
  ['transactions', 'customer: unknown id 999999', { set: { customer: 999_999 } }, 404, 'customer'],
  ['transactions', "customer: other store's customer", { set: { customer: ':customerB' } }, 404, 'customer'],
  ['transactions', 'customer: missing on income', { set: { customer: MISSING } }, 400, 'customer'],
  ['transactions', "invoice: other store's invoice", { set: { invoice: ':invoiceB' } }, 404, 'invoice'],
  ['transactions', 'invoice: unknown id 999999', { set: { invoice: 999_999 } }, 404, 'invoice'],
  ['transactions', 'kind: "reversal" (not loggable)', { set: { kind: 'reversal' } }, 400, 'kind'],
  ['transactions', 'type: "gift"', { set: { type: 'gift' } }, 400, 'type'],
  ['transactions', "store: other store's id", { set: { store: ':storeB' } }, FOREIGN_STORE, 'store'],
  ...malformed('transactions'),

  // POST /api/invoices
  ...badAmounts('invoices', 'items.0.unitPrice', { allowZero: true }),
  ...badAmounts('invoices', 'discount', { allowZero: true, optional: true }),
  ['invoices', 'items.0.quantity: 0', { set: { 'items.0.quantity': 0 } }, 400, 'items.0.quantity'],
  ['invoices', 'items.0.quantity: "abc"', { set: { 'items.0.quantity': 'abc' } }, 400, 'items.0.quantity'],
  ['invoices', 'discount above the subtotal', { set: { discount: 5_001 } }, 400, 'discount'],
  ['invoices', 'customer: unknown id 999999', { set: { customer: 999_999 } }, 404, 'customer'],
  ['invoices', "customer: other store's customer", { set: { customer: ':customerB' } }, 404, 'customer'],
  ['invoices', "a draft for the other store's customer", { set: { customer: ':customerB', status: 'draft' } }, 404, 'customer'],
  ['invoices', 'customer: missing', { set: { customer: MISSING } }, 400, 'customer'],
  ['invoices', "store: other store's id", { set: { store: ':storeB' } }, FOREIGN_STORE, 'store'],
  ['invoices', 'status: "paid" at creation', { set: { status: 'paid' } }, 400, 'status'],
  ...malformed('invoices'),

  // POST /api/bookings (an advance is money)
  ...badAmounts('bookings', 'advanceAmount', { allowZero: true, optional: true }),
  ...badAmounts('bookings', 'services.0.price', { allowZero: true }).map(
    ([endpoint, what, change, status, field]) => [endpoint, what, { set: { services: [{ description: 'Cut', price: 100 }], ...change.set } }, status, field] as const,
  ),
  ['bookings', 'paymentMode: "bitcoin"', { set: { paymentMode: 'bitcoin' } }, 400, 'paymentMode'],
  ['bookings', 'paymentMode: "wallet"', { set: { paymentMode: 'wallet' } }, 400, 'paymentMode'],
  ['bookings', 'advance without paymentMode', { set: { paymentMode: MISSING } }, 400, 'paymentMode'],
  ['bookings', 'phone: "12"', { set: { phone: '12' } }, 400, 'phone'],
  ['bookings', 'phone: missing', { set: { phone: MISSING } }, 400, 'phone'],
  ['bookings', 'an enquiry with an advance', { set: { kind: 'enquiry' } }, 400, 'advanceAmount'],
  ['bookings', "store: other store's id", { set: { store: ':storeB' } }, FOREIGN_STORE, 'store'],
  ...malformed('bookings'),

  // POST /api/invoices/:id/apply-advance (SPEC §9a)
  ...badAmounts('applyAdvance', 'amount', { optional: true }),
  ...unknownInvoice('applyAdvance', 'apply-advance'),
  ['applyAdvance', 'invoice id "abc"', { at: '/api/invoices/abc/apply-advance' }, 400, /id/],
  ['applyAdvance', 'more than the advance balance (422)', { set: { amount: 900_000 } }, 422, 'amount'],
  ['applyAdvance', 'more than the amount due (422)', { at: '/api/invoices/:smallInvoice/apply-advance', set: { amount: 5_000 } }, 422, 'amount'],
  ['applyAdvance', 'a draft invoice (422)', { at: '/api/invoices/:draft/apply-advance' }, 422, 'status'],
  ['applyAdvance', 'a void invoice (422)', { at: '/api/invoices/:voidInvoice/apply-advance' }, 422, 'status'],
  ['applyAdvance', 'a paid invoice (422)', { at: '/api/invoices/:paidInvoice/apply-advance' }, 422, 'amount'],
  ...malformed('applyAdvance'),

  // POST /api/allocations/:id/unapply (SPEC §9a)
  ['unapply', 'reason: missing', { set: { reason: MISSING } }, 400, 'reason'],
  ['unapply', 'reason: ""', { set: { reason: '' } }, 400, 'reason'],
  ['unapply', 'reason: "ok" (too short to say why)', { set: { reason: 'ok' } }, 400, 'reason'],
  ['unapply', 'reason: 301 characters', { set: { reason: 'x'.repeat(301) } }, 400, 'reason'],
  ['unapply', 'reason: 42', { set: { reason: 42 } }, 400, 'reason'],
  ['unapply', 'unknown allocation 999999', { at: '/api/allocations/999999/unapply' }, 404, 'allocation'],
  ['unapply', "other store's allocation", { at: '/api/allocations/:allocationB/unapply' }, 404, 'allocation'],
  ['unapply', 'allocation id "abc"', { at: '/api/allocations/abc/unapply' }, 400, /id/],
  ['unapply', 'a reversing row (422)', { at: '/api/allocations/:reversingAllocation/unapply' }, 422, 'allocation'],
  ['unapply', 'an allocation already taken off (409)', { at: '/api/allocations/:voidedAllocation/unapply' }, 409, 'allocation'],
  ...malformed('unapply'),

  // POST /api/transactions/:id/match
  ...badAmounts('match', 'amount', { optional: true }),
  ['match', "invoice: other store's invoice (answers like an unknown one)", { set: { invoice: ':invoiceB' } }, 404, 'invoice'],
  ['match', 'invoice: unknown id 999999', { set: { invoice: 999_999 } }, 404, 'invoice'],
  ['match', 'invoice: "abc"', { set: { invoice: 'abc' } }, 400, 'invoice'],
  ['match', 'invoice: missing', { set: { invoice: MISSING } }, 400, 'invoice'],
  ['match', 'transaction: unknown id 999999', { at: '/api/transactions/999999/match' }, 404, 'transaction'],
  ['match', "transaction: other store's payment", { at: '/api/transactions/:paymentB/match' }, 404, 'transaction'],
  // scope before kind: another store's deposit is unknown (404), this store's is the wrong kind (422)
  ['match', "transaction: other store's deposit", { at: '/api/transactions/:depositTransactionB/match' }, 404, 'transaction'],
  ['match', "transaction: this store's deposit (422)", { at: '/api/transactions/:depositTransaction/match' }, 422, 'transaction'],
  ['match', 'transaction id "abc"', { at: '/api/transactions/abc/match' }, 400, /id/],
  ['match', 'more than the unmatched amount (422)', { set: { amount: 900_000 } }, 422, 'amount'],
  ['match', "another customer's invoice (422)", { set: { invoice: ':openInvoice' } }, 422, 'invoice'],
  ['match', 'a reversed payment (422)', { at: '/api/transactions/:reversedPayment/match' }, 422, 'transaction'],
  ...malformed('match'),

  // POST /api/customers
  ['customers', 'phone: "12"', { set: { phone: '12' } }, 400, 'phone'],
  ['customers', 'phone: missing', { set: { phone: MISSING } }, 400, 'phone'],
  ['customers', 'phone: the phone of an existing customer', { set: { phone: ':phone' } }, 400, 'phone'],
  ['customers', "store: other store's id", { set: { store: ':storeB' } }, FOREIGN_STORE, 'store'],
  ['customers', 'gstin: bad check character', { set: { gstin: '29AAGCB7383J1Z5' } }, 400, 'gstin'],
  ['customers', 'gstin: 16 characters', { set: { gstin: '29AAGCB7383J1Z44' } }, 400, 'gstin'],
  ['customers', 'stateCode: "KA"', { set: { stateCode: 'KA' } }, 400, 'stateCode'],
  ...malformed('customers'),

  // POST /api/advance-payments/:id/refund (SPEC §9)
  ...badAmounts('refund', 'amount'),
  ...badMethods('refund'),
  ...badReasons('refund'),
  ['refund', 'amount above what remains of the deposit', { set: { amount: 10_000_000 } }, 422, 'amount'],
  ['refund', 'unknown deposit id 999999', { at: '/api/advance-payments/999999/refund' }, 404, 'advancePayment'],
  ['refund', "other store's deposit", { at: '/api/advance-payments/:depositB/refund' }, 404, 'advancePayment'],
  ['refund', 'deposit id "abc"', { at: '/api/advance-payments/abc/refund' }, 400, /id/],
  ...malformed('refund'),

  // POST /api/invoices/:id/write-off (SPEC §9)
  ...badReasons('writeOff'),
  ['writeOff', 'a paid invoice: nothing is due', { at: '/api/invoices/:paidInvoice/write-off' }, 422, 'invoice'],
  ['writeOff', 'a void invoice', { at: '/api/invoices/:voidInvoice/write-off' }, 422, 'invoice'],
  ['writeOff', 'a draft', { at: '/api/invoices/:draft/write-off' }, 422, 'invoice'],
  ...unknownInvoice('writeOff', 'write-off'),
  ...malformed('writeOff'),

  // POST /api/invoices/:id/credit-notes (SPEC §9)
  ...badAmounts('creditNote', 'amount'),
  ...badReasons('creditNote'),
  ['creditNote', 'more than the amount due (a paid invoice: void or reverse instead)', { at: '/api/invoices/:paidInvoice/credit-notes' }, 422, 'amount'],
  ['creditNote', 'more than the amount due', { at: '/api/invoices/:smallInvoice/credit-notes', set: { amount: 2_001 } }, 422, 'amount'],
  ['creditNote', 'a void invoice', { at: '/api/invoices/:voidInvoice/credit-notes' }, 422, 'invoice'],
  ['creditNote', 'a draft', { at: '/api/invoices/:draft/credit-notes' }, 422, 'invoice'],
  ...unknownInvoice('creditNote', 'credit-notes'),
  ...malformed('creditNote'),

  // POST /api/advance-payments/expire (SPEC §9)
  ['expire', 'store: "abc"', { set: { store: 'abc' } }, 400, 'store'],
  ['expire', 'store: unknown 999999', { set: { store: 999_999 } }, 404, 'store'],
  ['expire', "store: another owner's", { set: { store: ':storeB' } }, 404, 'store'],
  ['expire', 'an unknown field', { set: { everything: true } }, 400, /everything|unrecognized/i],
  ...malformed('expire'),

  // PATCH /api/stores/:id — credit, terms and expiry settings (SPEC §9)
  ...badWholeNumbers('creditTermsDays', 0, 365, { nullable: false }),
  ...badWholeNumbers('advanceExpiryMonths', 1, 120, { nullable: true }),
  ['storeSettings', 'defaultCreditLimit: -1', { set: { defaultCreditLimit: -1 } }, 400, 'defaultCreditLimit'],
  ['storeSettings', 'defaultCreditLimit: 1.5', { set: { defaultCreditLimit: 1.5 } }, 400, 'defaultCreditLimit'],
  ['storeSettings', 'defaultCreditLimit: above 10^12', { set: { defaultCreditLimit: 1_000_000_000_001 } }, 400, 'defaultCreditLimit'],
  ['storeSettings', 'defaultCreditLimit: "5000"', { set: { defaultCreditLimit: '5000' } }, 400, 'defaultCreditLimit'],
  ['storeSettings', 'currency changed after ledger rows', { set: { currency: 'USD' } }, 422, 'currency'],
  ['storeSettings', 'invoicePrefix changed after ledger rows', { set: { invoicePrefix: 'NEW' } }, 422, 'invoicePrefix'],
  ['storeSettings', "another owner's store", { at: '/api/stores/:storeB' }, 404, /not found/i],

  // credit control inputs (SPEC §9)
  ['checkout', 'overrideCreditLimit: {} (no reason)', { set: { overrideCreditLimit: {} } }, 400, 'overrideCreditLimit.reason'],
  ['checkout', 'overrideCreditLimit: "yes"', { set: { overrideCreditLimit: 'yes' } }, 400, 'overrideCreditLimit'],
  ['checkout', 'overrideCreditLimit.reason blank', { set: { overrideCreditLimit: { reason: ' ' } } }, 400, 'overrideCreditLimit.reason'],
  ['checkout', 'over the credit limit of a cash-only customer', { set: { customer: ':cashOnly', payments: [] } }, 422, 'creditLimit'],
  ['post', 'overrideCreditLimit: {}', { set: { overrideCreditLimit: {} } }, 400, 'overrideCreditLimit.reason'],
  // POST /api/invoices — lines with rates (SPEC §12)
  ['invoices', 'items.0.taxRate: 10001', { set: { 'items.0.taxRate': 10_001 } }, 400, 'items.0.taxRate'],
  ['invoices', 'items.0.taxRate: 1.5', { set: { 'items.0.taxRate': 1.5 } }, 400, 'items.0.taxRate'],
  ['invoices', "items.0.service: other store's", { set: { 'items.0.service': ':serviceB' } }, 404, 'items.0.service'],
  ['invoices', 'items.0.service: retired (422)', { set: { 'items.0.service': ':retiredService' } }, 422, 'items.0.service'],

  // POST /api/services — the catalogue
  ...badAmounts('services', 'price', { allowZero: true }),
  ['services', 'taxRate: -1', { set: { taxRate: -1 } }, 400, 'taxRate'],
  ['services', 'taxRate: 10001', { set: { taxRate: 10_001 } }, 400, 'taxRate'],
  ['services', 'taxRate: 12.5 (not whole basis points)', { set: { taxRate: 12.5 } }, 400, 'taxRate'],
  ['services', 'sac: "99972"', { set: { sac: '99972' } }, 400, 'sac'],
  ['services', 'sac: "SAC-1"', { set: { sac: 'SAC-1' } }, 400, 'sac'],
  ['services', 'name: missing', { set: { name: MISSING } }, 400, 'name'],
  ['services', "store: other store's id", { set: { store: ':storeB' } }, FOREIGN_STORE, 'store'],
  ...malformed('services'),
]

// ---------------------------------------------------------------------------------------------
// Running a case
// ---------------------------------------------------------------------------------------------

let customerPhone = ''

/** `:name` → fixture id; `:new.open` / `:new.draft` → a fresh invoice. */
async function resolvePath(template: string): Promise<string> {
  let path = template
  for (const [token, name] of template.matchAll(/:([a-zA-Z.]+)/g)) {
    const value = name === 'new.open' ? await newInvoice('open') : name === 'new.draft' ? await newInvoice('draft') : name === 'new.allocation' ? await newAllocation() : fx[name!]
    if (value === undefined) throw new Error(`no fixture ${name}`)
    path = path.replace(token, String(value))
  }
  return path
}

/** Fixture references inside a body: ':customerB' → its id, ':phone' → the customer's phone. */
function resolveValue(value: unknown): unknown {
  if (value === ':phone') return customerPhone
  if (typeof value === 'string' && /^:[a-zA-Z]+$/.test(value)) return fx[value.slice(1)]
  return value
}

function setPath(body: Record<string, unknown>, dotted: string, value: unknown) {
  const keys = dotted.split('.')
  let node: any = body
  for (const key of keys.slice(0, -1)) node = node[key]
  const last = keys[keys.length - 1]!
  if (value === MISSING) {
    if (Array.isArray(node)) node.splice(Number(last), 1)
    else delete node[last]
  } else node[last] = resolveValue(value)
}

function bodyFor(name: EndpointName, change: Change): Record<string, unknown> {
  const body = structuredClone(ENDPOINTS[name].body(fx))
  // ':name' stands for a fixture's id (another store's row, a draft).
  const resolved = (value: unknown) => (typeof value === 'string' && /^:\w+$/.test(value) ? fx[value.slice(1)] : value)
  for (const [dotted, value] of Object.entries(change.set ?? {})) setPath(body, dotted, resolved(value))
  return body
}

async function send(role: Role, method: string, path: string, body: unknown, raw?: string): Promise<ApiResponse> {
  const token = world.tokens[role]
  if (raw === undefined) return world.api.request(method, path, { token, body })
  const response = await fetch(`${world.api.baseUrl}${path}`, {
    method,
    headers: { Authorization: `JWT ${token}`, 'Content-Type': 'application/json' },
    body: raw,
  })
  const text = await response.text()
  let parsed: unknown = text
  try {
    parsed = JSON.parse(text)
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: parsed }
}

/** Every field an error names: zod / ValidationError paths, RuleError's data.field, and the messages. */
function namedIn(body: any): { paths: string[]; messages: string[] } {
  const errors: any[] = Array.isArray(body?.errors) ? body.errors : []
  const paths: string[] = []
  const messages: string[] = []
  for (const error of errors) {
    if (typeof error?.message === 'string') messages.push(error.message)
    if (typeof error?.field === 'string') paths.push(error.field)
    if (typeof error?.path === 'string') paths.push(error.path)
    if (typeof error?.data?.field === 'string') paths.push(error.data.field)
    for (const detail of Array.isArray(error?.data?.errors) ? error.data.errors : []) {
      if (typeof detail?.path === 'string') paths.push(detail.path)
      if (typeof detail?.field === 'string') paths.push(detail.field)
      if (typeof detail?.message === 'string') messages.push(detail.message)
    }
  }
  return { paths, messages }
}

function expectNames(body: unknown, field: string | RegExp) {
  const { paths, messages } = namedIn(body)
  const named = typeof field === 'string' ? paths.includes(field) || messages.some((message) => message.includes(field)) : [...paths, ...messages].some((text) => field.test(text))
  expect.soft(named, `the error must name ${field}: ${JSON.stringify(body)}`).toBe(true)
}

/** The ledger's row counts plus the other rows a money endpoint may write. */
async function counts() {
  const payload = await testPayload()
  const [utilizations, bookings, services] = await Promise.all([
    payload.count({ collection: 'advance-utilizations', overrideAccess: true }),
    payload.count({ collection: 'bookings', overrideAccess: true }),
    payload.count({ collection: 'services', overrideAccess: true }),
  ])
  return { ...(await ledgerCounts()), utilizations: utilizations.totalDocs, bookings: bookings.totalDocs, services: services.totalDocs }
}

/** A payment of ₹10 on a fresh invoice: its allocation, to be taken off again. */
async function newAllocation(): Promise<number> {
  const id = await newInvoice('open', 5_000)
  const { status, body } = await world.api.post(`/api/invoices/${id}/payments`, { token: world.tokens.owner, body: { amount: 1_000, method: 'cash' } })
  expect(status, JSON.stringify(body)).toBe(201)
  const { docs } = await (await testPayload()).find({ collection: 'allocations', where: { transaction: { equals: body.transaction.id } }, overrideAccess: true, depth: 0 })
  return docs[0]!.id
}

async function newInvoice(status: 'draft' | 'open', total = 100_000): Promise<number> {
  const { status: got, body } = await world.api.post('/api/invoices', {
    token: world.tokens.owner,
    body: { store: fx.store, customer: fx.customer, items: [item(total)], status },
  })
  expect(got, JSON.stringify(body)).toBe(201)
  return body.doc.id
}

// ---------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------

let smtp: TestSmtp
beforeAll(async () => {
  smtp = await startSmtp()
  world = await newWorld()
  fx.store = world.store.id
  fx.storeB = world.otherStore.id
  const customer = await newCustomer(world)
  fx.customer = customer.id
  customerPhone = customer.phone
  // owes ₹1,000 on a POS bill and holds a ₹100 deposit
  expect((await checkoutAs(world, world.tokens.cashier, { customer: customer.id, items: [item(100_000)] })).status).toBe(201)
  const taken = await world.api.post(`/api/customers/${customer.id}/advances`, { token: world.tokens.cashier, body: { amount: 10_000, method: 'cash' } })
  expect(taken.status).toBe(201)
  fx.depositTransaction = taken.body.advancePayment.transaction
  fx.deposit = taken.body.advancePayment.id
  // SPEC §9: a cash-only customer (credit limit 0)
  const cashOnly = await newCustomer(world)
  fx.cashOnly = cashOnly.id
  expect((await world.api.patch(`/api/customers/${cashOnly.id}`, { token: world.tokens.owner, body: { creditLimit: 0 } })).status).toBe(200)
  fx.openInvoice = await newInvoice('open', 50_000_000)
  fx.draft = await newInvoice('draft')
  fx.paidInvoice = await newInvoice('open', 2_000)
  expect((await world.api.post(`/api/invoices/${fx.paidInvoice}/mark-paid`, { token: world.tokens.owner, body: { method: 'cash' } })).status).toBe(201)
  fx.voidInvoice = await newInvoice('open', 3_000)
  expect((await world.api.post(`/api/invoices/${fx.voidInvoice}/void`, { token: world.tokens.owner, body: {} })).status).toBe(200)
  fx.smallInvoice = await newInvoice('open', 2_000)
  fx.allocation = await newAllocation()
  // a paid invoice voided: its allocation is taken off (409 to unapply) by a reversing row (422)
  fx.voidedAllocation = await newAllocation()
  const { docs: voided } = await (await testPayload()).find({ collection: 'allocations', where: { id: { equals: fx.voidedAllocation } }, overrideAccess: true, depth: 0 })
  const voidedInvoice = voided[0]!.invoice as number
  expect((await world.api.post(`/api/invoices/${voidedInvoice}/void`, { token: world.tokens.owner, body: { reason: 'wrong customer' } })).status).toBe(200)
  const { docs: reversing } = await (
    await testPayload()
  ).find({ collection: 'allocations', where: { reversalOf: { equals: fx.voidedAllocation } }, overrideAccess: true, depth: 0 })
  fx.reversingAllocation = reversing[0]!.id

  const other = await world.api.post('/api/customers/resolve', { token: world.tokens.otherOwner, body: { store: fx.storeB, phone: newPhone(), name: 'Elsewhere' } })
  expect(other.status).toBe(201)
  fx.customerB = other.body.customer.id
  const sale = await world.api.post('/api/pos/checkout', {
    token: world.tokens.otherOwner,
    body: { store: fx.storeB, customer: fx.customerB, items: [item(40_000)], payments: [{ method: 'cash', amount: 10_000 }] },
  })
  expect(sale.status, JSON.stringify(sale.body)).toBe(201)
  fx.invoiceB = sale.body.bill.id
  fx.paymentB = sale.body.transactions[0].id
  const takenB = await world.api.post(`/api/customers/${fx.customerB}/advances`, { token: world.tokens.otherOwner, body: { amount: 1_000, method: 'cash' } })
  expect(takenB.status).toBe(201)
  fx.depositTransactionB = takenB.body.advancePayment.transaction
  fx.depositB = takenB.body.advancePayment.id
  const { docs: allocationsB } = await (await testPayload()).find({ collection: 'allocations', where: { transaction: { equals: fx.paymentB } }, overrideAccess: true, depth: 0 })
  fx.allocationB = allocationsB[0]!.id

  // A customer whose cheque came before the invoice: ₹50 unmatched, and an open invoice to match it to.
  const payer = await newCustomer(world)
  const logged = await world.api.post('/api/transactions', {
    token: world.tokens.owner,
    body: { store: fx.store, type: 'income', kind: 'payment', amount: 5_000, method: 'cheque', customer: payer.id },
  })
  expect(logged.status, JSON.stringify(logged.body)).toBe(201)
  fx.unmatchedPayment = logged.body.doc.id
  const bounced = await world.api.post('/api/transactions', {
    token: world.tokens.owner,
    body: { store: fx.store, type: 'income', kind: 'payment', amount: 3_000, method: 'cheque', customer: payer.id },
  })
  fx.reversedPayment = bounced.body.doc.id
  expect((await world.api.post(`/api/transactions/${fx.reversedPayment}/reverse`, { token: world.tokens.owner, body: { reason: 'bounced' } })).status).toBe(201)
  const matchInvoice = await world.api.post('/api/invoices', {
    token: world.tokens.owner,
    body: { store: fx.store, customer: payer.id, items: [item(90_000)], status: 'open' },
  })
  expect(matchInvoice.status, JSON.stringify(matchInvoice.body)).toBe(201)
  fx.matchInvoice = matchInvoice.body.doc.id

  // The catalogue (SPEC §12): this store's service, a retired one, and the other store's.
  const service = async (token: string, store: number, active: boolean) => {
    const created = await world.api.post('/api/services', { token, body: { store, name: unique('Service'), price: 10_000, taxRate: 1800, active } })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    return created.body.doc.id as number
  }
  fx.service = await service(world.tokens.owner, fx.store, true)
  fx.retiredService = await service(world.tokens.owner, fx.store, false)
  fx.serviceB = await service(world.tokens.otherOwner, fx.storeB, true)
})

afterAll(async () => {
  await expectLedgerClean()
  await smtp.close()
})

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

describe('controls: the valid body of each endpoint is accepted', () => {
  it.each(Object.keys(ENDPOINTS) as EndpointName[])('%s', async (name) => {
    const endpoint: Endpoint = ENDPOINTS[name]
    const path = await resolvePath(endpoint.controlPath ?? endpoint.path)
    const res = await send(endpoint.role, endpoint.method, path, bodyFor(name, {}))
    expect(res.status, JSON.stringify(res.body)).toBe(endpoint.controlStatus)
  })
})

describe('bad input is refused, names the field and writes nothing (SPEC §1, §4)', () => {
  it.each(CASES.map((row) => [`${ENDPOINTS[row[0]].method} ${row[2].at ?? ENDPOINTS[row[0]].path} — ${row[1]} → ${[row[3]].flat().join('|')} naming ${row[4]}`, row] as const))(
    '%s',
    async (_title, [name, , change, status, field]) => {
      const endpoint: Endpoint = ENDPOINTS[name]
      const path = await resolvePath(change.at ?? endpoint.path)
      const body = change.raw === undefined ? bodyFor(name, change) : undefined
      const before = await counts()
      const res = await send(endpoint.role, endpoint.method, path, body, change.raw)
      expect(typeof status === 'number' ? [status] : status, `${path} ${JSON.stringify(body)} → ${res.status} ${JSON.stringify(res.body)}`).toContain(res.status)
      // soft: a case reports every way it is wrong, not only the first
      expect.soft(await counts(), 'a refused request wrote to the ledger').toEqual(before)
      expect.soft(res.body?.errors?.[0]?.message, `Payload error shape: ${JSON.stringify(res.body)}`).toEqual(expect.any(String))
      expectNames(res.body, field)
    },
  )
})

/** POST /api/customers/import (SPEC §9, multipart): what cannot be read is refused as a whole and writes nothing. */
const GOOD_CSV = () => `name,phone,pending,advance,notes\nImported,${newPhone()},100,,\n`
const IMPORT_CASES: readonly [what: string, query: string, upload: { field?: string; content?: string } | 'json', status: Expected, field: string | RegExp][] = [
  ['a JSON body instead of a file', '?store=:store', 'json', 400, 'file'],
  ['the CSV in another field', '?store=:store', { field: 'csv' }, 400, 'file'],
  ['an empty file', '?store=:store', { content: '' }, 400, 'file'],
  ['no phone column', '?store=:store', { content: 'name,pending\nA,100\n' }, 400, 'file'],
  ['50,001 rows', '?store=:store', { content: `name,phone\n${'A,9876543210\n'.repeat(50_001)}` }, 400, 'file'],
  ['store missing', '', {}, 400, 'store'],
  ['store "abc"', '?store=abc', {}, 400, 'store'],
  ['dryRun "maybe"', '?store=:store&dryRun=maybe', {}, 400, 'dryRun'],
  ['importKey with spaces', '?store=:store&importKey=two%20words', {}, 400, 'importKey'],
  ['unknown store 999999', '?store=999999', {}, 404, 'store'],
  ["another owner's store", '?store=:storeB', {}, 404, 'store'],
]

describe('POST /api/customers/import: bad uploads are refused, name the field and write nothing (SPEC §9)', () => {
  it.each(IMPORT_CASES.map((row) => [`${row[0]} → ${row[3]} naming ${row[4]}`, row] as const))('%s', async (_title, [, query, upload, status, field]) => {
    const path = `/api/customers/import${query.replace(/:(storeB|store)/, (_match, name: string) => String(fx[name]))}`
    const before = await counts()
    const res =
      upload === 'json'
        ? await send('owner', 'POST', path, { file: GOOD_CSV() })
        : await world.api.upload(path, { token: world.tokens.owner, field: upload.field, content: upload.content ?? GOOD_CSV() })
    expect(res.status, JSON.stringify(res.body)?.slice(0, 400)).toBe(status)
    expect.soft(await counts(), 'a refused upload wrote to the ledger').toEqual(before)
    expect.soft(res.body?.errors?.[0]?.message).toEqual(expect.any(String))
    expectNames(res.body, field)
  })
})

// ---------------------------------------------------------------------------------------------
// Holes found by an outside probe (issue 12)
// ---------------------------------------------------------------------------------------------

/** JSON text of `{"a":{"a":…1…}}`, `depth` levels deep, built without recursion. */
const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`

async function sendText(role: Role, method: string, path: string, text: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${world.api.baseUrl}${path}`, {
    method,
    headers: { Authorization: `JWT ${world.tokens[role]}`, 'Content-Type': 'application/json', ...headers },
    body: text,
  })
  const body = await response.text()
  try {
    return { status: response.status, body: JSON.parse(body) }
  } catch {
    return { status: response.status, body }
  }
}

describe('issue 12 #8: bodies too deep or too large are 400, never 500', () => {
  it.each([
    [
      'POST /api/pos/checkout with an Idempotency-Key and an unknown field nested 10,000 deep',
      'cashier',
      '/api/pos/checkout',
      { 'Idempotency-Key': 'deep-body-1' },
      () => `{"store":${fx.store},"customer":${fx.customer},"items":[{"description":"Cut","quantity":1,"unitPrice":100}],"x":${nested(10_000)}}`,
    ],
    [
      'POST /api/pos/checkout with an Idempotency-Key and an unknown field nested 40 deep',
      'cashier',
      '/api/pos/checkout',
      { 'Idempotency-Key': 'deep-body-2' },
      () => `{"store":${fx.store},"customer":${fx.customer},"items":[{"description":"Cut","quantity":1,"unitPrice":100}],"x":${nested(40)}}`,
    ],
    [
      'POST /api/customers with notes nested 10,000 deep',
      'cashier',
      '/api/customers',
      {},
      () => `{"store":${fx.store},"name":"Deep","phone":"${newPhone()}","notes":${nested(10_000)}}`,
    ],
    [
      'POST /api/transactions with notes nested 10,000 deep',
      'owner',
      '/api/transactions',
      {},
      () => `{"store":${fx.store},"type":"expense","kind":"expense","amount":100,"method":"cash","notes":${nested(10_000)}}`,
    ],
    [
      'POST /api/customers/:id/advances with 2 MB of notes',
      'cashier',
      `/api/customers/:customer/advances`,
      {},
      () => `{"amount":100,"method":"cash","notes":"${'x'.repeat(2 * 1024 * 1024)}"}`,
    ],
  ] as const)('%s', async (_what, role, template, headers, text) => {
    const before = await counts()
    const res = await sendText(role, 'POST', await resolvePath(template), text(), headers)
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(400)
    expectNames(res.body, '(body)')
    expect(await counts()).toEqual(before)
  })
})

describe("issue 12 #8: the admin's multipart forms are bounded the same way", () => {
  it.each([
    ['a _payload nested 10,000 deep', () => `{"store":${fx.store},"name":"Deep","phone":"${newPhone()}","notes":${nested(10_000)}}`],
    ['a _payload of 2 MB', () => `{"store":${fx.store},"name":"Big","phone":"${newPhone()}","notes":"${'x'.repeat(2 * 1024 * 1024)}"}`],
  ])('POST /api/customers as multipart/form-data with %s → 400', async (_what, payload) => {
    const form = new FormData()
    form.set('_payload', payload())
    const before = await counts()
    const response = await fetch(`${world.api.baseUrl}/api/customers`, { method: 'POST', headers: { Authorization: `JWT ${world.tokens.cashier}` }, body: form })
    const body = await response.json()
    expect(response.status, JSON.stringify(body).slice(0, 300)).toBe(400)
    expectNames(body, '(body)')
    expect(await counts()).toEqual(before)
  })

  it('a form of ordinary size and depth still creates the customer', async () => {
    const form = new FormData()
    form.set('_payload', JSON.stringify({ store: fx.store, name: unique('Form'), phone: newPhone() }))
    const response = await fetch(`${world.api.baseUrl}/api/customers`, { method: 'POST', headers: { Authorization: `JWT ${world.tokens.cashier}` }, body: form })
    expect(response.status, await response.text()).toBe(201)
  })
})

describe('issue 12 #8: duplicating a posted invoice gives a draft copy without a number', () => {
  it('POST /api/invoices/:id/duplicate of a partly paid invoice → a draft of the same items, nothing owed', async () => {
    const posted = await newInvoice('open', 8_000)
    expect((await world.api.post(`/api/invoices/${posted}/payments`, { token: world.tokens.owner, body: { amount: 3_000, method: 'cash' } })).status).toBe(201)
    const before = await counts()
    const res = await world.api.post(`/api/invoices/${posted}/duplicate`, { token: world.tokens.owner, body: {} })
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300)
    const copy = res.body.doc
    expect(copy.id).not.toBe(posted)
    expect(copy).toMatchObject({ status: 'draft', total: 8_000, amountPaid: 0, amountDue: 8_000 })
    expect(copy.number ?? null).toBeNull()
    expect(copy.postedAt ?? null).toBeNull()
    expect(copy.items.map((line: { unitPrice: number }) => line.unitPrice)).toEqual([8_000])
    const after: Record<string, number> = await counts()
    expect({ ...after, invoices: after.invoices! - 1 }).toEqual(before) // one draft more, no ledger row
    const original = await world.api.get(`/api/invoices/${posted}?depth=0`, { token: world.tokens.owner })
    expect(original.body).toMatchObject({ status: 'partial', amountPaid: 3_000, amountDue: 5_000 })
    // the copy posts like any draft, with the next number
    const post = await world.api.post(`/api/invoices/${copy.id}/post`, { token: world.tokens.owner, body: {} })
    expect(post.status, JSON.stringify(post.body)).toBe(200)
    expect(post.body.number).toMatch(/^SAL-\d{2}-\d{4}$/)
    await expectLedgerClean()
  })
})

describe('issue 12 #8: deleting a store that has ledger rows is 422', () => {
  it('DELETE /api/stores/:id (admin) of a store with bills → 422, the store and its rows stay', async () => {
    const before = await counts()
    const res = await world.api.delete(`/api/stores/${fx.store}`, { token: world.tokens.admin })
    expect(res.status, JSON.stringify(res.body)).toBe(422)
    expect(res.body.errors[0].message).toMatch(/store/i)
    expect(await counts()).toEqual(before)
    expect((await world.api.get(`/api/stores/${fx.store}`, { token: world.tokens.admin })).status).toBe(200)
  })
})

describe('issue 12 #2: amounts above the bounds never get in, and reports never overflow', () => {
  /** A store whose first customer owes 9,007 bills of 10^12 and the second one more, written straight into the ledger tables. */
  async function storeOwingAboveSafeIntegers() {
    const payload = await testPayload()
    const store = await createStore(payload, { invoicePrefix: 'BIG' })
    const token = await world.api.login((await createUser(payload, 'owner', [store])).email)
    const customers: number[] = []
    for (const name of ['Big one', 'Big two']) {
      const res = await world.api.post('/api/customers/resolve', { token, body: { store: store.id, phone: newPhone(), name } })
      expect(res.status).toBe(201)
      customers.push(res.body.customer.id)
    }
    const db = payload.db.drizzle as unknown as { execute: (query: unknown) => Promise<unknown> }
    await db.execute(sql`
      INSERT INTO invoices (store_id, customer_id, kind, number, issue_date, status, subtotal, discount, total, amount_paid, amount_due, posted_at, complimentary)
      SELECT ${store.id}, CASE WHEN g <= 9007 THEN ${customers[0]}::int ELSE ${customers[1]}::int END, 'invoice', 'BIG-26-' || lpad(g::text, 5, '0'),
             now(), 'open', 1000000000000, 0, 1000000000000, 0, 1000000000000, now(), false
        FROM generate_series(1, 9008) AS g`)
    for (const customer of customers) await db.execute(sql`SELECT * FROM tally_refresh_customer_ledger(${customer}, '{}'::integer[])`)
    return { store: store.id, token, customers }
  }

  it("the owner's dashboard and aging over 9.008·10^15 owed answer a clear 422, never a 500", async () => {
    const big = await storeOwingAboveSafeIntegers()
    try {
      for (const report of ['dashboard', 'aging']) {
        const res = await world.api.get(`/api/reports/${report}?store=${big.store}`, { token: big.token })
        expect(res.status, `${report}: ${JSON.stringify(res.body).slice(0, 300)}`).toBe(422)
        expect(res.body.errors[0].message).toMatch(/9007199254740991/)
      }
      // a bill that would take a customer's balance past what the ledger can hold: 422 naming it, nothing written
      const before = await counts()
      const res = await world.api.post('/api/pos/checkout', {
        token: big.token,
        body: { store: big.store, customer: big.customers[0], items: [item(1_000_000_000_000)] },
      })
      expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(422)
      expectNames(res.body, 'customer')
      expect(await counts()).toEqual(before)
    } finally {
      // the 9,008 bills would crowd every later list of all stores (the matrix's admin pages)
      const db = (await testPayload()).db.drizzle as unknown as { execute: (query: unknown) => Promise<unknown> }
      await db.execute(sql`DELETE FROM invoices WHERE store_id = ${big.store}`)
      for (const customer of big.customers) await db.execute(sql`SELECT * FROM tally_refresh_customer_ledger(${customer}, '{}'::integer[])`)
    }
  })
})

describe('a foreign id answers exactly like an unknown one (issue 12, item 7)', () => {
  it("match with another store's invoice: the same 404 as an invoice that does not exist", async () => {
    const path = await resolvePath(ENDPOINTS.match.path)
    const foreign = await send('owner', 'POST', path, { invoice: fx.invoiceB })
    const unknown = await send('owner', 'POST', path, { invoice: 999_999_999 })
    expect(foreign.status).toBe(404)
    expect(foreign).toEqual(unknown)
  })
})

describe('after all of it', () => {
  it('the ledger recomputes to what is stored', async () => {
    await expectLedgerClean()
  })
})
