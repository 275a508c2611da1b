import { expect, test } from '@playwright/test'

import { login } from './helpers'

test('the owner records a card charge, sees it on the open statement, then closes the statement', async ({ page }) => {
  await login(page, 'owner')
  await page.goto('/cards')
  await expect(page.getByTestId('card-summary')).toContainText('HDFC Business ••4821')
  const statementsApi = async () =>
    (await (await page.request.get('/api/credit-card-invoices?sort=-startDate&depth=0&limit=50')).json()).docs as {
      id: number
      isClosed: boolean
      totalAmount: number
      label: string
    }[]
  const initial = await statementsApi()
  const openBefore = initial.filter((statement) => !statement.isClosed).length
  const before = initial.find((statement) => !statement.isClosed)! // the latest open period: today's

  await page.getByRole('button', { name: 'Record card charge' }).click()
  const dialog = page.getByRole('dialog', { name: 'Record a card charge' })
  await dialog.getByLabel('Amount').fill('500')
  await dialog.getByLabel('What for').fill('Towels')
  await dialog.getByRole('button', { name: 'Record charge' }).click()
  await expect(dialog).toBeHidden()
  const row = page.getByTestId(`statement-${before.id}`)
  await expect(row).toContainText('₹')
  const after = (await statementsApi()).find((statement) => statement.id === before.id)!
  expect(after.totalAmount).toBe(before.totalAmount + 50_000)
  await page.screenshot({ path: 'test-results/screens/cards.png', fullPage: true })

  page.once('dialog', (confirm) => void confirm.accept())
  await row.getByRole('button', { name: 'Close' }).click()
  await expect(row).toContainText('closed')
  const statements = await statementsApi()
  expect(statements.find((statement) => statement.id === before.id)?.isClosed).toBe(true)
  // one closed, the next period opened in its place
  expect(statements.filter((statement) => !statement.isClosed)).toHaveLength(openBefore)
  expect(statements).toHaveLength(initial.length + 1)
})

test('the admin statements list has the bulk actions', async ({ page }) => {
  await page.goto('/admin/login')
  await page.locator('input[name="email"]').fill('owner@demo.tally')
  await page.locator('input[name="password"]').fill('demo-pass')
  await page.locator('button[type="submit"]').click()
  await expect(page).not.toHaveURL(/\/login/)
  await page.goto('/admin/collections/credit-card-invoices')
  await expect(page.getByRole('button', { name: 'Close selected' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Recalculate' })).toBeVisible()
  await expect(page.getByText('HDFC Business').first()).toBeVisible()
  await page.screenshot({ path: 'test-results/screens/admin-statements.png', fullPage: true })
})
