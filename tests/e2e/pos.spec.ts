/**
 * The POS guide's scenarios, charge-first (issue 13), each checked on screen and then against
 * the API's ledger. Screenshots land in test-results/screens/.
 */
import { expect, test, type Page } from '@playwright/test'

import { addService, customerByPhone, fromThePage, login, newCustomerAtPos, selectCustomerAtPos } from './helpers'

test.beforeEach(async ({ page }) => {
  await login(page, 'cashier')
})

const primary = (page: Page) => page.getByTestId('primary-action')
const preview = (page: Page) => page.getByTestId('checkout-preview')

test('charge-first: the primary action charges the whole bill; a walk-in pays ₹1,000 cash for ₹300 and gets ₹700 change', async ({ page }) => {
  const phone = await newCustomerAtPos(page, 'Walk In')
  await addService(page, 1, 'Haircut', '300')
  await expect(primary(page)).toHaveText('Charge ₹300.00')
  await expect(page.getByLabel('Payment amount 1')).toHaveValue('300.00')
  await page.getByLabel('Cash tendered 1').fill('1000')
  await expect(page.getByTestId('change-due')).toHaveText('Change due ₹700.00')
  await expect(preview(page)).toContainText('₹300.00 pays this bill')
  await expect(preview(page)).toContainText('Change due ₹700.00')
  await expect(preview(page)).toContainText('New total owed ₹0.00')
  await page.screenshot({ path: 'test-results/screens/pos-charge-change.png', fullPage: true })
  await primary(page).click()
  await expect(page.getByTestId('sale-done')).toContainText(/Charged ₹300\.00 · PAY-\d{6} \(Cash\)/)
  await expect(page.getByTestId('sale-change')).toHaveText('Give back ₹700.00 change')
  await expect(page.getByTestId('receipt')).toContainText('PAID IN FULL')
  await expect(page.getByTestId('receipt')).toContainText(/Change\s+₹700\.00/)
  await page.screenshot({ path: 'test-results/screens/pos-charge-receipt.png', fullPage: true })
  expect(await customerByPhone(page, phone)).toMatchObject({ pendingBalance: 0, advanceBalance: 0 })
})

test('₹1,000 typed as the cash amount for a ₹300 bill is change, not an error (bug 3)', async ({ page }) => {
  const phone = await newCustomerAtPos(page, 'Big Note')
  await addService(page, 1, 'Wash', '300')
  await page.getByLabel('Payment amount 1').fill('1000')
  await expect(preview(page)).toContainText('Change due ₹700.00')
  await expect(primary(page)).toHaveText('Charge ₹300.00')
  await primary(page).click()
  await expect(page.getByTestId('sale-change')).toHaveText('Give back ₹700.00 change')
  expect((await customerByPhone(page, phone)).pendingBalance).toBe(0)
})

test('the preview says what will happen: earlier bills, the new total owed, an advance kept', async ({ page }) => {
  const phone = await newCustomerAtPos(page, 'Preview Person')
  await addService(page, 1, 'Manicure', '500')
  await page.getByRole('button', { name: 'Complete bill (no payment)' }).click()
  await expect(page.getByTestId('receipt')).toContainText('FULL AMOUNT PENDING: ₹500.00')

  await selectCustomerAtPos(page, phone, 'Preview Person')
  await addService(page, 1, 'Pedicure', '300')
  await expect(preview(page)).toContainText('₹300.00 pays this bill')
  await expect(preview(page)).toContainText('New total owed ₹500.00')
  await page.getByRole('button', { name: /Earlier dues ₹500\.00/ }).click()
  await expect(page.getByLabel('Payment amount 1')).toHaveValue('800.00')
  await expect(preview(page)).toContainText('₹500.00 goes to earlier bills')
  await expect(preview(page)).toContainText('New total owed ₹0.00')
  await page.getByRole('radio', { name: 'UPI' }).check()
  await page.getByLabel('Payment amount 1').fill('1000')
  await expect(preview(page)).toContainText('₹200.00 is more than everything owed')
  await page.getByLabel('Keep what is paid beyond everything owed as an advance').check()
  await expect(preview(page)).toContainText('₹200.00 kept as advance')
  await page.screenshot({ path: 'test-results/screens/pos-preview.png', fullPage: true })
  await expect(primary(page)).toHaveText('Charge ₹1,000.00')
  await primary(page).click()
  await expect(page.getByTestId('receipt')).toContainText('Applied to earlier bills')
  await expect(page.getByTestId('receipt')).toContainText('Kept as advance')
  expect(await customerByPhone(page, phone)).toMatchObject({ pendingBalance: 0, advanceBalance: 20_000 })
})

