'use client'

import Link from 'next/link'

import { ReceiptView } from '@/components/documents/ReceiptView'
import { methodLabel } from '@/components/paymentMethods'

import type { CheckoutResult } from './usePosCheckout'

/**
 * After Complete: what happened, with its references ("Charged ₹300.00 · PAY-000007"), the
 * change to give back in large type, and the receipt to print.
 */
export function SaleDone({ done, money, storeName, onNewSale }: { done: CheckoutResult; money: (minor: number) => string; storeName: string; onNewSale: () => void }) {
  const paid = done.transactions.filter((tx) => tx.amount > 0)
  const charged = paid.reduce((total, tx) => total + tx.amount, 0)
  const headline = done.bill.complimentary
    ? `Complimentary bill ${done.bill.number}`
    : charged > 0
      ? `Charged ${money(charged)} · ${paid.map((tx) => `${tx.reference} (${methodLabel(tx.method)})`).join(' · ')}`
      : done.advanceUsed > 0 && done.bill.amountDue === 0
        ? `Paid from advance ${money(done.advanceUsed)}`
        : `Bill ${done.bill.number} saved: ${money(done.bill.amountDue)} pending`
  return (
    <section className="pos pos--done">
      <div className="panel receipt-panel">
        <div className="no-print sale-done" role="status" data-testid="sale-done">
          <p className="sale-done__headline">{headline}</p>
          {done.changeDue > 0 && (
            <p className="sale-done__change" data-testid="sale-change">
              Give back {money(done.changeDue)} change
            </p>
          )}
          {done.bill.amountDue > 0 && !done.bill.complimentary && (
            <p className="money--owed">
              {money(done.bill.amountDue)} of {done.bill.number} stays pending · customer owes {money(done.customer.pendingBalance)} in all
            </p>
          )}
          {done.bill.creditOverrideReason && (
            <p className="muted" data-testid="sale-credit-override">
              Above the credit limit, by an owner’s override: {done.bill.creditOverrideReason}
            </p>
          )}
        </div>
        {/* 58 / 80 mm, ESC/POS, PDF, WhatsApp and link (SPEC §10) */}
        <ReceiptView
          bill={done.bill}
          initialText={done.receipt.text}
          customer={done.customer}
          title={`Bill ${done.bill.number}`}
          shareMessage={`Hi ${done.customer.name}, your bill ${done.bill.number} from ${storeName}: ${done.bill.amountDue > 0 ? `${money(done.bill.amountDue)} due.` : 'paid in full, thank you!'}`}
        >
          <button type="button" className="button button--primary" onClick={onNewSale} autoFocus>
            New sale
          </button>
          <Link className="button" href={`/receipts/${done.bill.id}`}>
            Reprint later
          </Link>
        </ReceiptView>
      </div>
    </section>
  )
}
