import type { Metadata } from 'next'

import { Forbidden } from '@/components/Forbidden'
import { payloadInstance } from '@/server/payload'
import { userForScreen } from '@/server/session'
import { pickStore, storesFor } from '@/server/stores'

import { PosCheckout } from './PosCheckout'

export const metadata: Metadata = { title: 'POS checkout' }

export default async function PosPage({ searchParams }: { searchParams: Promise<{ store?: string; customer?: string }> }) {
  const user = await userForScreen('/pos')
  if (!user) return <Forbidden />
  const params = await searchParams
  const stores = await storesFor(await payloadInstance(), user)
  const store = pickStore(stores, params.store)
  if (!store) return <section className="panel">You are not assigned to a store yet. Ask the owner to add you.</section>
  return <PosCheckout key={store.id} store={store} stores={stores} initialCustomerId={Number(params.customer) || null} />
}
