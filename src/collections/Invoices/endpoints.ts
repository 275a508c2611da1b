import type { Endpoint, PayloadRequest } from 'payload'
import { Forbidden } from 'payload'
import { z } from 'zod'

import { hasRole, type AccessUser } from '@/access/roles'
import { handler, idempotencyKeyOf, jsonBody, parseWith, requireUser } from '@/lib/http'
import { idParam, isoDate, minorUnits, paymentMethod, shortText } from '@/lib/schemas'
import { sql, type Db } from '@/services/db'
import { applyAdvance } from '@/services/applyAdvance'
import { respond, runOnce } from '@/services/idempotency'
import { mayUseStore, notFound } from '@/services/ledger'
import { postInvoice } from '@/services/postInvoice'
import { recordInvoicePayment } from '@/services/recordInvoicePayment'
import { voidInvoice } from '@/services/voidInvoice'

function requireOwner(req: PayloadRequest) {
  const user = requireUser(req)
  if (!hasRole(user as AccessUser, 'admin', 'owner')) throw new Forbidden(req.t)
}

/** 404 unless the invoice exists in one of the requester's stores. */
async function invoiceInScope(db: Db, req: PayloadRequest, invoiceId: number) {
  const { rows } = await db.execute(sql`SELECT store_id FROM invoices WHERE id = ${invoiceId}`)
  if (!rows[0] || !mayUseStore(req, Number(rows[0].store_id))) throw notFound('invoice')
}

const paymentBody = z.object({
  amount: minorUnits(),
  method: paymentMethod,
  date: isoDate.nullish(),
  reference: shortText(64).nullish(),
  notes: shortText(2000).nullish(),
})
const markPaidBody = z.object({ method: paymentMethod, date: isoDate.nullish(), reference: shortText(64).nullish() })
const voidBody = z.object({ reason: shortText(300).nullish() })
const applyAdvanceBody = z.object({ amount: minorUnits().nullish() })

function moneyEndpoint<T extends z.ZodType>(
  path: string,
  schema: T,
  run: (db: Db, req: PayloadRequest, invoiceId: number, input: z.infer<T>) => Promise<unknown>,
  status = 201,
  /** Who may call it: owners (and admins), or every role of the invoice's store. */
  who: 'owner' | 'staff' = 'owner',
): Endpoint {
  return {
    path: `/:id/${path}`,
    method: 'post',
    handler: handler(async (req) => {
      if (who === 'owner') requireOwner(req)
      else requireUser(req)
      const invoiceId = parseWith(idParam, req.routeParams?.id)
      const request = await jsonBody(req)
      const input = parseWith(schema, request)
      const outcome = await runOnce(req, { key: idempotencyKeyOf(req), operation: `invoice-${path}:${invoiceId}`, request }, async (db) => {
        await invoiceInScope(db, req, invoiceId)
        return { status, body: await run(db, req, invoiceId, input) }
      })
      return respond(outcome)
    }),
  }
}

export const invoiceEndpoints: Endpoint[] = [
  moneyEndpoint('post', z.object({}).passthrough(), async (db, req, invoiceId) => ({ id: invoiceId, ...(await postInvoice(db, req, invoiceId)) }), 200),
  moneyEndpoint('payments', paymentBody, (db, req, invoiceId, input) => recordInvoicePayment(db, req, { ...input, invoiceId })),
  moneyEndpoint('mark-paid', markPaidBody, (db, req, invoiceId, input) => recordInvoicePayment(db, req, { ...input, invoiceId })),
  moneyEndpoint('void', voidBody, (db, req, invoiceId, input) => voidInvoice(db, req, invoiceId, input.reason), 200),
  // SPEC §9a: cashiers too — it only moves the customer's own deposits onto what they owe.
  moneyEndpoint('apply-advance', applyAdvanceBody, (db, req, invoiceId, input) => applyAdvance(db, req, { invoiceId, amount: input.amount ?? undefined }), 201, 'staff'),
]
