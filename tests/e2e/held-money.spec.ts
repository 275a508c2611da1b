/**
 * SPEC §9a on screen: money already held for a customer is shown (held, net), applied to an
 * invoice from the customer and invoice pages and the POS ("Apply advance"), and a payment on
 * the wrong invoice is taken off again with a reason ("Unapply") — each then checked against
 * the API. Screenshots in test-results/screens/.
 */
import { expect, test, type Page } from '@playwright/test'

import { formatMoney } from '../../src/domain/money'
import { customerByPhone, fromThePage, login, selectCustomerAtPos } from './helpers'
import { invoiceById, newCustomer, newInvoice, storeId } from './ownerHelpers'

const inr = (minor: number) => formatMoney(minor, 'INR', 'en-IN')

async function deposit(page: Page, customer: number, amount: number) {
  const response = await page.request.post(`/api/customers/${customer}/advances`, { data: { amount, method: 'cash' }, headers: fromThePage(page) })
  expect(response.ok(), await response.text()).toBe(true)
}

test('customer page: held money and net, then "Apply advance" pays the open invoice from the deposit', async ({ page }) => {
  await login(page, 'owner')
  const store = await storeId(page)
  const customer = await newCustomer(page, store, 'Advance Client')
  await deposit(page, customer.id, 50_000)
  const invoice = await newInvoice(page, { store, customer: customer.id, amount: 80_000, description: 'Bridal trial' })

  await page.goto(`/customers/${customer.id}`)
  await expect(page.getByTestId('customer-held')).toHaveText(inr(50_000))
  await expect(page.getByTestId('customer-net')).toHaveText(inr(30_000))
  await expect(page.getByTestId('apply-held')).toContainText('Apply advance')
  await page.screenshot({ path: 'test-results/screens/customer-held-money.png', fullPage: true })

  await page.getByRole('button', { name: `Apply advance to ${invoice.number}` }).click()
  const dialog = page.getByRole('dialog', { name: `Apply advance to ${invoice.number}` })
  await expect(dialog.getByLabel('Advance to apply')).toHaveValue('500.00')
  await dialog.getByLabel('Advance to apply').fill('600')
  await dialog.getByRole('button', { name: 'Apply advance' }).click()
  await expect(dialog.getByRole('alert')).toContainText('At most')
  await dialog.getByLabel('Advance to apply').fill('500')
  await dialog.getByRole('button', { name: 'Apply advance' }).click()

  await expect(page.getByTestId('customer-pending')).toHaveText(inr(30_000))
  await expect(page.getByTestId('customer-advance')).toHaveText(inr(0))
  await expect(page.getByTestId('held-money')).toHaveCount(0)
  await expect(page.getByTestId('deposits')).toContainText(invoice.number)
  await page.screenshot({ path: 'test-results/screens/customer-advance-applied.png', fullPage: true })

  expect(await invoiceById(page, invoice.id)).toMatchObject({ status: 'partial', amountPaid: 50_000, amountDue: 30_000 })
  const api = await customerByPhone(page, customer.phone)
  expect(api).toMatchObject({ pendingBalance: 30_000, advanceBalance: 0 })

  await page.goto(`/invoices/${invoice.id}`)
  await expect(page.getByTestId('advance-uses')).toContainText(inr(50_000))
  await expect(page.getByTestId('invoice-due')).toHaveText(inr(30_000))
})

