/**
 * SPEC §9 on screen: the owner's operations after the sale on the customer page (refund a
 * deposit, write off a bill, issue a credit note — each a dialog that says what it will do and
 * takes a reason), their lines on the statement and the dashboard, the store's credit settings,
 * the POS explaining a credit-limit refusal before Complete, and "Import balances" with its
 * preview and progress. Each checked against the API. Screenshots in test-results/screens/.
 */
import { expect, test, type Page } from '@playwright/test'

import { formatMoney } from '../../src/domain/money'
import { addService, fromThePage, login, selectCustomerAtPos } from './helpers'
import { invoiceById, newCustomer, newInvoice, storeId } from './ownerHelpers'

const inr = (minor: number) => formatMoney(minor, 'INR', 'en-IN')

async function post(page: Page, path: string, data: unknown) {
  const response = await page.request.post(path, { data, headers: fromThePage(page) })
  expect(response.ok(), await response.text()).toBe(true)
  return response.json()
}

async function customerById(page: Page, id: number) {
  const response = await page.request.get(`/api/customers/${id}?depth=0`)
  expect(response.ok()).toBe(true)
  return (await response.json()) as { pendingBalance: number; advanceBalance: number; creditLimit: number | null }
}

test('customer page: refund part of a ₹500 deposit, write off a ₹600 bill, a ₹150 credit note on a ₹1,000 invoice — each confirmed, on the statement and the dashboard', async ({
  page,
}) => {
  await login(page, 'owner')
  const store = await storeId(page)
  const customer = await newCustomer(page, store, 'After Sale Client')
  const { advancePayment } = await post(page, `/api/customers/${customer.id}/advances`, { amount: 50_000, method: 'cash' })
  const lost = await newInvoice(page, { store, customer: customer.id, amount: 60_000, description: 'Hair colour' })
  const corrected = await newInvoice(page, { store, customer: customer.id, amount: 100_000, description: 'Bridal package' })
  const before = await (await page.request.get(`/api/reports/dashboard?store=${store}`)).json()

  await page.goto(`/customers/${customer.id}`)
  await expect(page.getByTestId('customer-pending')).toHaveText(inr(160_000))
  await expect(page.getByTestId('customer-credit')).toHaveText('No limit')

  // Refund ₹200 of the ₹500 deposit.
  await page.getByRole('button', { name: `Refund deposit ${advancePayment.id}` }).click()
  const refund = page.getByRole('dialog', { name: `Refund deposit #${advancePayment.id}` })
  await expect(refund).toContainText(`${inr(50_000)} remains`)
  await expect(refund.getByLabel('Refund amount')).toHaveValue('500.00')
  await refund.getByLabel('Refund amount').fill('600')
  await refund.getByLabel('Refund reason').fill('Appointment cancelled')
  await refund.getByRole('button', { name: 'Refund' }).click()
  await expect(refund.getByRole('alert')).toContainText("Refund exceeds the deposit's remaining amount")
  await page.screenshot({ path: 'test-results/screens/after-sale-refund-refused.png', fullPage: true })
  await refund.getByLabel('Refund amount').fill('200')
  await refund.getByRole('button', { name: 'Refund' }).click()
  await expect(page.getByTestId('customer-advance')).toHaveText(inr(30_000))
  await expect(page.getByText(/Refunded ₹200\.00 · RFD-/)).toBeVisible()

  // Write off the ₹600 bill.
  await page.getByRole('button', { name: `Write off ${lost.number}` }).click()
  const writeOff = page.getByRole('dialog', { name: `Write off ${lost.number}` })
  await expect(writeOff).toContainText(`The ${inr(60_000)} still due on ${lost.number} is given up as bad debt`)
  await page.screenshot({ path: 'test-results/screens/after-sale-write-off-dialog.png', fullPage: true })
  await writeOff.getByRole('button', { name: `Write off ${inr(60_000)}` }).click()
  await expect(writeOff.getByRole('alert')).toContainText('Write-off reason is required')
  await writeOff.getByLabel('Write-off reason').fill('Moved away, unreachable')
  await writeOff.getByRole('button', { name: `Write off ${inr(60_000)}` }).click()
  await expect(page.getByTestId('customer-pending')).toHaveText(inr(100_000))

  // A ₹150 credit note on the ₹1,000 invoice.
  await page.getByRole('button', { name: `Credit note on ${corrected.number}` }).click()
  const note = page.getByRole('dialog', { name: `Credit note on ${corrected.number}` })
  await note.getByLabel('Credit amount').fill('150')
  await note.getByLabel('Credit reason').fill('Complaint: late start')
  await note.getByRole('button', { name: 'Issue credit note' }).click()
  await expect(page.getByTestId('customer-pending')).toHaveText(inr(85_000))
  await expect(page.getByText(/Credit note of ₹150\.00 on .* · CN-\d\d-\d{4}/)).toBeVisible()

  const statement = page.getByTestId('statement')
  await expect(statement).toContainText('deposit refunded ₹200.00 (Appointment cancelled)')
  await expect(statement).toContainText('written off as bad debt (Moved away, unreachable)')
  await expect(statement).toContainText('credit note (Complaint: late start)')
  await expect(page.getByTestId('open-bills')).not.toContainText(lost.number)
  await page.screenshot({ path: 'test-results/screens/after-sale-customer.png', fullPage: true })

  expect(await invoiceById(page, lost.id)).toMatchObject({ status: 'written_off', amountDue: 0 })
  expect(await invoiceById(page, corrected.id)).toMatchObject({ status: 'open', amountDue: 85_000 })
  expect(await customerById(page, customer.id)).toMatchObject({ pendingBalance: 85_000, advanceBalance: 30_000 })

  const after = await (await page.request.get(`/api/reports/dashboard?store=${store}`)).json()
  expect(after.badDebt - before.badDebt).toBe(60_000)
  expect(after.refunds - before.refunds).toBe(20_000)
  expect(after.creditNotes - before.creditNotes).toBe(15_000)
  await page.goto(`/dashboard?store=${store}`)
  await expect(page.getByTestId('dashboard-bad-debt')).toHaveText(inr(after.badDebt))
  await expect(page.getByTestId('dashboard-refunds')).toHaveText(inr(after.refunds))
  await expect(page.getByTestId('dashboard-forfeited')).toHaveText(inr(after.forfeitedDeposits))
  await expect(page.getByTestId('dashboard-credit-notes')).toHaveText(inr(after.creditNotes))
  await page.screenshot({ path: 'test-results/screens/after-sale-dashboard.png', fullPage: true })
})

