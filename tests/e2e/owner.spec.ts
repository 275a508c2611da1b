/**
 * The owner's screens (dashboard, ledger, invoices, reconciliation), each scenario driven on
 * screen and then checked against the API's ledger.
 */
import { expect, test, type Page } from '@playwright/test'

import { formatMoney } from '../../src/domain/money'
import { fromThePage, login } from './helpers'
import { allTransactions, dashboardReport, dayIn, invoiceById, newCustomer, newInvoice, sidewaysOverflow, storeId } from './ownerHelpers'

const inr = (minor: number) => formatMoney(minor, 'INR', 'en-IN')

test.beforeEach(async ({ page }) => {
  await login(page, 'owner')
})

const statusOnInvoicePage = (page: Page) => page.getByRole('heading', { level: 1 }).getByTestId('status-chip')

async function expectInReconciliationGroup(page: Page, invoiceId: number, group: 'paid' | 'partial' | 'unpaid' | 'overdue') {
  await page.goto('/reconciliation')
  for (const other of ['paid', 'partial', 'unpaid', 'overdue'] as const) {
    await expect(page.getByTestId(`recon-group-${other}`).getByTestId(`recon-invoice-${invoiceId}`)).toHaveCount(other === group ? 1 : 0)
  }
}

test('an invoice paid in instalments goes open → partial → paid, on its page and in reconciliation', async ({ page }) => {
  const store = await storeId(page)
  const customer = await newCustomer(page, store, 'Instalment Client')
  const invoice = await newInvoice(page, { store, customer: customer.id, amount: 1_000_000, description: 'Event styling' })

  await page.goto(`/invoices/${invoice.id}`)
  await expect(statusOnInvoicePage(page)).toHaveText('open')
  await expect(page.getByTestId('invoice-due')).toHaveText('₹10,000.00')
  await expectInReconciliationGroup(page, invoice.id, 'unpaid')

  await page.goto(`/invoices/${invoice.id}`)
  await page.getByRole('button', { name: 'Record payment' }).click()
  const pay = page.getByRole('dialog', { name: /Record payment/ })
  await expect(pay.getByLabel('Payment amount')).toHaveValue('10000.00')
  await pay.getByLabel('Payment amount').fill('4,000')
  await pay.getByLabel('Payment method').selectOption('upi')
  await pay.getByRole('button', { name: 'Record payment' }).click()
  await expect(statusOnInvoicePage(page)).toHaveText('partial')
  await expect(page.getByTestId('invoice-paid')).toHaveText('₹4,000.00')
  await expect(page.getByTestId('invoice-due')).toHaveText('₹6,000.00')
  await expect(page.getByTestId('payment-history')).toContainText('₹4,000.00')
  await expect(page.getByTestId('payment-history')).toContainText('UPI')
  await expectInReconciliationGroup(page, invoice.id, 'partial')
  await expect(page.getByTestId(`recon-invoice-${invoice.id}`)).toContainText('₹6,000.00')

  await page.goto(`/invoices/${invoice.id}`)
  await page.getByRole('button', { name: 'Mark paid' }).click()
  const markPaid = page.getByRole('dialog', { name: /Mark .* paid/ })
  await expect(markPaid).toContainText('₹6,000.00')
  await markPaid.getByLabel('Mark paid method').selectOption('bank_transfer')
  await markPaid.getByRole('button', { name: 'Mark paid' }).click()
  await expect(statusOnInvoicePage(page)).toHaveText('paid')
  await expect(page.getByTestId('invoice-due')).toHaveText('₹0.00')
  await expect(page.getByTestId('payment-history').locator('tbody tr')).toHaveCount(2)
  await expect(page.getByRole('button', { name: 'Record payment' })).toHaveCount(0)
  await page.screenshot({ path: 'test-results/screens/invoice.png', fullPage: true })
  await expectInReconciliationGroup(page, invoice.id, 'paid')

  expect(await invoiceById(page, invoice.id)).toMatchObject({ status: 'paid', total: 1_000_000, amountPaid: 1_000_000, amountDue: 0 })
  const allocations = await (await page.request.get(`/api/allocations?where[invoice][equals]=${invoice.id}&depth=0&sort=id`)).json()
  expect(allocations.docs.map((allocation: { amount: number }) => allocation.amount)).toEqual([400_000, 600_000])
})

