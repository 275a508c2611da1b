import Link from 'next/link'

import { Money } from '@/components/Money'
import { heldMoney } from '@/domain/held'
import type { StoreSummary } from '@/server/stores'

/**
 * The customers list's "Held" column (SPEC §9a): deposits + payments applied to no invoice.
 * When that money covers what the customer owes, an "Apply" link leads to their page
 * (apply it there instead of collecting again).
 */
export function HeldCell({
  store,
  customer,
}: {
  store: StoreSummary
  customer: { id: number; pendingBalance?: number | null; advanceBalance?: number | null; unmatchedCredit?: number | null }
}) {
  const { held, covers, canApply } = heldMoney({
    pendingBalance: customer.pendingBalance ?? 0,
    advanceBalance: customer.advanceBalance ?? 0,
    unmatchedCredit: customer.unmatchedCredit ?? 0,
  })
  return (
    <td className="num" data-testid="held-cell">
      {held > 0 ? <Money minor={held} currency={store.currency} locale={store.locale} /> : <span className="dash">–</span>}
      {canApply && (
        <div className="hint">
          <Link href={`/customers/${customer.id}?store=${store.id}`} title={covers ? 'Held money covers what is due' : 'Held money pays part of what is due'}>
            {covers ? 'Apply (covers due)' : 'Apply'}
          </Link>
        </div>
      )}
    </td>
  )
}
