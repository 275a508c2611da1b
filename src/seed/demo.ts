import type { Payload } from 'payload'

import { seedDemoLedger } from './demoLedger'
import { seedDemoReminders } from './demoReminders'

export const DEMO_PASSWORD = 'demo-pass'

export const DEMO_LOGINS = [
  { email: 'admin@demo.tally', name: 'Asha Admin', role: 'admin', stores: [] as string[], what: 'admin — every store, Payload admin' },
  { email: 'owner@demo.tally', name: 'Omar Owner', role: 'owner', stores: ['Demo Salon'], what: 'owner of Demo Salon' },
  { email: 'cashier@demo.tally', name: 'Chitra Cashier', role: 'cashier', stores: ['Demo Salon'], what: 'cashier of Demo Salon' },
  { email: 'rentals@demo.tally', name: 'Ravi Rentals', role: 'owner', stores: ['Demo Rentals'], what: 'owner of Demo Rentals' },
] as const

const DEMO_STORES = [
  // GST-registered in Maharashtra, prices written with GST in them (SPEC §12): its bills are tax invoices.
  {
    name: 'Demo Salon',
    currency: 'INR',
    locale: 'en-IN',
    timezone: 'Asia/Kolkata',
    invoicePrefix: 'SAL',
    kind: 'counter',
    gstin: '27AAKFD4821M1Z5',
    stateCode: '27',
    pricesIncludeTax: true,
    taxLabel: 'GST',
    defaultTaxRate: 1800,
  },
  // Rentals take a deposit at booking; posting the timesheet pays it from there (SPEC §9a).
  // Not registered for GST (yet): its timesheets are bills of supply.
  { name: 'Demo Rentals', currency: 'INR', locale: 'en-IN', timezone: 'Asia/Kolkata', invoicePrefix: 'RNT', kind: 'rental', autoApplyCredits: true, gstin: null },
] as const

/**
 * Creates (or resets) the demo stores and users. Safe to run again: existing records are
 * found by name / email and brought back to their demo state.
 */
export async function seedDemo(payload: Payload, log: (line: string) => void = () => undefined): Promise<void> {
  const storeIds = new Map<string, number>()
  for (const store of DEMO_STORES) {
    const found = await payload.find({ collection: 'stores', where: { name: { equals: store.name } }, limit: 1, overrideAccess: true })
    const doc = found.docs[0]
      ? await payload.update({ collection: 'stores', id: found.docs[0].id, data: store, overrideAccess: true })
      : await payload.create({ collection: 'stores', data: store, overrideAccess: true })
    storeIds.set(store.name, doc.id)
    log(`store  ${store.name} (${store.invoicePrefix})`)
  }

  for (const login of DEMO_LOGINS) {
    const data = {
      email: login.email,
      name: login.name,
      role: login.role,
      stores: login.stores.map((name) => storeIds.get(name)!),
      password: DEMO_PASSWORD,
      loginAttempts: 0,
      lockUntil: null,
    }
    const found = await payload.find({ collection: 'users', where: { email: { equals: login.email } }, limit: 1, overrideAccess: true })
    if (found.docs[0]) await payload.update({ collection: 'users', id: found.docs[0].id, data, overrideAccess: true })
    else await payload.create({ collection: 'users', data, overrideAccess: true })
    log(`user   ${login.email} (${login.role})`)
  }
  await seedDemoLedger(payload, { salon: storeIds.get('Demo Salon')!, rentals: storeIds.get('Demo Rentals')! }, log)
  await seedDemoReminders(payload, storeIds.get('Demo Salon')!, log)
}

export function demoLoginsText(url: string): string {
  const width = Math.max(...DEMO_LOGINS.map((login) => login.email.length))
  return [
    `Tally is running on ${url}  (admin: ${url}/admin)`,
    `Demo logins (password "${DEMO_PASSWORD}"):`,
    ...DEMO_LOGINS.map((login) => `  ${login.email.padEnd(width)}  ${login.what}`),
  ].join('\n')
}
