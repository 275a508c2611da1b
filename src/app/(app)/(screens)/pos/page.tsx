import type { Metadata } from 'next'

import { openScreen } from '@/server/screen'

import { PosCheckout } from './PosCheckout'

export const metadata: Metadata = { title: 'POS checkout' }

export default async function PosPage({ searchParams }: { searchParams: Promise<{ store?: string; customer?: string }> }) {
  const params = await searchParams
  const screen = await openScreen('/pos', params.store)
  if (!screen.ok) return screen.page
  const { store, stores, user } = screen
  return (
    <PosCheckout
      key={store.id}
      store={store}
      stores={stores}
      initialCustomerId={Number(params.customer) || null}
      approvalNeeded={store.complimentaryApproval && user.role === 'cashier'}
    />
  )
}
