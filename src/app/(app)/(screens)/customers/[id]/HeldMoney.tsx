import Link from 'next/link'

import { Money } from '@/components/Money'
import { heldMoney } from '@/domain/held'
import type { StoreSummary } from '@/server/stores'

/**
 * SPEC §9a on the customer page: the money the shop already holds for them (deposits and
 * payments applied to no invoice) netted against what they owe. When it covers the dues the
 * page says so — apply it (the "Apply advance" buttons on the open bills, Reconciliation for
 * unmatched payments) rather than chase the customer.
 */
export function HeldMoney({
  store,
  balances,
  canMatch,
}: {
  store: StoreSummary
  balances: { pendingBalance: number; advanceBalance: number; unmatchedCredit: number }
  /** Owners match unmatched payments in Reconciliation. */
  canMatch: boolean
}) {
  const { held, net, canApply, covers } = heldMoney(balances)
  if (held === 0) return null
  const money = (minor: number, owed = false) => <Money minor={minor} currency={store.currency} locale={store.locale} owed={owed} />
  return (
    <div className="panel" data-testid="held-money">
      <div className="stats">
        <div className="stat">
          <div className="stat__label">Held for them</div>
          <div className="stat__value" data-testid="customer-held">
            {money(held)}
          </div>
          <div className="muted hint">
            advance {money(balances.advanceBalance)} + unmatched {money(balances.unmatchedCredit)}
          </div>
        </div>
        <div className="stat">
          <div className="stat__label">Net (pending − held)</div>
          <div className={`stat__value ${net > 0 ? 'stat__value--owed' : ''}`} data-testid="customer-net">
            {money(net)}
          </div>
        </div>
      </div>
      {canApply && (
        <p className="alert alert--pending" role="note" data-testid="apply-held">
          <span>
            {covers ? 'The money held covers everything due — apply it instead of asking for more.' : 'Part of what is due can be paid from the money held.'}{' '}
            {balances.advanceBalance > 0 && 'Use “Apply advance” on an open bill below.'}{' '}
            {balances.unmatchedCredit > 0 && canMatch && <Link href={`/reconciliation?store=${store.id}`}>Match the unmatched payments</Link>}
          </span>
        </p>
      )}
    </div>
  )
}
