/**
 * Issue 17 on screen (SPEC §12): a GST bill at the POS from the price list, its receipt at
 * 80 and 58 mm, the invoice page, the owner's price list and the month's tax with its GSTR-1
 * CSV. The demo salon is registered in Maharashtra (27AAKFD4821M1Z5) and its prices include
 * 18 % GST. Screenshots land in test-results/screens/.
 */
import { expect, test, type Page } from '@playwright/test'

import { storeMonth } from '../helpers/dates'
import { fromThePage, login, newCustomerAtPos } from './helpers'
import { storeId } from './ownerHelpers'

const SALON_GSTIN = '27AAKFD4821M1Z5'

async function receiptLines(page: Page) {
  return ((await page.getByTestId('receipt').textContent()) ?? '').split('\n')
}

test('a GST bill: the POS picks Hair spa from the price list; ₹1,200 incl. 18 % is ₹1,016.95 + CGST ₹91.53 + SGST ₹91.52 on the receipt, the invoice page and the tax screen', async ({
  page,
}) => {
  await login(page, 'cashier')
  await newCustomerAtPos(page, 'Meera GST')
  // Typing the catalogue's name fills its price and rate; the cart shows the tax inside the price.
  await page.getByLabel('Service 1', { exact: true }).fill('Hair spa')
  await expect(page.getByLabel('Price 1', { exact: true })).toHaveValue('1200.00')
  await expect(page.getByTestId('cart-line-1-catalogue')).toHaveText('Price list · GST 18% · SAC 999721')
  // ₹1,200 incl. 18 %: tax = 1200 × 18/118 = 183.0508… → ₹183.05, split 91.53 (the odd paisa) + 91.52.
  await expect(page.getByTestId('bill-tax')).toContainText('incl. GST · CGST 9% ₹91.53 + SGST 9% ₹91.52')
  await expect(page.getByTestId('bill-tax')).toContainText('₹183.05')
  await expect(page.getByTestId('bill-total')).toHaveText('₹1,200.00')
  await page.screenshot({ path: 'test-results/screens/tax-pos-cart.png', fullPage: true })

  await page.getByTestId('primary-action').click()
  const receipt = page.getByTestId('receipt')
  await expect(receipt).toContainText('TAX INVOICE')
  await expect(receipt).toContainText(`GSTIN: ${SALON_GSTIN}`)
  await expect(receipt).toContainText(/TOTAL +₹1,200\.00\s+Taxable value +₹1,016\.95\s+CGST 9% +₹91\.53\s+SGST 9% +₹91\.52\s+Total GST +₹183\.05/)
  await expect(receipt).toContainText('PAID IN FULL')
  for (const line of await receiptLines(page)) expect([...line].length).toBeLessThanOrEqual(48)
  await page.screenshot({ path: 'test-results/screens/tax-receipt-80mm.png', fullPage: true })

  await page.getByLabel('Paper').selectOption('58mm')
  await expect(receipt).toHaveAttribute('data-paper', '58mm')
  await expect(receipt).toContainText('TAX INVOICE')
  await expect(receipt).toContainText(/CGST 9% +₹91\.53/)
  for (const line of await receiptLines(page)) expect([...line].length).toBeLessThanOrEqual(32)
  await page.screenshot({ path: 'test-results/screens/tax-receipt-58mm.png', fullPage: true })
  const billNumber = ((await receipt.textContent()) ?? '').match(/Bill (SAL-\d{2}-\d{4})/)?.[1]
  expect(billNumber).toBeTruthy()

  // The owner sees it on the invoice page and in the month's tax.
  await page.context().clearCookies()
  await login(page, 'owner')
  const store = await storeId(page)
  const found = await page.request.get(`/api/invoices?where[number][equals]=${billNumber}&depth=0`)
  const [bill] = (await found.json()).docs
  expect(bill).toMatchObject({ total: 120_000, taxTotal: 18_305, cgst: 9_153, sgst: 9_152, igst: 0, taxTreatment: 'intra', supplierGstin: SALON_GSTIN })
  await page.goto(`/invoices/${bill.id}`)
  await expect(page.getByTestId('invoice-tax-heading')).toContainText('TAX INVOICE')
  await expect(page.getByTestId('invoice-tax-heading')).toContainText(`GSTIN: ${SALON_GSTIN}`)
  await expect(page.getByTestId('invoice-items')).toContainText('999721')
  await expect(page.getByTestId('invoice-tax-row').filter({ hasText: 'CGST 9%' })).toContainText('₹91.53')
  await page.screenshot({ path: 'test-results/screens/tax-invoice-page.png', fullPage: true })

  await page.goto(`/tax?store=${store}`)
  await expect(page.getByRole('heading', { level: 1 })).toContainText('GST for')
  const api = await page.request.get(`/api/reports/tax?store=${store}&month=${storeMonth()}`)
  expect(api.ok()).toBe(true)
  const report = await api.json()
  // The screen shows the API's figures: the month's taxable value and tax.
  const rate18 = report.byRate.find((group: { taxRate: number }) => group.taxRate === 1800)
  expect(rate18.taxable).toBeGreaterThanOrEqual(101_695)
  await expect(page.getByTestId('tax-by-rate')).toContainText('18%')
  await page.screenshot({ path: 'test-results/screens/tax-month.png', fullPage: true })

  const csv = await page.request.get(`/api/reports/tax?store=${store}&month=${storeMonth()}&format=csv&section=b2cs`)
  expect(csv.ok()).toBe(true)
  expect(csv.headers()['content-type']).toContain('text/csv')
  expect((await csv.text()).split(/\r?\n/)[0]).toBe('Type,Place Of Supply,Rate,Applicable % of Tax Rate,Taxable Value,Cess Amount,E-Commerce GSTIN')
})

