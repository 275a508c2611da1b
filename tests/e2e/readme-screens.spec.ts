/**
 * The README's three screenshots (issue 20): the POS, a customer's page and the dashboard,
 * on the demo data, written to docs/screenshots/ — every e2e run refreshes them, so the
 * README shows the screens as they are.
 */
import { statSync } from 'node:fs'

import { expect, test, type Page } from '@playwright/test'

import { addService, login, newCustomerAtPos } from './helpers'

test.use({ viewport: { width: 1280, height: 800 } })

async function shoot(page: Page, name: string) {
  const file = `docs/screenshots/${name}.png`
  const before = Date.now()
  await page.screenshot({ path: file, animations: 'disabled' })
  const { size, mtimeMs } = statSync(file)
  expect(mtimeMs).toBeGreaterThanOrEqual(before - 1000)
  expect(size).toBeGreaterThan(10_000)
}

test('the README screenshots: POS, customer page, dashboard (owner of Demo Salon)', async ({ page }) => {
  await login(page, 'owner')

  await newCustomerAtPos(page, 'Meera Iyer')
  await addService(page, 1, 'Haircut', '600')
  await addService(page, 2, 'Hair colour', '1,400')
  await expect(page.getByRole('button', { name: 'Charge ₹2,000.00' })).toBeVisible()
  await shoot(page, 'pos')

  // the demo customer who owes the most: a statement with history
  const response = await page.request.get('/api/customers?sort=-pendingBalance&limit=1&depth=0')
  const [customer] = ((await response.json()) as { docs: { id: number; name: string }[] }).docs
  expect(customer).toBeDefined()
  await page.goto(`/customers/${customer!.id}`)
  await expect(page.getByRole('heading', { name: customer!.name })).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Statement', exact: true })).toBeVisible()
  await shoot(page, 'customer')

  await page.goto('/dashboard')
  await expect(page.getByTestId('dashboard-revenue')).toBeVisible()
  await page.waitForLoadState('networkidle')
  await shoot(page, 'dashboard')
})
