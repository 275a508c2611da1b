import type { Endpoint, PayloadRequest } from 'payload'
import { z } from 'zod'

import { mayUseStore } from '@/access/mayUseStore'
import { invoiceDocumentEndpoints } from '@/documents/endpoints'
import { notFound } from '@/domain/errors'
import { sql, type Db } from '@/ledger/db'
import { moneyEndpoint } from '@/lib/moneyEndpoint'
import { creditOverride, givenReference, isoDate, minorUnits, paymentMethod, reason, shortText } from '@/lib/schemas'
import { issueCreditNote } from '@/services/issueCreditNote'
import { writeOffInvoice } from '@/services/writeOffInvoice'
import { applyAdvance } from '@/services/applyAdvance'
import { postInvoice } from '@/services/postInvoice'
import { recordInvoicePayment } from '@/services/recordInvoicePayment'
import { voidInvoice } from '@/services/voidInvoice'

/** 404 unless the invoice exists in one of the requester's stores. */
async function invoiceInScope(db: Db, req: PayloadRequest, invoiceId: number) {
  const { rows } = await db.execute(sql`SELECT store_id FROM invoices WHERE id = ${invoiceId}`)
  if (!rows[0] || !mayUseStore(req, Number(rows[0].store_id))) throw notFound('invoice')
}

/**
 * The invoice actions: POST /api/invoices/:id/post · /payments · /mark-paid · /void ·
 * /write-off · /credit-notes (owners) · /apply-advance (staff).
 */
export const invoiceEndpoints: Endpoint[] = [
  moneyEndpoint({
    path: '/:id/post',
    who: 'owner',
    operation: 'invoice-post',
    summary: 'Post a draft invoice: it gets its number (SAL-26-0001, per store and year, gap-free) and enters the ledger',
    status: 200,
    body: z.object({ overrideCreditLimit: creditOverride.optional() }).passthrough(),
    run: async (db, req, input, invoiceId) => {
      await invoiceInScope(db, req, invoiceId)
      return { id: invoiceId, ...(await postInvoice(db, req, invoiceId, { creditOverride: input.overrideCreditLimit })) }
    },
  }),
  moneyEndpoint({
    path: '/:id/payments',
    who: 'owner',
    operation: 'invoice-payments',
    summary: 'Record a (partial) payment of a posted invoice',
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
    summary: 'Pay exactly the amount due of a posted invoice',
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
    summary: 'Void an invoice with reversing ledger rows (owner)',
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
    summary: "Pay a posted invoice from the customer's deposits, oldest first; amount defaults to the smaller of amount due and advance balance",
    body: z.object({ amount: minorUnits().nullish() }),
    run: async (db, req, input, invoiceId) => {
      await invoiceInScope(db, req, invoiceId)
      return applyAdvance(db, req, { invoiceId, amount: input.amount ?? undefined })
    },
  }),
  // SPEC §9: what is still due becomes bad debt (status written_off).
  moneyEndpoint({
    path: '/:id/write-off',
    who: 'owner',
    operation: 'invoice-write-off',
    summary: 'Write off what is still due as bad debt (WO-000001): the invoice becomes written_off and the customer owes that much less; a reason is required',
    body: z.object({ reason }),
    run: (db, req, input, invoiceId) => writeOffInvoice(db, req, { invoiceId, reason: input.reason }),
  }),
  // SPEC §9: the invoice asks for less (CN-26-0001); more than amountDue is 422.
  moneyEndpoint({
    path: '/:id/credit-notes',
    who: 'owner',
    operation: 'invoice-credit-note',
    summary:
      'Issue a credit note (CN-26-0001): the invoice asks for less by amount (at most its amount due; on a taxed invoice the tax goes back in proportion); a reason is required',
    body: z.object({ amount: minorUnits(), reason }),
    run: (db, req, input, invoiceId) => issueCreditNote(db, req, { invoiceId, ...input }),
  }),
  // the invoice's documents (receipt, PDF, email), written with the other documents
  ...invoiceDocumentEndpoints,
]
