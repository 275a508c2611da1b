/**
 * SPEC §9 credit control on screen: an owner sets a customer's own credit limit and terms on
 * the customer page (PATCH /api/customers/:id, a bad value named by its field), then lets a
 * pay-later sale above that limit through at the POS with a reason kept on the bill; a cashier
 * is refused the same way and is only told to ask an owner. Screenshots in test-results/screens/.
 */
import { expect, test, type Page } from '@playwright/test'

import { formatMoney } from '../../src/domain/money'
import { addService, login, selectCustomerAtPos } from './helpers'
import { newCustomer, storeId } from './ownerHelpers'

const inr = (minor: number) => formatMoney(minor, 'INR', 'en-IN')

async function customerById(page: Page, id: number) {
  const response = await page.request.get(`/api/customers/${id}?depth=0`)
  expect(response.ok()).toBe(true)
  return (await response.json()) as { pendingBalance: number; creditLimit: number | null; creditTermsDays: number | null }
}

test('owner sets a ₹1,000 limit, a ₹1,500 pay-later sale is refused, then completed with the owner’s override and its reason; a cashier is not offered it', async ({
  page,
  browser,
}) => {
  await login(page, 'owner')
  const store = await storeId(page)
  const customer = await newCustomer(page, store, 'Override Client')

  // Customer page: a bad term is named by its field and saves nothing; then ₹1,000 and 7 days.
  await page.goto(`/customers/${customer.id}`)
  await expect(page.getByTestId('customer-credit')).toHaveText('No limit')
  await page.getByRole('button', { name: 'Set credit limit' }).click()
  const dialog = page.getByRole('dialog', { name: `Credit for ${customer.name}` })
  await dialog.getByLabel('Credit limit').fill('1,000')
  await dialog.getByLabel('Terms (days)').fill('-3')
  await dialog.getByRole('button', { name: 'Save credit' }).click()
  await expect(dialog.getByRole('alert').filter({ hasText: 'creditTermsDays must be from 0 to 365' })).toBeVisible()
  await page.screenshot({ path: 'test-results/screens/credit-override-limit-refused.png', fullPage: true })
  expect(await customerById(page, customer.id)).toMatchObject({ creditLimit: null })
  await dialog.getByLabel('Terms (days)').fill('7')
  await dialog.getByRole('button', { name: 'Save credit' }).click()
  await expect(page.getByTestId('customer-credit')).toHaveText(inr(100_000))
  await expect(page.getByTestId('customer-terms')).toContainText('due in 7 days')
  expect(await customerById(page, customer.id)).toMatchObject({ creditLimit: 100_000, creditTermsDays: 7 })
  await page.screenshot({ path: 'test-results/screens/credit-override-limit-set.png', fullPage: true })

  // POS as the owner: ₹1,500 left pending is refused for the limit, and the override is offered.
  await selectCustomerAtPos(page, customer.phone, customer.name)
  await addService(page, 1, 'Keratin treatment', '1500')
  await expect(page.getByTestId('credit-warning')).toContainText('Complete bill (no payment) would be refused')
  await page.getByRole('button', { name: 'Complete bill (no payment)' }).click()
  await expect(page.getByRole('alert').filter({ hasText: /^Credit limit exceeded$/ })).toBeVisible()
  expect(await customerById(page, customer.id)).toMatchObject({ pendingBalance: 0 })

  await page.getByRole('button', { name: 'Override the limit' }).click()
  const override = page.getByRole('dialog', { name: 'Override the credit limit' })
  await expect(override).toContainText(`${customer.name} will owe ${inr(150_000)}, ${inr(50_000)} over the limit of ${inr(100_000)}`)
  await expect(override).toContainText('completed with no payment')
  await override.getByRole('button', { name: 'Override and complete' }).click()
  await expect(override.getByRole('alert')).toContainText('Reason is required')
  const reason = 'Regular client, settles every month'
  await override.getByLabel('Override reason').fill(reason)
  await page.screenshot({ path: 'test-results/screens/credit-override-dialog.png', fullPage: true })
  await override.getByRole('button', { name: 'Override and complete' }).click()

  await expect(page.getByTestId('sale-done')).toContainText(`${inr(150_000)} pending`)
  await expect(page.getByTestId('sale-credit-override')).toContainText(reason)
  await page.screenshot({ path: 'test-results/screens/credit-override-done.png', fullPage: true })
  expect(await customerById(page, customer.id)).toMatchObject({ pendingBalance: 150_000 })
  const bills = await (await page.request.get(`/api/invoices?where[customer][equals]=${customer.id}&depth=0`)).json()
  expect(bills.docs).toHaveLength(1)
  expect(bills.docs[0]).toMatchObject({ total: 150_000, amountDue: 150_000, creditOverrideReason: reason })
  await page.goto(`/invoices/${bills.docs[0].id}`)
  await expect(page.getByTestId('invoice-credit-override')).toContainText(reason)

  // A cashier at the same customer (already above the limit) is refused and told to ask an owner.
  const cashierContext = await browser.newContext()
  const cashier = await cashierContext.newPage()
  await login(cashier, 'cashier')
  await selectCustomerAtPos(cashier, customer.phone, customer.name)
  await addService(cashier, 1, 'Blow dry', '200')
  await expect(cashier.getByTestId('credit-warning')).toBeVisible()
  await cashier.getByRole('button', { name: 'Complete bill (no payment)' }).click()
  await expect(cashier.getByRole('alert').filter({ hasText: /^Credit limit exceeded$/ })).toBeVisible()
  await expect(cashier.getByTestId('credit-ask-owner')).toContainText('Ask an owner')
  await expect(cashier.getByRole('button', { name: 'Override the limit' })).toHaveCount(0)
  await cashier.screenshot({ path: 'test-results/screens/credit-override-cashier.png', fullPage: true })
  expect(await customerById(page, customer.id)).toMatchObject({ pendingBalance: 150_000 })
  await cashierContext.close()
})
