/**
 * SPEC §11 on screen: the owner's /collections list and its actions (each confirmed in a
 * dialog, then by a toast), the cashier's read-only list, and the promise and last reminder
 * in the POS yellow alert. Screenshots land in test-results/screens/.
 */
import { expect, test, type Page } from '@playwright/test'

import { addService, inIndia, login, newCustomerAtPos, selectCustomerAtPos, storeDay } from './helpers'

const NAME = `Collect Me ${Date.now() % 100_000}`
let phone = ''

const rowOf = (page: Page) => page.getByTestId('collections').getByRole('row', { name: new RegExp(NAME) })

test.describe.configure({ mode: 'serial' })

test('owner: a pay-later bill puts the customer on /collections with its WhatsApp step due today', async ({ page }) => {
  await login(page, 'owner')
  phone = await newCustomerAtPos(page, NAME)
  await addService(page, 1, 'Hair colour', '500')
  await page.getByRole('button', { name: 'Complete bill (no payment)' }).click()
  await expect(page.getByTestId('receipt')).toContainText('FULL AMOUNT PENDING: ₹500.00')

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Collections' }).click()
  await expect(page).toHaveURL(/\/collections/)
  await expect(page.getByRole('heading', { name: 'Collections' })).toBeVisible()
  const row = rowOf(page)
  await expect(row).toContainText('₹500.00')
  await expect(row.getByTestId('next-reminder')).toContainText('WhatsApp (by hand)')
  await expect(row.getByTestId('promise')).toHaveText('–')
  // Oldest overdue first: demo customers owing for weeks come before today's bill.
  const names = await page.getByTestId('collections').locator('tbody tr td:first-child a').allTextContents()
  expect(names.indexOf(NAME)).toBeGreaterThan(0)
  const days = await page.getByTestId('collections').getByTestId('days-overdue').allTextContents()
  const numbers = days.map((text) => (text === '–' ? 0 : Number(text)))
  expect([...numbers].sort((a, b) => b - a)).toEqual(numbers)
  await page.screenshot({ path: 'test-results/screens/collections-owner.png', fullPage: true })
})

test('owner: call, promise, WhatsApp, dispute — each asks first, then confirms', async ({ page, context }) => {
  await login(page, 'owner')
  await page.goto('/collections')
  const row = rowOf(page)

  await row.getByRole('button', { name: 'Call' }).click()
  const call = page.getByRole('dialog', { name: `Record a call with ${NAME}` })
  await expect(call).toBeVisible()
  await call.getByLabel('What was said').fill('Will pay by next week')
  await call.getByRole('button', { name: 'Record call' }).click()
  await expect(page.getByTestId('toast').last()).toContainText(`Call with ${NAME} recorded`)
  await expect(row).toContainText('Will pay by next week')

  await row.getByRole('button', { name: 'Promise' }).click()
  const promise = page.getByRole('dialog', { name: `Promise to pay from ${NAME}` })
  await expect(promise.getByLabel('Amount promised')).toHaveValue('500')
  await promise.getByLabel('Will pay by').fill(inIndia(storeDay(7)))
  await page.screenshot({ path: 'test-results/screens/collections-promise-dialog.png' })
  await promise.getByRole('button', { name: 'Record promise' }).click()
  await expect(page.getByTestId('toast').last()).toContainText(`Promise of ₹500.00 from ${NAME} recorded`)
  await expect(row.getByTestId('promise')).toContainText('₹500.00')
  await expect(row.getByTestId('promise')).toContainText('open')

  // An SMS asks first; cancelling sends nothing.
  await row.getByRole('button', { name: 'SMS' }).click()
  const sms = page.getByRole('dialog', { name: new RegExp(`Send an SMS reminder to ${NAME}`) })
  await expect(sms).toBeVisible()
  await sms.getByRole('button', { name: 'Cancel' }).click()
  await expect(sms).toBeHidden()

  // WhatsApp: the message with a statement link, then wa.me in a new tab, recorded as the due manual reminder.
  const popups: string[] = []
  // No internet here: wa.me answers from the test, which keeps the address asked for.
  await context.route('https://wa.me/**', (route) => {
    popups.push(route.request().url())
    return route.fulfill({ status: 200, contentType: 'text/plain', body: 'WhatsApp' })
  })
  context.on('page', (opened) => void opened.close())
  await row.getByRole('button', { name: 'WhatsApp (due)' }).click()
  const whatsapp = page.getByRole('dialog', { name: `WhatsApp reminder to ${NAME}` })
  await expect(whatsapp.getByTestId('whatsapp-text')).toContainText(`Hello ${NAME}, ₹500.00 is due at Demo Salon. Your statement: http`)
  await expect(whatsapp.getByTestId('whatsapp-text')).toContainText('/s/')
  await page.screenshot({ path: 'test-results/screens/collections-whatsapp-dialog.png' })
  await whatsapp.getByRole('button', { name: 'Open WhatsApp and record' }).click()
  await expect(page.getByTestId('toast').last()).toContainText(`WhatsApp reminder to ${NAME} recorded`)
  await expect(row.getByTestId('last-reminder')).toContainText('WhatsApp (by hand) · sent')
  await expect.poll(() => popups.length).toBe(1)
  expect(popups[0]).toContain(`https://wa.me/${phone.replace('+', '')}?text=`)
  expect(decodeURIComponent(popups[0]!)).toContain(`${NAME}, ₹500.00 is due at Demo Salon`)

  await row.getByRole('button', { name: 'Dispute' }).click()
  const dispute = page.getByRole('dialog', { name: new RegExp(`Mark ${NAME}'s dues disputed`) })
  await dispute.getByRole('button', { name: 'Mark disputed' }).click()
  await expect(dispute.getByRole('alert')).toContainText('What is disputed is required')
  await dispute.getByLabel('What is disputed').fill('Says the colour was wrong')
  await dispute.getByRole('button', { name: 'Mark disputed' }).click()
  await expect(page.getByTestId('toast').last()).toContainText(`${NAME}'s dues marked disputed`)
  await expect(row).toContainText('disputed')
  await expect(row.getByRole('button', { name: 'Resolve' })).toBeVisible()
  await page.screenshot({ path: 'test-results/screens/collections-after-actions.png', fullPage: true })
})

test('cashier: the list is read-only, and the POS alert shows the promise and the last reminder', async ({ page }) => {
  await login(page, 'cashier')
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Collections' }).click()
  const row = rowOf(page)
  await expect(row.getByTestId('promise')).toContainText('₹500.00')
  await expect(row.getByRole('button')).toHaveCount(0)
  await expect(page.getByText('Read-only')).toBeVisible()
  await page.screenshot({ path: 'test-results/screens/collections-cashier.png', fullPage: true })

  await selectCustomerAtPos(page, phone, NAME)
  const alert = page.getByTestId('pending-alert')
  await expect(alert.getByTestId('collection-note')).toContainText('Promised ₹500.00 by')
  await expect(alert.getByTestId('collection-note')).toContainText('open')
  await expect(alert.getByTestId('collection-note')).toContainText('Last reminder: WhatsApp sent')
  await page.screenshot({ path: 'test-results/screens/pos-collection-note.png', fullPage: true })
})