test('an unmatched payment is matched to the customer’s invoice on the reconciliation screen', async ({ page }) => {
  const store = await storeId(page)
  const customer = await newCustomer(page, store, 'Early Payer')
  const reference = `UTR-${Date.now()}`
  const logged = await page.request.post('/api/transactions', {
    headers: fromThePage(page),
    data: { store, type: 'income', kind: 'payment', amount: 30_000, method: 'upi', customer: customer.id, reference },
  })
  expect(logged.ok(), await logged.text()).toBe(true)
  const transaction = (await logged.json()).doc.id as number
  const invoice = await newInvoice(page, { store, customer: customer.id, amount: 50_000, description: 'Spa package' })

  await page.goto('/reconciliation')
  const row = page.getByTestId(`unmatched-${transaction}`)
  await expect(row).toContainText(reference)
  await expect(row).toContainText('Early Payer')
  await expect(row).toContainText('₹300.00')
  await page.screenshot({ path: 'test-results/screens/reconciliation.png', fullPage: true })
  await row.getByRole('button', { name: `Match ${reference} to invoice` }).click()
  const dialog = page.getByRole('dialog', { name: `Match ${reference}` })
  await expect(dialog.getByRole('radio', { name: new RegExp(invoice.number) })).toBeChecked()
  await expect(dialog.getByLabel('Match amount')).toHaveValue('300.00')
  await dialog.getByRole('button', { name: 'Match', exact: true }).click()
  await expect(page.getByTestId(`unmatched-${transaction}`)).toHaveCount(0)
  await expect(page.getByTestId('recon-group-partial').getByTestId(`recon-invoice-${invoice.id}`)).toContainText('₹200.00')

  const allocations = await (await page.request.get(`/api/allocations?where[transaction][equals]=${transaction}&depth=0`)).json()
  expect(allocations.docs).toHaveLength(1)
  expect(allocations.docs[0]).toMatchObject({ invoice: invoice.id, amount: 30_000 })
  expect(await invoiceById(page, invoice.id)).toMatchObject({ status: 'partial', amountPaid: 30_000, amountDue: 20_000 })
  const report = await (await page.request.get(`/api/reports/reconciliation?store=${store}`)).json()
  expect(report.unmatched.map((line: { transaction: number }) => line.transaction)).not.toContain(transaction)
})

test('the dashboard’s profit is income − expenses of the period, after logging an expense', async ({ page }) => {
  const store = await storeId(page)
  const before = await dashboardReport(page, store)

  await page.goto('/ledger')
  await page.getByRole('button', { name: 'Log expense' }).click()
  const dialog = page.getByRole('dialog', { name: 'Log expense' })
  await dialog.getByLabel('Expense amount').fill('1,234.50')
  await dialog.getByLabel('Expense method').selectOption('bank_transfer')
  await dialog.getByLabel('Expense notes').fill('Shop rent (e2e)')
  await dialog.getByRole('button', { name: 'Log expense' }).click()
  await expect(page.getByRole('status')).toContainText('Logged expense')
  const row = page.getByTestId('ledger-table').locator('tbody tr', { hasText: 'Shop rent (e2e)' })
  await expect(row).toContainText('−₹1,234.50')
  await expect(row).toContainText('Bank transfer')
  // Labels (bug 7): an expense's notes are not shown as its customer, and it is numbered EXP-.
  const headers = await page.getByTestId('ledger-table').locator('thead th').allTextContents()
  await expect(row.locator('td').nth(headers.indexOf('Customer'))).toHaveText('–')
  await expect(row.locator('td').nth(headers.indexOf('Notes'))).toHaveText('Shop rent (e2e)')
  await expect(row.locator('td').nth(headers.indexOf('Reference'))).toHaveText(/^EXP-\d{6}$/)
  await page.screenshot({ path: 'test-results/screens/ledger.png', fullPage: true })

  await page.goto('/dashboard')
  const shown = {
    revenue: await page.getByTestId('dashboard-revenue').textContent(),
    expenses: await page.getByTestId('dashboard-expenses').textContent(),
    profit: await page.getByTestId('dashboard-profit').textContent(),
  }
  await page.screenshot({ path: 'test-results/screens/dashboard.png', fullPage: true })
  const report = await dashboardReport(page, store)
  expect(report.expenses - before.expenses).toBe(123_450)
  expect(report.profit).toBe(report.revenue - report.expenses)
  expect(shown).toEqual({ revenue: inr(report.revenue), expenses: inr(report.expenses), profit: inr(report.revenue - report.expenses) })

  // The same figures straight from the ledger rows of the period (store time zone).
  const inPeriod = (await allTransactions(page, store)).filter((tx) => {
    const day = dayIn(tx.date, 'Asia/Kolkata')
    return day >= report.from && day <= report.to
  })
  const sum = (rows: { amount: number }[]) => rows.reduce((total, row) => total + row.amount, 0)
  const income = sum(inPeriod.filter((tx) => tx.type === 'income')) - sum(inPeriod.filter((tx) => tx.kind === 'advance_refund'))
  const expenses = sum(inPeriod.filter((tx) => tx.kind === 'expense'))
  expect({ revenue: report.revenue, expenses: report.expenses }).toEqual({ revenue: income, expenses })
  await expect(page.getByTestId('dashboard-profit')).toHaveText(inr(income - expenses))
})