test('free service: complimentary asks for a reason and keeps it on the bill', async ({ page }) => {
  const phone = await newCustomerAtPos(page, 'Family Friend')
  await addService(page, 1, 'Haircut', '500')
  await page.getByRole('button', { name: 'Complimentary' }).click()
  const dialog = page.getByRole('dialog', { name: 'Complimentary bill' })
  await dialog.getByRole('button', { name: 'Complete complimentary bill' }).click()
  await expect(dialog.getByRole('alert')).toContainText('Say why it is free')
  await dialog.getByLabel('Reason').fill('Family')
  await page.screenshot({ path: 'test-results/screens/pos-complimentary.png', fullPage: true })
  await dialog.getByRole('button', { name: 'Complete complimentary bill' }).click()
  await expect(page.getByTestId('receipt')).toContainText('COMPLIMENTARY SERVICE')
  await expect(page.getByTestId('receipt')).toContainText('Reason: Family')
  await page.screenshot({ path: 'test-results/screens/receipt-complimentary.png', fullPage: true })
  const customer = await customerByPhone(page, phone)
  expect(customer).toMatchObject({ pendingBalance: 0, visits: 1 })
})

test('bill ₹1000 paid ₹400 → pending ₹600 shown in red on the customers page', async ({ page }) => {
  const phone = await newCustomerAtPos(page, 'Part Payer')
  await addService(page, 1, 'Hair colour', '1000')
  await page.getByLabel('Payment amount 1').fill('400')
  await expect(preview(page)).toContainText('₹600.00 of this bill stays pending')
  await page.screenshot({ path: 'test-results/screens/pos.png', fullPage: true })
  await page.getByRole('button', { name: 'Complete bill (pending ₹600.00)' }).click()
  await expect(page.getByTestId('receipt')).toContainText('PENDING BALANCE: ₹600.00')
  await page.screenshot({ path: 'test-results/screens/receipt.png', fullPage: true })

  await page.goto(`/customers?q=${phone.slice(-10)}`)
  const cell = page.getByTestId('pending-cell').first()
  await expect(cell).toHaveText('₹600.00')
  await expect(cell.locator('.money--owed')).toHaveCSS('color', 'rgb(217, 45, 32)')
  await page.screenshot({ path: 'test-results/screens/customers.png', fullPage: true })
  expect((await customerByPhone(page, phone)).pendingBalance).toBe(60_000)
})

test('nothing paid → FULL AMOUNT PENDING', async ({ page }) => {
  const phone = await newCustomerAtPos(page, 'Pays Later')
  await addService(page, 1, 'Beard trim', '500')
  await page.getByRole('button', { name: 'Complete bill (no payment)' }).click()
  await expect(page.getByTestId('receipt')).toContainText('FULL AMOUNT PENDING: ₹500.00')
  expect((await customerByPhone(page, phone)).pendingBalance).toBe(50_000)
})

