import type { Metadata } from 'next'

import { openScreen } from '@/server/screen'

import { PosCheckout } from './PosCheckout'

export const metadata: Metadata = { title: 'POS checkout' }

export default async function PosPage({ searchParams }: { searchParams: Promise<{ store?: string; customer?: string }> }) {
  const params = await searchParams
  const screen = await openScreen('/pos', params.store)
  if (!screen.ok) return screen.page
  const { store, stores, user, payload } = screen
  const services = await payload.find({
    collection: 'services',
    where: { and: [{ store: { equals: store.id } }, { active: { equals: true } }] },
    sort: 'name',
    limit: 1000,
    depth: 0,
    user,
    overrideAccess: false,
  })
  return (
    <PosCheckout
      key={store.id}
      store={store}
      stores={stores}
      initialCustomerId={Number(params.customer) || null}
      approvalNeeded={store.complimentaryApproval && user.role === 'cashier'}
      canOverrideCredit={user.role === 'owner' || user.role === 'admin'}
      catalogue={services.docs.map((service) => ({ id: service.id, name: service.name, sac: service.sac ?? null, price: service.price, taxRate: service.taxRate }))}
    />
  )
}
