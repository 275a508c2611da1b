import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { createLocalReq, NotFound } from 'payload'

import { Forbidden } from '@/components/Forbidden'
import { RuleError } from '@/domain/errors'
import { payloadInstance } from '@/server/payload'
import { userForScreen } from '@/server/session'
import { inTransaction } from '@/ledger/db'
import { paymentReceipt } from '@/services/receipts'

import { ReceiptPaper } from '../../ReceiptPaper'

export const metadata: Metadata = { title: 'Payment receipt' }

/** The printable receipt of money collected (issue 13: every collection gets one). */
export default async function PaymentReceiptPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await userForScreen('/customers')
  if (!user) return <Forbidden />
  const id = Number((await params).id)
  if (!Number.isSafeInteger(id) || id <= 0) notFound()
  const payload = await payloadInstance()
  const req = await createLocalReq({ user }, payload)
  const receipt = await inTransaction(req, (db) => paymentReceipt(db, req, id)).catch((error: unknown) => {
    if (error instanceof NotFound || (error instanceof RuleError && error.status === 404)) notFound()
    throw error
  })
  return (
    <section className="panel receipt-panel">
      <ReceiptPaper text={receipt.text} title={`Receipt ${receipt.reference}`}>
        <Link className="button" href={`/customers/${receipt.customerId}`}>
          Back to the customer
        </Link>
      </ReceiptPaper>
    </section>
  )
}
