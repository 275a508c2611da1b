import { expect, test } from '@playwright/test'

import { adminLogin, fromThePage, inIndia, login, storeDay } from './helpers'

interface Statement {
  id: number
  isClosed: boolean
  totalAmount: number
  label: string
  startDate: string
  endDate: string
}

test('the owner records yesterday’s card charge, closes its statement, and today’s charge still lands (bug 2)', async ({ page }) => {
  await login(page, 'owner')
  await page.goto('/cards')
  await expect(page.getByTestId('card-summary')).toContainText('HDFC Business ••4821')
  const statementsApi = async () => (await (await page.request.get('/api/credit-card-invoices?sort=-startDate&depth=0&limit=50')).json()).docs as Statement[]
  const yesterday = storeDay(-1)
  const today = storeDay(0)

  await page.getByRole('button', { name: 'Record card charge' }).click()
  const dialog = page.getByRole('dialog', { name: 'Record a card charge' })
  await expect(dialog.getByLabel('Date')).toHaveValue(inIndia(today))
  await dialog.getByLabel('Amount').fill('500')
  await dialog.getByLabel('Date').fill(inIndia(yesterday))
  await dialog.getByLabel('What for').fill('Towels')
  await dialog.getByRole('button', { name: 'Record charge' }).click()
  await expect(dialog).toBeHidden()
  await expect(page.getByTestId('toast')).toContainText(/Card charge of ₹500\.00 recorded · EXP-\d{6}/)
  const charged = (await statementsApi()).find((statement) => statement.startDate.slice(0, 10) <= yesterday && yesterday <= statement.endDate.slice(0, 10))!
  expect(charged.isClosed).toBe(false)
  const row = page.getByTestId(`statement-${charged.id}`)
  await expect(row.getByTestId('statement-status')).toHaveText('Open')
  await page.screenshot({ path: 'test-results/screens/cards.png', fullPage: true })

  page.once('dialog', (confirm) => {
    expect(confirm.message()).toContain(charged.endDate.slice(0, 10) >= today ? `It will end yesterday (${yesterday})` : 'no longer be accepted')
    void confirm.accept()
  })
  await row.getByRole('button', { name: 'Close' }).click()
  await expect(row.getByTestId('statement-status')).toHaveText(/^Closed · (unpaid|partly paid|overdue)$/)
  const after = await statementsApi()
  const closed = after.find((statement) => statement.id === charged.id)!
  expect(closed.isClosed).toBe(true)
  expect(closed.endDate.slice(0, 10)).toBe(charged.endDate.slice(0, 10) >= today ? yesterday : charged.endDate.slice(0, 10))
  await page.screenshot({ path: 'test-results/screens/cards-closed.png', fullPage: true })

  // Today's charge is taken by the open period that now starts today (or was already running).
  await page.getByRole('button', { name: 'Record card charge' }).click()
  await dialog.getByLabel('Amount').fill('120')
  await dialog.getByLabel('What for').fill('Tea')
  await dialog.getByRole('button', { name: 'Record charge' }).click()
  await expect(dialog).toBeHidden()
  const open = (await statementsApi()).find((statement) => !statement.isClosed && statement.startDate.slice(0, 10) <= today && today <= statement.endDate.slice(0, 10))!
  expect(open.totalAmount).toBeGreaterThanOrEqual(12_000)
})

test('the admin statements list: Close selected asks first and refuses a period that has not started', async ({ page }) => {
  await adminLogin(page, 'owner')
  // A charge dated next period creates that (future) statement.
  const cards = await (await page.request.get('/api/credit-cards?depth=0')).json()
  const card = cards.docs.find((entry: { name: string }) => entry.name === 'HDFC Business')
  const store = typeof card.store === 'object' ? card.store.id : card.store
  const later = storeDay(40)
  const future = await page.request.post('/api/transactions', {
    headers: fromThePage(page),
    data: { store, type: 'expense', kind: 'expense', method: 'credit_card', creditCard: card.id, amount: 9_900, date: `${later}T12:00:00.000Z`, notes: 'Booked ahead' },
  })
  expect(future.ok(), await future.text()).toBe(true)
  const statement = (await future.json()).doc.creditCardInvoice as { id: number } | number
  const id = typeof statement === 'object' ? statement.id : statement

  await page.goto('/admin/collections/credit-card-invoices')
  await expect(page.getByRole('button', { name: 'Close selected' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Recalculate' })).toBeVisible()
  await expect(page.getByText('HDFC Business').first()).toBeVisible()
  await expect(page.getByText('₹99.00').first()).toBeVisible()
  const rowOf = page.locator('tr', { has: page.locator(`a[href$="/credit-card-invoices/${id}"]`) })
  await rowOf.locator('input[type="checkbox"]').check()
  let asked = ''
  page.once('dialog', (confirm) => {
    asked = confirm.message()
    void confirm.accept()
  })
  await page.getByRole('button', { name: 'Close selected' }).click()
  const report = page.getByText(/^Closed 0 of 1\./)
  await expect(report).toContainText('has not started')
  expect(asked).toContain('Close 1 statement?')
  await page.screenshot({ path: 'test-results/screens/admin-statements.png', fullPage: true })
  const after = await (await page.request.get(`/api/credit-card-invoices/${id}?depth=0`)).json()
  expect(after.isClosed).toBe(false)
})
