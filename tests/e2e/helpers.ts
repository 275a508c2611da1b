import { expect, type Page } from '@playwright/test'

export async function login(page: Page, who: 'cashier' | 'owner' | 'admin' = 'cashier') {
  await page.goto('/login')
  await page.getByLabel('Email').fill(`${who}@demo.tally`)
  await page.getByLabel('Password').fill('demo-pass')
  await page.getByRole('button', { name: 'Log in' }).click()
  await expect(page.getByTestId('user-role')).toHaveText(who)
}

/**
 * Headers a browser puts on its own writes: page.request (Playwright's API client) sends the
 * session cookie but no Origin, and the API refuses a cookie-authenticated write that does not
 * say where it comes from (CSRF, src/lib/requestGuard.ts).
 */
export function fromThePage(page: Page): Record<string, string> {
  return { Origin: new URL(page.url()).origin }
}

let sequence = 0
/** A fresh, valid Indian mobile number per call (tests never share customers). */
export function freshPhone(): string {
  sequence += 1
  const tail = String((Date.now() % 1_000_000) * 10 + sequence)
    .padStart(7, '0')
    .slice(-7)
  return `987${tail}`
}

/** On /pos: create the customer from a phone number and select them. */
export async function newCustomerAtPos(page: Page, name: string): Promise<string> {
  const phone = freshPhone()
  await page.goto('/pos')
  await page.getByLabel('Find customer').fill(phone)
  await page.getByLabel('New customer name').fill(name)
  await page.getByRole('button', { name: 'Create customer' }).click()
  await expect(page.getByTestId('selected-customer')).toContainText(name)
  return `+91${phone}`
}

export async function selectCustomerAtPos(page: Page, phone: string, name: string) {
  await page.goto('/pos')
  await page.getByLabel('Find customer').fill(phone.slice(-10))
  await expect(page.getByRole('option', { name: new RegExp(name) })).toBeVisible()
  await page.getByLabel('Find customer').press('Enter')
  await expect(page.getByTestId('selected-customer')).toContainText(name)
}

export async function addService(page: Page, line: number, description: string, price: string) {
  if (line > 1) await page.getByRole('button', { name: '+ Add service' }).click()
  await page.getByLabel(`Service ${line}`, { exact: true }).fill(description)
  await page.getByLabel(`Price ${line}`, { exact: true }).fill(price)
}

export async function customerByPhone(page: Page, phone: string) {
  const response = await page.request.get(`/api/customers?where[phone][equals]=${encodeURIComponent(phone)}&depth=0`)
  expect(response.ok()).toBe(true)
  const body = await response.json()
  expect(body.docs).toHaveLength(1)
  return body.docs[0] as { id: number; pendingBalance: number; advanceBalance: number; visits: number }
}

/** A day in the demo stores' zone (Asia/Kolkata), `days` from today: yyyy-mm-dd. */
export function storeDay(days = 0): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Kolkata' }).format(new Date(Date.now() + days * 86_400_000))
}

/** How en-IN writes a yyyy-mm-dd day: dd/mm/yyyy. */
export const inIndia = (day: string) => day.split('-').reverse().join('/')

/** Log in to the Payload admin. */
export async function adminLogin(page: Page, who: 'owner' | 'admin' = 'owner') {
  await page.goto('/admin/login')
  await page.locator('input[name="email"]').fill(`${who}@demo.tally`)
  await page.locator('input[name="password"]').fill('demo-pass')
  await page.locator('button[type="submit"]').click()
  await expect(page).not.toHaveURL(/\/login/)
}
