'use client'

import { useRef, useState } from 'react'

import { StorePicker } from '@/components/StorePicker'
import type { StoreSummary } from '@/server/stores'

import { Cart } from './Cart'
import { CustomerPanel } from './CustomerPanel'
import { PaymentPanel } from './PaymentPanel'
import { SaleDone } from './SaleDone'
import { usePosCheckout, type CatalogueEntry } from './usePosCheckout'

/**
 * The POS checkout screen: customer, cart and payment side by side (stacked on a tablet
 * with the payment beside the cart); Ctrl+Enter runs the primary action from anywhere.
 */
export function PosCheckout({
  store,
  stores,
  initialCustomerId,
  approvalNeeded,
  canOverrideCredit,
  catalogue,
}: {
  store: StoreSummary
  stores: StoreSummary[]
  initialCustomerId: number | null
  approvalNeeded: boolean
  /** An owner may let a sale go above the customer's credit limit (SPEC §9). */
  canOverrideCredit: boolean
  /** The store's active services (SPEC §12): the service field searches them. */
  catalogue: CatalogueEntry[]
}) {
  const pos = usePosCheckout(store, initialCustomerId, catalogue)
  const primary = useRef<HTMLButtonElement>(null)
  const [cartFocus, setCartFocus] = useState(0)

  if (pos.done) return <SaleDone done={pos.done} money={pos.money} storeName={store.name} onNewSale={pos.newSale} />

  return (
    <section
      className="pos"
      aria-label="POS checkout"
      onKeyDown={(event) => {
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
          event.preventDefault()
          primary.current?.click()
        }
      }}
    >
      <div className="pos__header">
        <h1>POS checkout</h1>
        <StorePicker stores={stores} current={store.id} />
      </div>
      <div className="pos__grid">
        <CustomerPanel pos={pos} onPicked={() => setCartFocus((count) => count + 1)} />
        <Cart pos={pos} focusRequest={cartFocus} />
        <PaymentPanel pos={pos} primaryRef={primary} approvalNeeded={approvalNeeded} canOverrideCredit={canOverrideCredit} />
      </div>
    </section>
  )
}
