/**
 * A rental business's screens (issue 13, seed: Demo Rentals is of kind "rental"): clients
 * with their timesheets, active rentals, revenue, paid and outstanding; timesheets by month
 * and asset; a new timesheet whose amount is computed as it is typed.
 */
import { expect, test } from '@playwright/test'

import { login, storeDay } from './helpers'

test.beforeEach(async ({ page }) => {
  await page.goto('/login')
  await page.getByLabel('Email').fill('rentals@demo.tally')
  await page.getByLabel('Password').fill('demo-pass')
  await page.getByRole('button', { name: 'Log in' }).click()
  await expect(page.getByTestId('user-role')).toHaveText('owner')
})

test('the client list and client page speak rentals: timesheets, active rentals, revenue, paid, outstanding', async ({ page }) => {
  const nav = page.getByRole('navigation', { name: 'Main' })
  await expect(nav.getByRole('link')).toHaveText([
    'Timesheets',
    'Clients',
    'Collections',
    'Dashboard',
    'Ledger',
    'Invoices',
    'Reconciliation',
    'Cards',
    'Price list',
    'Tax',
    'Settings',
    'Admin',
  ])
  await nav.getByRole('link', { name: 'Clients' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Clients')
  await expect(nav.getByRole('link', { name: 'Clients' })).toHaveAttribute('aria-current', 'page')
  const table = page.getByTestId('customers-table')
  await expect(table.locator('thead')).toContainText('Timesheets')
  await expect(table.locator('thead')).toContainText('Active rentals')
  const builder = table.locator('tr', { hasText: 'BuildRight Constructions' })
  // Demo Rentals applies held money on posting (autoApplyCredits): the ₹20,000 booking deposit
  // paid the timesheet with the ₹40,000 paid, so ₹60,000 is paid and ₹40,000 outstanding.
  await expect(builder).toContainText('₹1,00,000.00') // revenue
  await expect(builder).toContainText('₹60,000.00') // paid
  await expect(builder).toContainText('₹40,000.00') // outstanding
  const skyline = table.locator('tr', { hasText: 'Skyline Infra' })
  await expect(skyline).toContainText('₹43,200.00')
  await expect(page.getByTestId('active-rentals')).toHaveText('1')
  await page.screenshot({ path: 'test-results/screens/rentals-clients.png', fullPage: true })

  await builder.getByRole('link', { name: 'BuildRight Constructions' }).click()
  await expect(page.getByTestId('customer-services')).toHaveText('1')
  await expect(page.getByTestId('customer-active-rentals')).toHaveText('1')
  await expect(page.getByTestId('customer-billed')).toHaveText('₹1,00,000.00')
  await expect(page.getByTestId('customer-paid')).toHaveText('₹60,000.00')
  await expect(page.getByTestId('customer-pending')).toHaveText('₹40,000.00')
  await expect(page.getByRole('link', { name: 'New timesheet' })).toBeVisible()
  await page.screenshot({ path: 'test-results/screens/rentals-client.png', fullPage: true })
})

test('timesheets by month and asset; a new timesheet computes its amount and is owed at once', async ({ page }) => {
  await page.goto('/timesheets')
  const table = page.getByTestId('timesheets-table')
  await expect(table).toContainText('BuildRight Constructions')
  await expect(table).toContainText('ongoing')
  await page.getByRole('link', { name: '‹ Previous month' }).click()
  await expect(table).toContainText('Skyline Infra')
  await expect(table).toContainText('Hino recovery truck')
  await expect(table.locator('tr', { hasText: 'Skyline Infra' })).toContainText('₹43,200.00')
  await expect(table.locator('tfoot')).toContainText('2 timesheets')
  await page.getByLabel('Asset filter').selectOption({ label: 'Tadano 50T crane' })
  await page.getByRole('button', { name: 'Show' }).click()
  await expect(table).not.toContainText('Skyline Infra')

  await page.goto('/timesheets')
  const form = page.getByRole('form', { name: 'New timesheet' })
  await form.getByRole('combobox', { name: 'Client' }).fill('Skyline')
  await form.getByRole('option', { name: /Skyline Infra/ }).click()
  await form.getByLabel('Asset', { exact: true }).selectOption({ label: 'Hino recovery truck (MH-14-TW-0788)' })
  await expect(form.getByLabel('Rate per hour')).toHaveValue('1800.00')
  await form.getByLabel('Hours').fill('12.5')
  await expect(form.getByTestId('timesheet-amount')).toHaveText('₹22,500.00')
  await form.getByLabel('Rate per hour').fill('2000')
  await expect(form.getByTestId('timesheet-amount')).toHaveText('₹25,000.00')
  await page.screenshot({ path: 'test-results/screens/rentals-new-timesheet.png', fullPage: true })
  await form.getByRole('button', { name: 'Post timesheet' }).click()
  await expect(page.getByTestId('toast')).toContainText(/Timesheet RNT-\d{2}-\d{4} posted: ₹25,000\.00 for Skyline Infra/)
  const row = table.locator('tr', { hasText: 'Skyline Infra' })
  await expect(row).toContainText('₹25,000.00')
  await expect(row).toContainText('12.5')
  await page.screenshot({ path: 'test-results/screens/rentals-timesheets.png', fullPage: true })

  const clients = await (await page.request.get('/api/customers?where[name][equals]=Skyline%20Infra&depth=0')).json()
  expect(clients.docs[0]).toMatchObject({ pendingBalance: 2_500_000, servicesCount: 2 })
  const sheets = await (await page.request.get(`/api/invoices?where[customer][equals]=${clients.docs[0].id}&where[kind][equals]=timesheet&sort=-id&depth=0`)).json()
  expect(sheets.docs[0]).toMatchObject({ status: 'open', total: 2_500_000, hours: 12.5, rate: 200_000 })
  expect(sheets.docs[0].periodStart.slice(0, 10)).toBe(`${storeDay(0).slice(0, 7)}-01`)
})

test('a salon cashier still sees Customers and the POS (the words follow the store)', async ({ page }) => {
  await login(page, 'cashier')
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link')).toHaveText(['POS', 'Customers', 'Collections'])
})