test('a cashier sees no after-sale buttons on the customer page', async ({ page }) => {
  await login(page, 'owner')
  const store = await storeId(page)
  const customer = await newCustomer(page, store, 'Cashier View Client')
  await post(page, `/api/customers/${customer.id}/advances`, { amount: 10_000, method: 'cash' })
  await newInvoice(page, { store, customer: customer.id, amount: 20_000 })
  await page.context().clearCookies()
  await login(page, 'cashier')
  await page.goto(`/customers/${customer.id}`)
  await expect(page.getByTestId('customer-pending')).toHaveText(inr(20_000))
  await expect(page.getByRole('button', { name: /^Refund deposit|^Write off|^Credit note/ })).toHaveCount(0)
})

test('settings: pay-later terms, default credit limit and deposit expiry are saved; a bad value names its field', async ({ page }) => {
  await login(page, 'owner')
  const store = await storeId(page)
  const original = await (await page.request.get(`/api/stores/${store}?depth=0`)).json()
  try {
    await page.goto(`/settings?store=${store}`)
    const form = page.getByTestId('credit-settings')
    await form.getByLabel('Pay-later terms (days)').fill('400')
    await form.getByRole('button', { name: 'Save' }).click()
    await expect(form.getByRole('alert')).toContainText(/365/)
    await form.getByLabel('Pay-later terms (days)').fill('15')
    await form.getByLabel('Default credit limit').fill('5,000')
    await form.getByLabel('Deposits expire after (months)').fill('6')
    await form.getByRole('button', { name: 'Save' }).click()
    await expect(form.getByRole('status')).toHaveText('Saved')
    await page.screenshot({ path: 'test-results/screens/after-sale-settings.png', fullPage: true })
    const saved = await (await page.request.get(`/api/stores/${store}?depth=0`)).json()
    expect(saved).toMatchObject({ creditTermsDays: 15, defaultCreditLimit: 500_000, advanceExpiryMonths: 6 })
    await page.reload()
    await expect(form.getByLabel('Default credit limit')).toHaveValue('5000.00')
    // With a policy, the owner may run it now (it also runs daily); no demo deposit is 6 months old.
    await form.getByRole('button', { name: 'Expire old deposits now' }).click()
    await expect(form.getByTestId('expiry-run')).toHaveText('No deposit is old enough to expire.')
  } finally {
    const response = await page.request.patch(`/api/stores/${store}`, {
      headers: fromThePage(page),
      data: { creditTermsDays: original.creditTermsDays ?? 0, defaultCreditLimit: original.defaultCreditLimit ?? null, advanceExpiryMonths: original.advanceExpiryMonths ?? null },
    })
    expect(response.ok(), await response.text()).toBe(true)
  }
})