test('log a payment from the ledger against one invoice, with the keyboard', async ({ page }) => {
  const store = await storeId(page)
  const customer = await newCustomer(page, store, 'Keyboard Payer')
  const older = await newInvoice(page, { store, customer: customer.id, amount: 20_000, description: 'Older bill' })
  const invoice = await newInvoice(page, { store, customer: customer.id, amount: 80_000, description: 'Newer bill' })

  await page.goto('/ledger')
  await page.getByRole('button', { name: 'Log payment' }).click()
  const dialog = page.getByRole('dialog', { name: 'Log payment' })
  await dialog.getByRole('combobox', { name: 'Customer' }).focus()
  await page.keyboard.type(customer.phone.slice(-10))
  await expect(dialog.getByRole('option', { name: /Keyboard Payer/ })).toBeVisible()
  await page.keyboard.press('Enter')
  await expect(dialog.getByTestId('picked-customer')).toContainText('Keyboard Payer')
  await dialog.getByLabel('Invoice', { exact: true }).selectOption(String(invoice.id))
  await expect(dialog.getByLabel('Amount', { exact: true })).toHaveValue('800.00')
  await dialog.getByLabel('Amount', { exact: true }).fill('500')
  await dialog.getByLabel('Method').selectOption('cash')
  await dialog.getByLabel('Amount', { exact: true }).press('Enter')
  await expect(page.getByRole('status')).toContainText('₹500.00 from Keyboard Payer')

  expect(await invoiceById(page, invoice.id)).toMatchObject({ status: 'partial', amountDue: 30_000 })
  expect(await invoiceById(page, older.id)).toMatchObject({ status: 'open', amountDue: 20_000 })
  await page.goto(`/ledger?invoice=${invoice.number}`)
  await expect(page.getByTestId('ledger-table').locator('tbody tr')).toHaveCount(1)
  await expect(page.getByTestId('ledger-table')).toContainText('Keyboard Payer')
})

test('owner screens fit a 768 px tablet without sideways scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 768, height: 1024 })
  for (const path of ['/dashboard', '/ledger', '/invoices', '/reconciliation', '/invoices/1']) {
    await page.goto(path)
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
    expect(await sidewaysOverflow(page), path).toBeLessThanOrEqual(0)
  }
  await page.goto('/dashboard')
  await page.screenshot({ path: 'test-results/screens/dashboard-tablet.png', fullPage: true })
})

test('CSV exports download the filtered lists', async ({ page }) => {
  const store = await storeId(page)
  const invoices = await page.request.get(`/invoices/export?store=${store}&status=overdue`)
  expect(invoices.headers()['content-type']).toContain('text/csv')
  const invoiceCsv = await invoices.text()
  expect(invoiceCsv.split(/\r?\n/)[0]).toContain('amount_due_INR')
  expect(invoiceCsv).toContain('Lotus Events Pvt Ltd')
  expect(invoiceCsv).not.toContain('Priya Sharma')

  const ledger = await (await page.request.get(`/ledger/export?store=${store}&q=Priya`)).text()
  expect(ledger).toContain('Priya Sharma')
  expect(ledger).not.toContain('Rahul Verma')

  const aging = await (await page.request.get(`/dashboard/aging-export?store=${store}`)).text()
  expect(aging.split(/\r?\n/)[0]).toBe('customer_id,name,phone,current_INR,d1_30_INR,d31_60_INR,d61_90_INR,d90plus_INR,total_INR,held_INR')
  expect(aging).toMatch(/Lotus Events Pvt Ltd,\+919845012345,[\d.]+,5000\.00/)
})
