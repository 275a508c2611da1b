import type { Metadata } from 'next'

import { Forbidden } from '@/components/Forbidden'
import { StorePicker } from '@/components/StorePicker'
import { payloadInstance } from '@/server/payload'
import { userForScreen } from '@/server/session'
import { pickStore, storesFor } from '@/server/stores'

import { CreditSettings } from './CreditSettings'
import { DocumentSettings } from './DocumentSettings'

export const metadata: Metadata = { title: 'Settings' }

/**
 * The owner's store settings. One section per concern; today: what customers see on
 * receipts, PDFs and share pages (SPEC §10); credit, terms and deposit expiry (SPEC §9).
 */
export default async function SettingsPage({ searchParams }: { searchParams: Promise<{ store?: string }> }) {
  const user = await userForScreen('/settings')
  if (!user) return <Forbidden />
  const payload = await payloadInstance()
  const stores = await storesFor(payload, user)
  const picked = pickStore(stores, (await searchParams).store)
  if (!picked) return <section className="panel">You are not assigned to a store yet.</section>
  const store = await payload.findByID({ collection: 'stores', id: picked.id, depth: 1, user, overrideAccess: false })
  const logo = store.logo && typeof store.logo === 'object' ? store.logo : null
  return (
    <section className="sections">
      <div className="pos__header">
        <h1>Settings</h1>
        <StorePicker stores={stores} current={picked.id} />
      </div>
      <DocumentSettings
        key={store.id}
        store={{ id: store.id, name: store.name, address: store.address ?? '', phone: store.phone ?? '', upiId: store.upiId ?? '' }}
        logo={logo?.url ? { id: logo.id, url: logo.url, filename: logo.filename ?? '' } : null}
      />
      <CreditSettings
        key={`credit-${store.id}`}
        store={{ id: store.id, currency: store.currency, locale: store.locale }}
        values={{ defaultCreditLimit: store.defaultCreditLimit ?? null, creditTermsDays: store.creditTermsDays ?? 0, advanceExpiryMonths: store.advanceExpiryMonths ?? null }}
      />
    </section>
  )
}
