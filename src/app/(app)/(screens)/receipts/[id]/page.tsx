import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { createLocalReq, NotFound } from 'payload'

import { Forbidden } from '@/components/Forbidden'
import { canOpen } from '@/access/screens'
import { RuleError } from '@/domain/errors'
import { payloadInstance } from '@/server/payload'
import { userForScreen } from '@/server/session'
import { inTransaction } from '@/ledger/db'
import { billReceipt } from '@/services/receipts'

import { ReceiptPaper } from '../ReceiptPaper'

export const metadata: Metadata = { title: 'Receipt' }

const missing = (error: unknown) => error instanceof NotFound || (error instanceof RuleError && error.status === 404)

/** Any bill's receipt, printed again — for cashiers too (issue 13). */
export default async function BillReceiptPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await userForScreen('/customers')
  if (!user) return <Forbidden />
  const id = Number((await params).id)
  if (!Number.isSafeInteger(id) || id <= 0) notFound()
  const payload = await payloadInstance()
  const req = await createLocalReq({ user }, payload)
  const receipt = await inTransaction(req, (db) => billReceipt(db, req, id)).catch((error: unknown) => {
    if (missing(error)) notFound()
    throw error
  })
  return (
    <section className="panel receipt-panel">
      <ReceiptPaper text={receipt.text} title={`Receipt ${receipt.number}`}>
        <Link className="button" href={`/customers/${receipt.customerId}`}>
          Back to the customer
        </Link>
        {canOpen(user.role, '/invoices') && (
          <Link className="button" href={`/invoices/${receipt.id}`}>
            Open the invoice
          </Link>
        )}
      </ReceiptPaper>
    </section>
  )
}