test('collect ₹600 from the customers page: confirmation with the reference, a printable receipt, the row stays', async ({ page }) => {
  const phone = await newCustomerAtPos(page, 'Collect Me')
  await addService(page, 1, 'Hair colour', '1000')
  await page.getByLabel('Payment amount 1').fill('400')
  await page.getByRole('button', { name: /Complete bill \(pending/ }).click()
  await expect(page.getByTestId('receipt')).toBeVisible()

  await page.goto(`/customers?q=${phone.slice(-10)}`)
  await page.getByRole('button', { name: 'Collect', exact: true }).click()
  const dialog = page.getByRole('dialog')
  await expect(dialog.getByLabel('Amount')).toHaveValue('600.00')
  await dialog.getByLabel('Method').selectOption('upi')
  await dialog.getByRole('button', { name: 'Collect payment' }).click()
  await expect(dialog).toBeHidden()
  // The figures were refreshed before the dialog closed.
  await expect(page.getByTestId('pending-cell').first()).toHaveText('–')
  // Labels (bug 7): a grey dash for nothing pending, "1 customer".
  await expect(page.getByTestId('pending-cell').first().locator('.dash')).toHaveCSS('color', 'rgb(102, 112, 133)')
  await expect(page.getByRole('navigation', { name: 'Pages' })).toContainText('1 customer · page 1 of 1')
  const toast = page.getByTestId('toast')
  await expect(toast).toContainText(/Collected ₹600\.00 from Collect Me · PAY-\d{6} · Print receipt/)
  await page.screenshot({ path: 'test-results/screens/collect-confirmation.png', fullPage: true })
  expect((await customerByPhone(page, phone)).pendingBalance).toBe(0)

  await toast.getByRole('link', { name: 'Print receipt' }).click()
  await expect(page.getByTestId('receipt')).toContainText('Received (UPI)')
  await expect(page.getByTestId('receipt')).toContainText('NOTHING PENDING')
  await page.screenshot({ path: 'test-results/screens/collection-receipt.png', fullPage: true })
})

test('the list does not jump away from the row just acted on', async ({ page }) => {
  const stamp = `Stay ${Date.now().toString(36)}`
  const store = (await (await page.request.get('/api/stores?depth=0')).json()).docs[0].id as number
  const ids: number[] = []
  for (const [index, amount] of [90_000, 80_000, 70_000].entries()) {
    const phone = `98${String(Date.now() % 100_000_000)
      .padStart(8, '0')
      .slice(0, 7)}${index}`
    const resolved = await (await page.request.post('/api/customers/resolve', { data: { store, phone, name: `${stamp} ${index}` }, headers: fromThePage(page) })).json()
    ids.push(resolved.customer.id)
    const sale = await page.request.post('/api/pos/checkout', {
      data: { store, customer: resolved.customer.id, items: [{ description: 'Service', quantity: 1, unitPrice: amount }] },
      headers: fromThePage(page),
    })
    expect(sale.ok(), await sale.text()).toBe(true)
  }
  await page.goto(`/customers?q=${encodeURIComponent(stamp)}`)
  const rows = page.getByTestId('customers-table').locator('tbody tr')
  await expect(rows).toHaveCount(3)
  await expect(rows.nth(0)).toContainText(`${stamp} 0`)
  await rows.nth(0).getByRole('button', { name: 'Collect', exact: true }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Collect payment' }).click()
  await expect(page.getByRole('dialog')).toBeHidden()
  // Sorted by pending the row would now be last; it stays first, with its new figures.
  await expect(rows.nth(0)).toContainText(`${stamp} 0`)
  await expect(rows.nth(0).getByTestId('pending-cell')).toHaveText('–')
  await expect(rows.nth(1)).toContainText(`${stamp} 1`)
  await page.screenshot({ path: 'test-results/screens/customers-row-stays.png', fullPage: true })
  // A new search starts from the server's order again.
  await page.getByRole('button', { name: 'Apply' }).click()
  await expect(rows.nth(2)).toContainText(`${stamp} 0`)
})

test('collect pending from the POS; reopening starts from what is pending now (bug 4)', async ({ page }) => {
  const phone = await newCustomerAtPos(page, 'Old Dues')
  await addService(page, 1, 'Facial', '600')
  await page.getByRole('button', { name: 'Complete bill (no payment)' }).click()
  await expect(page.getByTestId('receipt')).toBeVisible()

  await selectCustomerAtPos(page, phone, 'Old Dues')
  const alert = page.getByTestId('pending-alert')
  await expect(alert).toContainText('₹600.00')
  await alert.getByRole('button', { name: 'Collect now' }).click()
  await expect(alert.getByLabel('Collect amount')).toHaveValue('600.00')
  await alert.getByLabel('Collect amount').fill('250')
  await alert.getByRole('button', { name: 'Collect', exact: true }).click()
  await expect(alert).toContainText('₹350.00')
  await expect(page.getByTestId('toast')).toContainText('Collected ₹250.00')
  await alert.getByRole('button', { name: 'Collect now' }).click()
  await expect(alert.getByLabel('Collect amount')).toHaveValue('350.00')
  await alert.getByRole('button', { name: 'Collect', exact: true }).click()
  await expect(page.getByTestId('pending-alert')).toHaveCount(0)
  expect((await customerByPhone(page, phone)).pendingBalance).toBe(0)
})

test('pay a bill from two deposits: ₹500 + ₹300, bill ₹600 → ₹200 left', async ({ page }) => {
  const phone = await newCustomerAtPos(page, 'Deposit Holder')
  const { id } = await customerByPhone(page, phone)
  await page.goto(`/customers/${id}`)
  for (const amount of ['500', '300']) {
    await page.getByRole('button', { name: 'Take advance' }).click()
    const dialog = page.getByRole('dialog', { name: /Advance from/ })
    await dialog.getByLabel('Advance amount').fill(amount)
    await dialog.getByRole('button', { name: 'Take advance' }).click()
    await expect(dialog).toBeHidden()
  }
  await expect(page.getByTestId('customer-advance')).toHaveText('₹800.00')

  await selectCustomerAtPos(page, phone, 'Deposit Holder')
  await addService(page, 1, 'Bridal trial', '600')
  await page.getByRole('button', { name: 'Use max' }).click()
  await expect(page.getByLabel('Use advance')).toHaveValue('600.00')
  await expect(preview(page)).toContainText('₹600.00 paid from the advance')
  await primary(page).click()
  await expect(page.getByTestId('receipt')).toContainText('Paid from advance')
  await expect(page.getByTestId('receipt')).toContainText(/Advance held +₹200\.00/)

  const customer = await customerByPhone(page, phone)
  expect(customer).toMatchObject({ advanceBalance: 20_000, pendingBalance: 0 })
  const deposits = await (await page.request.get(`/api/advance-payments?where[customer][equals]=${id}&sort=id`)).json()
  expect(deposits.docs.map((d: { status: string; remainingAmount: number }) => [d.status, d.remainingAmount])).toEqual([
    ['utilized', 0],
    ['active', 20_000],
  ])
})

test('refusals show once, next to the field, and keep the cart', async ({ page }) => {
  await newCustomerAtPos(page, 'Over Payer')
  await addService(page, 1, 'Wash', '100')
  await page.getByRole('radio', { name: 'Card' }).check()
  await page.getByLabel('Payment amount 1').fill('500')
  await primary(page).click()
  await expect(page.getByText('₹400.00 more than everything owed: lower the amount, or keep it as an advance')).toHaveCount(1)
  await expect(page.getByTestId('receipt')).toHaveCount(0)
  await expect(page.getByLabel('Service 1', { exact: true })).toHaveValue('Wash')
})

test('an invalid phone is refused with a message', async ({ page }) => {
  await page.goto('/pos')
  await page.getByLabel('Find customer').fill('00000 00')
  await page.getByLabel('New customer name').fill('Nobody')
  await page.getByRole('button', { name: 'Create customer' }).click()
  await expect(page.getByTestId('phone-error')).toContainText('not a valid phone number')
})

test('keyboard only: pick the customer, focus lands in the cart, Enter starts the next line, Ctrl+Enter charges', async ({ page }) => {
  const phone = await newCustomerAtPos(page, 'Keyboard User')
  await page.goto('/pos')
  await page.keyboard.type(phone.slice(-10))
  await expect(page.getByRole('option', { name: /Keyboard User/ })).toBeVisible()
  await page.keyboard.press('Enter')
  await expect(page.getByLabel('Service 1', { exact: true })).toBeFocused()
  await page.keyboard.type('Threading')
  await page.keyboard.press('Tab')
  await page.keyboard.press('Tab')
  await page.keyboard.type('150')
  await page.keyboard.press('Enter')
  await expect(page.getByLabel('Service 2', { exact: true })).toBeFocused()
  await page.keyboard.type('Eyebrow tint')
  await page.keyboard.press('Tab')
  await page.keyboard.press('Tab')
  await page.keyboard.type('100')
  await expect(primary(page)).toHaveText('Charge ₹250.00')
  await page.screenshot({ path: 'test-results/screens/pos-keyboard.png', fullPage: true })
  await page.keyboard.press('Control+Enter')
  await expect(page.getByTestId('receipt')).toContainText('PAID IN FULL')
  await expect(page.getByRole('button', { name: 'New sale' })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.getByLabel('Find customer')).toBeFocused()
  expect((await customerByPhone(page, phone)).pendingBalance).toBe(0)
})

test('a skip link, and the menu marks the screen you are on', async ({ page }) => {
  await page.goto('/customers')
  await page.keyboard.press('Tab')
  const skip = page.getByRole('link', { name: 'Skip to content' })
  await expect(skip).toBeFocused()
  await expect(skip).toBeInViewport()
  await page.keyboard.press('Enter')
  await expect(page.locator('#main')).toBeFocused()
  const nav = page.getByRole('navigation', { name: 'Main' })
  await expect(nav.getByRole('link', { name: 'Customers' })).toHaveAttribute('aria-current', 'page')
  await expect(nav.getByRole('link', { name: 'POS' })).not.toHaveAttribute('aria-current', 'page')
})

test('a cashier sees no owner-only action', async ({ page }) => {
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link')).toHaveText(['POS', 'Customers', 'Collections'])
  const response = await page.request.post('/api/invoices/1/void', { data: {}, headers: fromThePage(page) })
  expect(response.status()).toBe(403)
  await page.goto('/ledger')
  await expect(page.getByRole('heading', { name: 'Not available for your role' })).toBeVisible()
})

test('a cashier reprints any bill from the customer page', async ({ page }) => {
  const phone = await newCustomerAtPos(page, 'Reprint Me')
  await addService(page, 1, 'Spa', '700')
  await page.getByLabel('Payment amount 1').fill('200')
  await page.getByRole('button', { name: 'Complete bill (pending ₹500.00)' }).click()
  const number = (await page.getByTestId('receipt').textContent())!.match(/Bill (SAL-\d{2}-\d{4,})/)![1]!
  const { id } = await customerByPhone(page, phone)

  await page.goto(`/customers/${id}`)
  await page.getByTestId('statement').getByRole('link', { name: number }).click()
  await expect(page).toHaveURL(/\/receipts\/\d+$/)
  const receipt = page.getByTestId('receipt')
  await expect(receipt).toContainText(`Bill ${number}`)
  await expect(receipt).toContainText('REPRINT')
  await expect(receipt).toContainText('PENDING BALANCE: ₹500.00')
  await expect(page.getByRole('button', { name: 'Print receipt' })).toBeVisible()
  await page.screenshot({ path: 'test-results/screens/reprint.png', fullPage: true })
})

test('an unknown id stays in the app with a way out; the favicon is served', async ({ page }) => {
  for (const path of ['/customers/999999', '/receipts/999999']) {
    await page.goto(path)
    await expect(page.getByTestId('not-found')).toBeVisible()
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible()
  }
  await page.getByTestId('not-found').getByRole('link', { name: 'Customers' }).click()
  await expect(page).toHaveURL(/\/customers$/)
  expect((await page.request.get('/favicon.ico')).status()).toBe(200)
})

test('on a 768 px tablet the POS fits without sideways scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 768, height: 1024 })
  await newCustomerAtPos(page, 'Tablet Customer')
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
  expect(overflow).toBeLessThanOrEqual(0)
  await page.screenshot({ path: 'test-results/screens/pos-tablet.png', fullPage: true })
})

test('at 820 px the service names stay readable and the payment panel stays in view', async ({ page }) => {
  await page.setViewportSize({ width: 820, height: 1180 })
  await newCustomerAtPos(page, 'Tablet Portrait')
  const names = ['Keratin smoothing treatment', 'Hair colour — global, long hair', 'Head massage', 'Eyebrow threading', 'Deep conditioning', 'Blow dry']
  for (const [index, name] of names.entries()) await addService(page, index + 1, name, String(300 + index * 50))
  const service = page.getByLabel('Service 2', { exact: true })
  expect((await service.boundingBox())!.width).toBeGreaterThan(300)
  await expect(service).toHaveValue(names[1]!)
  await page.getByLabel(`Price ${names.length}`, { exact: true }).focus()
  await expect(primary(page)).toBeInViewport()
  await expect(preview(page)).toBeInViewport()
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
  expect(overflow).toBeLessThanOrEqual(0)
  await page.screenshot({ path: 'test-results/screens/pos-tablet-820.png' })
  await primary(page).click()
  await expect(page.getByTestId('receipt')).toContainText('PAID IN FULL')
})