test('invoice page: "Unapply" takes a payment off the wrong invoice with a reason; it is unmatched until matched to the right one', async ({ page }) => {
  await login(page, 'owner')
  const store = await storeId(page)
  const customer = await newCustomer(page, store, 'Wrong Invoice Client')
  const wrong = await newInvoice(page, { store, customer: customer.id, amount: 100_000, description: 'Hair spa package' })
  const right = await newInvoice(page, { store, customer: customer.id, amount: 40_000, description: 'Manicure' })
  const paid = await page.request.post(`/api/invoices/${wrong.id}/payments`, { data: { amount: 40_000, method: 'upi', reference: 'UPI-4412' }, headers: fromThePage(page) })
  expect(paid.ok(), await paid.text()).toBe(true)

  await page.goto(`/invoices/${wrong.id}`)
  await expect(page.getByTestId('invoice-due')).toHaveText(inr(60_000))
  await page.getByRole('button', { name: /^Unapply / }).click()
  const dialog = page.getByRole('dialog', { name: /^Unapply / })
  await expect(dialog).toContainText(`${inr(40_000)} of UPI-4412 on ${wrong.number}`)
  await dialog.getByRole('button', { name: 'Unapply' }).click()
  await expect(dialog.getByRole('alert')).toContainText('Say why')
  await dialog.getByLabel('Unapply reason').fill(`was for ${right.number}`)
  await dialog.getByRole('button', { name: 'Unapply' }).click()

  await expect(page.getByTestId('invoice-due')).toHaveText(inr(100_000))
  await expect(page.getByTestId('payment-history')).toContainText(`unapplied: was for ${right.number}`)
  await expect(page.getByRole('button', { name: /^Unapply / })).toHaveCount(0)
  await page.screenshot({ path: 'test-results/screens/invoice-unapplied.png', fullPage: true })

  // The payment's own history says the same; the money is held (unmatched) for them.
  await page.goto(`/customers/${customer.id}`)
  await expect(page.getByTestId('customer-held')).toHaveText(inr(40_000))
  await expect(page.getByTestId('customer-net')).toHaveText(inr(100_000))
  await expect(page.getByText(`(unapplied: was for ${right.number})`)).toBeVisible()
  await page.screenshot({ path: 'test-results/screens/customer-unapplied.png', fullPage: true })

  await page.goto('/customers?q=Wrong+Invoice+Client')
  await expect(page.getByTestId('held-cell').first()).toContainText(inr(40_000))
  await page.screenshot({ path: 'test-results/screens/customers-held-column.png', fullPage: true })

  // Matched where it belongs (Reconciliation), the right invoice is paid.
  await page.goto('/reconciliation')
  await page.getByRole('button', { name: 'Match UPI-4412 to invoice' }).click()
  const match = page.getByRole('dialog', { name: 'Match UPI-4412' })
  await match.getByText(right.number).click()
  await match.getByRole('button', { name: 'Match' }).click()
  await expect.poll(async () => (await invoiceById(page, right.id)).status).toBe('paid')
  expect(await invoiceById(page, wrong.id)).toMatchObject({ amountPaid: 0, amountDue: 100_000 })
})

test('POS: a cashier pays an open bill from the advance the customer holds', async ({ page }) => {
  await login(page, 'owner')
  const store = await storeId(page)
  const customer = await newCustomer(page, store, 'Pos Advance Client')
  await deposit(page, customer.id, 20_000)
  const invoice = await newInvoice(page, { store, customer: customer.id, amount: 15_000, description: 'Facial' })
  await page.context().clearCookies()

  await login(page, 'cashier')
  await selectCustomerAtPos(page, customer.phone, customer.name)
  const offer = page.getByTestId('pos-apply-advance')
  await expect(offer).toContainText(invoice.number)
  await offer.getByRole('button', { name: `Apply advance to ${invoice.number}` }).click()
  const dialog = page.getByRole('dialog', { name: `Apply advance to ${invoice.number}` })
  await expect(dialog.getByLabel('Advance to apply')).toHaveValue('150.00')
  await page.screenshot({ path: 'test-results/screens/pos-apply-advance.png', fullPage: true })
  await dialog.getByRole('button', { name: 'Apply advance' }).click()
  await expect(page.getByTestId('selected-customer')).toContainText(`advance held ${inr(5_000)}`)
  await expect(offer).toHaveCount(0)
  expect(await invoiceById(page, invoice.id)).toMatchObject({ status: 'paid', amountDue: 0 })
})
