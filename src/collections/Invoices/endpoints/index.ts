import type { Endpoint, PayloadRequest } from 'payload'
import { z } from 'zod'

import { mayUseStore } from '@/access/mayUseStore'
import { invoiceDocumentEndpoints } from '@/documents/endpoints'
import { notFound } from '@/domain/errors'
import { sql, type Db } from '@/ledger/db'
import { moneyEndpoint } from '@/lib/moneyEndpoint'
import { givenReference, isoDate, minorUnits, paymentMethod, shortText } from '@/lib/schemas'
import { applyAdvance } from '@/services/applyAdvance'
import { postInvoice } from '@/services/postInvoice'
import { recordInvoicePayment } from '@/services/recordInvoicePayment'
import { voidInvoice } from '@/services/voidInvoice'

/** 404 unless the invoice exists in one of the requester's stores. */
async function invoiceInScope(db: Db, req: PayloadRequest, invoiceId: number) {
  const { rows } = await db.execute(sql`SELECT store_id FROM invoices WHERE id = ${invoiceId}`)
  if (!rows[0] || !mayUseStore(req, Number(rows[0].store_id))) throw notFound('invoice')
}

/** The invoice actions: POST /api/invoices/:id/post · /payments · /mark-paid · /void (owners) · /apply-advance (staff). */
export const invoiceEndpoints: Endpoint[] = [
  moneyEndpoint({
    path: '/:id/post',
    who: 'owner',
    operation: 'invoice-post',
    status: 200,
    body: z.object({}).passthrough(),
    run: async (db, req, _input, invoiceId) => {
      await invoiceInScope(db, req, invoiceId)
      return { id: invoiceId, ...(await postInvoice(db, req, invoiceId)) }
    },
  }),
  moneyEndpoint({
    path: '/:id/payments',
    who: 'owner',
    operation: 'invoice-payments',
    body: z.object({
      amount: minorUnits(),
      method: paymentMethod,
      date: isoDate.nullish(),
      reference: givenReference.nullish(),
      notes: shortText(2000).nullish(),
    }),
    run: async (db, req, input, invoiceId) => {
      await invoiceInScope(db, req, invoiceId)
      return recordInvoicePayment(db, req, { ...input, invoiceId })
    },
  }),
  moneyEndpoint({
    path: '/:id/mark-paid',
    who: 'owner',
    operation: 'invoice-mark-paid',
    body: z.object({ method: paymentMethod, date: isoDate.nullish(), reference: givenReference.nullish() }),
    run: async (db, req, input, invoiceId) => {
      await invoiceInScope(db, req, invoiceId)
      return recordInvoicePayment(db, req, { ...input, invoiceId })
    },
  }),
  moneyEndpoint({
    path: '/:id/void',
    who: 'owner',
    operation: 'invoice-void',
    status: 200,
    body: z.object({ reason: shortText(300).nullish() }),
    run: async (db, req, input, invoiceId) => {
      await invoiceInScope(db, req, invoiceId)
      return voidInvoice(db, req, invoiceId, input.reason)
    },
  }),
  // SPEC §9a: cashiers too — it only moves the customer's own deposits onto what they owe.
  moneyEndpoint({
    path: '/:id/apply-advance',
    who: 'staff',
    operation: 'invoice-apply-advance',
    body: z.object({ amount: minorUnits().nullish() }),
    run: async (db, req, input, invoiceId) => {
      await invoiceInScope(db, req, invoiceId)
      return applyAdvance(db, req, { invoiceId, amount: input.amount ?? undefined })
    },
  }),
  // the invoice's documents (receipt, PDF, email), written with the other documents
  ...invoiceDocumentEndpoints,
]