test('the owner keeps the price list: add a service, a bad rate is refused next to the field, retire one', async ({ page }) => {
  await login(page, 'owner')
  const store = await storeId(page)
  await page.goto(`/services?store=${store}`)
  await expect(page.getByLabel('Service of Hair spa')).toHaveValue('Hair spa')
  await expect(page.getByLabel('SAC / HSN of Hair spa')).toHaveValue('999721')
  const add = page.getByTestId('new-service')
  const name = `Scalp treatment ${Date.now() % 100_000}`
  await add.getByLabel('Service', { exact: true }).fill(name)
  await add.getByLabel('SAC / HSN').fill('999721')
  await add.getByLabel('Price').fill('1500')
  await add.getByLabel('GST %').fill('eighteen')
  await add.getByRole('button', { name: 'Add service' }).click()
  await expect(add).toContainText('Enter a rate in percent, like 18 or 2.5')
  await add.getByLabel('GST %').fill('18')
  await add.getByRole('button', { name: 'Add service' }).click()
  await expect(page.getByLabel(`Service of ${name}`)).toHaveValue(name)
  const created = await page.request.get(`/api/services?where[name][equals]=${encodeURIComponent(name)}&depth=0`)
  const [service] = (await created.json()).docs
  expect(service).toMatchObject({ store, sac: '999721', price: 150_000, taxRate: 1800, active: true })

  const row = page.getByTestId(`service-${service.id}`)
  await row.getByLabel(`${name} offered`).uncheck()
  await row.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByTestId(`service-${service.id}`)).toHaveClass(/service-row--retired/)
  // After the refresh the retired service is counted apart and listed after the offered ones.
  await expect(page.getByTestId('price-list').getByRole('heading')).toContainText('· 2 retired')
  const listed = page.getByTestId('price-list').locator('[data-testid^="service-"]')
  const count = await listed.count()
  await expect(listed.nth(count - 1)).toHaveClass(/service-row--retired/)
  await expect(listed.nth(count - 2)).toHaveClass(/service-row--retired/)
  await expect(listed.nth(count - 3)).not.toHaveClass(/service-row--retired/)
  await page.screenshot({ path: 'test-results/screens/tax-price-list.png', fullPage: true })
  const retired = await page.request.get(`/api/services/${service.id}?depth=0`, { headers: fromThePage(page) })
  expect((await retired.json()).active).toBe(false)
})
