/**
 * The POS guide's scenarios, each checked on screen and then against the API's ledger.
 */
import { expect, test } from '@playwright/test'

import { addService, customerByPhone, fromThePage, login, newCustomerAtPos, selectCustomerAtPos } from './helpers'

test.beforeEach(async ({ page }) => {
  await login(page, 'cashier')
})

test('free service: complimentary bill, nothing pending', async ({ page }) => {
  const phone = await newCustomerAtPos(page, 'Family Friend')
  await addService(page, 1, 'Haircut', '500')
  await page.getByRole('button', { name: 'Complimentary' }).click()
  await expect(page.getByTestId('receipt')).toContainText('COMPLIMENTARY SERVICE')
  await page.screenshot({ path: 'test-results/screens/receipt-complimentary.png', fullPage: true })
  const customer = await customerByPhone(page, phone)
  expect(customer).toMatchObject({ pendingBalance: 0, visits: 1 })
})

test('bill ₹1000 paid ₹400 → pending ₹600 shown in red on the customers page', async ({ page }) => {
  const phone = await newCustomerAtPos(page, 'Part Payer')
  await addService(page, 1, 'Hair colour', '1000')
  await page.getByLabel('Payment amount 1').fill('400')
  await expect(page.getByTestId('left-pending')).toHaveText('₹600.00')
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

test('collect ₹600 from the customers page', async ({ page }) => {
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
  await expect(page.getByTestId('pending-cell').first()).toHaveText('–')
  expect((await customerByPhone(page, phone)).pendingBalance).toBe(0)
})

test('collect pending from the POS without a bill', async ({ page }) => {
  const phone = await newCustomerAtPos(page, 'Old Dues')
  await addService(page, 1, 'Facial', '750')
  await page.getByRole('button', { name: 'Complete bill (no payment)' }).click()
  await expect(page.getByTestId('receipt')).toBeVisible()

  await selectCustomerAtPos(page, phone, 'Old Dues')
  const alert = page.getByTestId('pending-alert')
  await expect(alert).toContainText('₹750.00')
  await alert.getByRole('button', { name: 'Collect now' }).click()
  await expect(alert.getByLabel('Collect amount')).toHaveValue('750.00')
  await alert.getByRole('button', { name: 'Collect', exact: true }).click()
  await expect(page.getByTestId('pending-alert')).toHaveCount(0)
  expect((await customerByPhone(page, phone)).pendingBalance).toBe(0)
})

test('pending ₹500 + bill ₹300 paid ₹800 → pending ₹0', async ({ page }) => {
  const phone = await newCustomerAtPos(page, 'Clears All')
  await addService(page, 1, 'Manicure', '500')
  await page.getByRole('button', { name: 'Complete bill (no payment)' }).click()
  await expect(page.getByTestId('receipt')).toBeVisible()

  await selectCustomerAtPos(page, phone, 'Clears All')
  await expect(page.getByTestId('pending-alert')).toContainText('₹500.00')
  await addService(page, 1, 'Pedicure', '300')
  await page.getByLabel('Payment amount 1').fill('800')
  await page.getByRole('button', { name: 'Complete', exact: true }).click()
  await expect(page.getByTestId('receipt')).toContainText('Applied to earlier bills')
  await expect(page.getByTestId('receipt')).toContainText('PAID IN FULL')
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
  await page.getByRole('button', { name: 'Complete', exact: true }).click()
  await expect(page.getByTestId('receipt')).toContainText('Paid from advance')
  await expect(page.getByTestId('receipt')).toContainText('Advance held: ₹200.00')

  const customer = await customerByPhone(page, phone)
  expect(customer).toMatchObject({ advanceBalance: 20_000, pendingBalance: 0 })
  const deposits = await (await page.request.get(`/api/advance-payments?where[customer][equals]=${id}&sort=id`)).json()
  expect(deposits.docs.map((d: { status: string; remainingAmount: number }) => [d.status, d.remainingAmount])).toEqual([
    ['utilized', 0],
    ['active', 20_000],
  ])
})

test('server refusals show next to the field and keep the cart', async ({ page }) => {
  await newCustomerAtPos(page, 'Over Payer')
  await addService(page, 1, 'Wash', '100')
  await page.getByLabel('Payment amount 1').fill('500')
  await page.getByRole('button', { name: 'Complete', exact: true }).click()
  await expect(page.getByTestId('checkout-error')).toContainText('exceed')
  await expect(page.getByLabel('Service 1', { exact: true })).toHaveValue('Wash')
})

test('an invalid phone is refused with a message', async ({ page }) => {
  await page.goto('/pos')
  await page.getByLabel('Find customer').fill('00000 00')
  await page.getByLabel('New customer name').fill('Nobody')
  await page.getByRole('button', { name: 'Create customer' }).click()
  await expect(page.getByTestId('phone-error')).toContainText('not a valid phone number')
})

test('the POS works with the keyboard only', async ({ page }) => {
  const phone = await newCustomerAtPos(page, 'Keyboard User')
  await page.goto('/pos')
  await page.keyboard.type(phone.slice(-10))
  await expect(page.getByRole('option', { name: /Keyboard User/ })).toBeVisible()
  await page.keyboard.press('Enter')
  await page.getByLabel('Service 1', { exact: true }).focus()
  await page.keyboard.type('Threading')
  await page.keyboard.press('Tab')
  await page.keyboard.press('Tab')
  await page.keyboard.type('150')
  await page.keyboard.press('Control+Enter')
  await expect(page.getByTestId('receipt')).toContainText('FULL AMOUNT PENDING: ₹150.00')
})

test('a cashier sees no owner-only action', async ({ page }) => {
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link')).toHaveText(['POS', 'Customers'])
  const response = await page.request.post('/api/invoices/1/void', { data: {}, headers: fromThePage(page) })
  expect(response.status()).toBe(403)
  await page.goto('/ledger')
  await expect(page.getByRole('heading', { name: 'Not available for your role' })).toBeVisible()
})

test('on a 768 px tablet the POS fits without sideways scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 768, height: 1024 })
  await newCustomerAtPos(page, 'Tablet Customer')
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
  expect(overflow).toBeLessThanOrEqual(0)
  await page.screenshot({ path: 'test-results/screens/pos-tablet.png', fullPage: true })
})
