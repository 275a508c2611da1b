import { expect, type Page } from '@playwright/test'

import { storeDay } from '../helpers/dates'
import { freshPhone, fromThePage } from './helpers'

/** Id of a store of the logged-in user, by name (GET /api/stores). */
export async function storeId(page: Page, name = 'Demo Salon'): Promise<number> {
  const response = await page.request.get(`/api/stores?where[name][equals]=${encodeURIComponent(name)}&depth=0`)
  expect(response.ok()).toBe(true)
  const body = await response.json()
  expect(body.docs).toHaveLength(1)
  return body.docs[0].id as number
}

/** A new customer of the store with a fresh phone number (POST /api/customers/resolve). */
export async function newCustomer(page: Page, store: number, name: string) {
  const phone = freshPhone()
  const response = await page.request.post('/api/customers/resolve', { data: { store, phone, name }, headers: fromThePage(page) })
  expect(response.ok(), await response.text()).toBe(true)
  const body = await response.json()
  return { id: body.customer.id as number, name, phone: body.customer.phone as string }
}

/** A posted invoice (status open) of one line for `amount` minor units. */
export async function newInvoice(page: Page, input: { store: number; customer: number; amount: number; description?: string; dueInDays?: number }) {
  const due = storeDay(input.dueInDays ?? 30)
  const response = await page.request.post('/api/invoices', {
    headers: fromThePage(page),
    data: {
      store: input.store,
      customer: input.customer,
      kind: 'invoice',
      dueDate: `${due}T12:00:00.000Z`,
      items: [{ description: input.description ?? 'Consulting', quantity: 1, unitPrice: input.amount }],
      status: 'open',
    },
  })
  expect(response.ok(), await response.text()).toBe(true)
  const { doc } = await response.json()
  expect(doc.status).toBe('open')
  return doc as { id: number; number: string; total: number; amountDue: number; status: string }
}

export async function invoiceById(page: Page, id: number) {
  const response = await page.request.get(`/api/invoices/${id}?depth=0`)
  expect(response.ok()).toBe(true)
  return (await response.json()) as { id: number; number: string; status: string; total: number; amountPaid: number; amountDue: number }
}

export async function dashboardReport(page: Page, store: number) {
  const response = await page.request.get(`/api/reports/dashboard?store=${store}`)
  expect(response.ok()).toBe(true)
  return (await response.json()) as {
    from: string
    to: string
    revenue: number
    expenses: number
    profit: number
    outstanding: number
    advancesHeld: number
    customersOwing: number
  }
}

/** Every transaction of the store (paged through the REST API). */
export async function allTransactions(page: Page, store: number) {
  const docs: { date: string; type: string; kind: string; amount: number }[] = []
  for (let index = 1; ; index++) {
    const response = await page.request.get(`/api/transactions?where[store][equals]=${store}&depth=0&limit=500&page=${index}`)
    expect(response.ok()).toBe(true)
    const body = await response.json()
    docs.push(...body.docs)
    if (!body.hasNextPage) return docs
  }
}

/** yyyy-mm-dd of an instant in a time zone. */
export const dayIn = (iso: string, timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso))

/** Horizontal overflow of the page in px (0 or less: fits). */
export const sidewaysOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