test('POS: available credit beside the customer, and a pay-later bill above the ₹1,000 limit explained before Complete', async ({ page }) => {
  await login(page, 'owner')
  const store = await storeId(page)
  const customer = await newCustomer(page, store, 'Limited Credit')
  const limited = await page.request.patch(`/api/customers/${customer.id}`, { headers: fromThePage(page), data: { creditLimit: 100_000 } })
  expect(limited.ok(), await limited.text()).toBe(true)
  await page.context().clearCookies()
  await login(page, 'cashier')

  await selectCustomerAtPos(page, customer.phone, customer.name)
  await expect(page.getByTestId('available-credit')).toHaveText(`Available credit ${inr(100_000)} of ${inr(100_000)}`)
  await addService(page, 1, 'Keratin treatment', '1500')
  // Charging it all is fine; leaving it all pending would be refused, and the screen says so now.
  await expect(page.getByTestId('credit-warning')).toContainText(
    `Complete bill (no payment) would be refused — Credit limit exceeded: ${customer.name} may owe ${inr(100_000)} more`,
  )
  await expect(page.getByTestId('credit-warning')).toContainText(`Take ${inr(50_000)} more now.`)
  await page.screenshot({ path: 'test-results/screens/after-sale-pos-credit-warning.png', fullPage: true })
  await page.getByRole('button', { name: 'Complete bill (no payment)' }).click()
  await expect(page.getByRole('alert').filter({ hasText: /^Credit limit exceeded$/ })).toBeVisible()
  expect(await customerById(page, customer.id)).toMatchObject({ pendingBalance: 0 })

  // ₹500 now leaves ₹1,000 owing: exactly the limit.
  await page.getByLabel('Payment amount 1').fill('500')
  // The primary action is within the limit now; only "no payment" would still be refused.
  await expect(page.getByTestId('primary-action')).toHaveText(`Complete bill (pending ${inr(100_000)})`)
  await expect(page.getByTestId('credit-warning')).toHaveText(/^Complete bill \(no payment\) would be refused/)
  await page.getByTestId('primary-action').click()
  await expect(page.getByTestId('sale-done')).toBeVisible()
  expect(await customerById(page, customer.id)).toMatchObject({ pendingBalance: 100_000 })
})

function csvOf(rows: string[][]): string {
  return ['name,phone,pending,advance,notes', ...rows.map((row) => row.join(','))].join('\n') + '\n'
}

test('Import balances: a preview of every row with its errors, then 2,500 rows in with a progress bar; the same file again imports nothing new', async ({ page }) => {
  test.setTimeout(180_000)
  await login(page, 'owner')
  const store = await storeId(page)
  const base = (Date.now() % 10_000_000) * 10
  const rows = Array.from({ length: 2_500 }, (_, index) => [
    `Paper ${index + 1}`,
    `8${String((base + index) % 1_000_000_000).padStart(9, '0')}`,
    index === 0 ? '1,250' : '100',
    index === 0 ? '300' : '0',
    'from the khata',
  ])
  rows.push(['Bad Row', '12', '-5', '', ''])
  const csv = csvOf(rows.map((row) => row.map((cell) => (cell.includes(',') ? `"${cell}"` : cell))))

  await page.goto(`/customers?store=${store}`)
  await page.getByRole('link', { name: 'Import balances' }).click()
  await expect(page.getByRole('heading', { name: 'Import balances' })).toBeVisible()
  await page.getByLabel('CSV file').setInputFiles({ name: 'khata.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
  const preview = page.getByTestId('import-preview')
  await expect(page.getByTestId('import-summary')).toHaveText('2,501 rows: 2,500 new, 0 existing, 0 already imported, 1 with errors (left out).')
  await expect(page.getByTestId('import-row-2')).toContainText(`Paper 1`)
  await expect(page.getByTestId('import-row-2')).toContainText(inr(125_000))
  await expect(page.getByTestId('import-row-2')).toContainText('new customer')
  await expect(page.getByTestId('import-errors')).toContainText('Row 2502, phone')
  await page.screenshot({ path: 'test-results/screens/after-sale-import-preview.png' })

  await preview.getByRole('button', { name: 'Import 2,500 rows' }).click()
  await expect(page.getByTestId('import-progress')).toBeVisible()
  await page.screenshot({ path: 'test-results/screens/after-sale-import-progress.png' })
  await expect(page.getByTestId('import-result')).toHaveText('Imported: 2,500 new customers, 0 existing, 0 skipped (already imported), 1 with errors (left out).', {
    timeout: 120_000,
  })
  await expect(page.getByTestId('import-progress')).toHaveText('2,501 of 2,501 rows sent')
  await page.screenshot({ path: 'test-results/screens/after-sale-import-done.png' })

  const first = await (await page.request.get(`/api/customers?where[phone][equals]=${encodeURIComponent(`+91${rows[0]![1]}`)}&depth=0`)).json()
  expect(first.docs[0]).toMatchObject({ name: 'Paper 1', pendingBalance: 125_000, advanceBalance: 30_000 })

  // The same file again: everything is already in.
  await page.reload()
  await page.getByLabel('CSV file').setInputFiles({ name: 'khata.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
  await expect(page.getByTestId('import-summary')).toHaveText('2,501 rows: 0 new, 0 existing, 2,500 already imported, 1 with errors (left out).')
  await expect(page.getByTestId('import-row-2')).toContainText('already imported — skipped')
  await expect(preview.getByRole('button', { name: 'Import 0 rows' })).toBeDisabled()
})
