import type { Metadata } from 'next'
import Link from 'next/link'

import { Forbidden } from '@/components/Forbidden'
import { StorePicker } from '@/components/StorePicker'
import { openScreen } from '@/server/screen'

import { ImportBalances } from './ImportBalances'

export const metadata: Metadata = { title: 'Import balances' }

/** Opening balances from a paper ledger (SPEC §9 import), owners: preview every row, then import with progress. */
export default async function ImportBalancesPage({ searchParams }: { searchParams: Promise<{ store?: string }> }) {
  const screen = await openScreen('/customers', (await searchParams).store)
  if (!screen.ok) return screen.page
  const { user, stores, store, words } = screen
  if (user.role !== 'owner' && user.role !== 'admin') return <Forbidden />
  return (
    <section className="sections">
      <div className="pos__header">
        <div>
          <p className="muted">
            <Link href={`/customers?store=${store.id}`}>{words.customers}</Link> / {store.name}
          </p>
          <h1>Import balances</h1>
        </div>
        <StorePicker stores={stores} current={store.id} />
      </div>
      <ImportBalances store={store} />
    </section>
  )
}
