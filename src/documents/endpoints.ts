/**
 * Documents customers receive (SPEC §10), for staff: receipts, PDFs and email.
 *   GET  /api/invoices/:id/receipt?width=32|48&format=text|escpos
 *   GET  /api/invoices/:id/pdf
 *   POST /api/invoices/:id/email                 (owner)
 *   GET  /api/customers/:id/statement.pdf?from&to
 *   POST /api/customers/:id/statement/email      (owner)  {from?, to?, email?}
 * Another store's id answers 404, like an unknown one.
 */
import { APIError, Forbidden, type Endpoint, type PayloadRequest } from 'payload'
import { z } from 'zod'

import { hasRole, type AccessUser } from '@/access/roles'
import { formatMoney } from '@/domain/money'
import { RECEIPT_FORMATS, RECEIPT_WIDTHS, receiptEscPos, receiptText } from '@/domain/receipt'
import { handler, jsonBody, parseWith, requireUser } from '@/lib/http'
import { described } from '@/lib/openapi/describe'
import { idParam } from '@/lib/schemas'
import { inTransaction } from '@/ledger/db'
import { mayUseStore } from '@/access/mayUseStore'
import { notFound } from '@/domain/errors'

import { billReceipt } from './billReceipt'
import { emailEnabled } from './email'
import { documentTitle, invoiceDocument, type InvoiceDocument } from './invoiceDocument'
import { invoicePdf, statementPdf } from './pdf/render'
import { statementDocument, type StatementDocument } from './statementDocument'
import { statementRange, statementRangeOf } from './statementQuery'
import { logoBytes } from './storeProfile'

const receiptQuery = z.object({
  width: z.coerce
    .number({ error: () => 'must be 32 or 48' })
    .refine((value): value is (typeof RECEIPT_WIDTHS)[number] => (RECEIPT_WIDTHS as readonly number[]).includes(value), 'must be 32 or 48')
    .default(48),
  format: z.enum(RECEIPT_FORMATS, { error: () => `must be one of ${RECEIPT_FORMATS.join(', ')}` }).default('text'),
})

const emailAddress = z.email('must be an email address like name@example.com').max(254)
const invoiceEmailBody = z.object({ email: emailAddress.optional() })
const statementEmailBody = z.object({ email: emailAddress.optional(), from: statementRange.shape.from, to: statementRange.shape.to })
const emailSent = z.object({ to: z.string(), subject: z.string(), messageId: z.string().nullable() })

function requireOwner(req: PayloadRequest) {
  const user = requireUser(req)
  if (!hasRole(user as AccessUser, 'admin', 'owner')) throw new Forbidden(req.t)
}

const pdfResponse = (bytes: Buffer, filename: string) =>
  new Response(new Uint8Array(bytes), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `inline; filename="${filename}"`,
      'Cache-Control': 'private, no-store',
    },
  })

/** The invoice with its store, 404 unless the requester may use that store. */
async function invoiceFor(req: PayloadRequest): Promise<InvoiceDocument> {
  const invoiceId = parseWith(idParam, req.routeParams?.id)
  const doc = await inTransaction(req, (db) => invoiceDocument(db, invoiceId))
  if (!doc || !mayUseStore(req, doc.store.id)) throw notFound('invoice')
  return doc
}

async function statementFor(req: PayloadRequest, range: { from?: string; to?: string }): Promise<StatementDocument> {
  const customerId = parseWith(idParam, req.routeParams?.id)
  return inTransaction(req, (db) => statementDocument(db, req, customerId, range))
}

export async function renderInvoicePdf(req: PayloadRequest, doc: InvoiceDocument) {
  return invoicePdf(doc, doc.store.logoId ? await logoBytes(req.payload, doc.store.logoId) : null)
}

export async function renderStatementPdf(req: PayloadRequest, doc: StatementDocument) {
  return statementPdf(doc, doc.store.logoId ? await logoBytes(req.payload, doc.store.logoId) : null)
}

const receiptEndpoint: Endpoint = described(
  {
    path: '/:id/receipt',
    method: 'get',
    handler: handler(async (req) => {
      requireUser(req)
      const invoiceId = parseWith(idParam, req.routeParams?.id)
      const query = parseWith(receiptQuery, { width: req.searchParams.get('width') ?? undefined, format: req.searchParams.get('format') ?? undefined })
      const receipt = await inTransaction(req, (db) => billReceipt(db, invoiceId))
      if (!receipt || !mayUseStore(req, receipt.storeId)) throw notFound('invoice')
      if (query.format === 'escpos') {
        return new Response(receiptEscPos(receipt.input, query.width), {
          headers: {
            'Content-Type': 'application/octet-stream',
            'Content-Disposition': `attachment; filename="${receipt.input.bill.number}-${query.width}.bin"`,
            'Cache-Control': 'private, no-store',
          },
        })
      }
      return new Response(receiptText(receipt.input, query.width), {
        headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'private, no-store' },
      })
    }),
  },
  {
    summary: "The bill's thermal receipt: 32 columns (58 mm) or 48 (80 mm), plain text or ESC/POS bytes",
    who: 'staff',
    query: receiptQuery,
    response: { mediaType: 'text/plain', description: 'The receipt as text (`format=text`), or ESC/POS bytes as application/octet-stream (`format=escpos`).' },
  },
)

const invoicePdfEndpoint: Endpoint = described(
  {
    path: '/:id/pdf',
    method: 'get',
    handler: handler(async (req) => {
      requireUser(req)
      const doc = await invoiceFor(req)
      return pdfResponse(await renderInvoicePdf(req, doc), `${doc.invoice.number}.pdf`)
    }),
  },
  {
    summary: "The invoice as an A4 PDF with the store's name, address, phone, UPI id and logo",
    who: 'staff',
    response: { mediaType: 'application/pdf', description: 'The PDF.' },
  },
)

const statementPdfEndpoint: Endpoint = described(
  {
    path: '/:id/statement.pdf',
    method: 'get',
    handler: handler(async (req) => {
      requireUser(req)
      const doc = await statementFor(req, statementRangeOf(req))
      return pdfResponse(await renderStatementPdf(req, doc), `${doc.reference}.pdf`)
    }),
  },
  {
    summary: "The customer's statement of a period of store days as an A4 PDF",
    who: 'staff',
    query: statementRange,
    response: { mediaType: 'application/pdf', description: 'The PDF.' },
  },
)

/** 503: this server sends no email (no SMTP_URL). Named: log levels are looked up by name. */
class EmailOff extends APIError {
  override name = 'EmailOff'
  constructor() {
    super('Email is off: set SMTP_URL to send email', 503, { field: 'email' }, true)
  }
}

/** 502: the mail server refused or could not be reached. */
class EmailNotSent extends APIError {
  override name = 'EmailNotSent'
  constructor(reason: string) {
    super(`Could not send the email: ${reason}`, 502, undefined, true)
  }
}

function requireEmailOn() {
  if (!emailEnabled()) throw new EmailOff()
}

async function send(req: PayloadRequest, message: { to: string; subject: string; text: string; filename: string; pdf: Buffer }) {
  try {
    const info = (await req.payload.sendEmail({
      to: message.to,
      subject: message.subject,
      text: message.text,
      attachments: [{ filename: message.filename, content: message.pdf, contentType: 'application/pdf' }],
    })) as { messageId?: string } | undefined
    return Response.json({ to: message.to, subject: message.subject, messageId: info?.messageId ?? null })
  } catch (error) {
    req.payload.logger.warn(`email to ${message.to} failed: ${error instanceof Error ? error.message : String(error)}`)
    throw new EmailNotSent(error instanceof Error ? error.message : 'the mail server refused it')
  }
}

function recipient(given: string | undefined, customerEmail: string | null): string {
  const to = given ?? customerEmail
  if (!to) throw new APIError('The customer has no email address: add one, or give email', 422, { field: 'email' }, true)
  return to
}

function signature(store: { name: string; phone: string | null }) {
  return `${store.name}${store.phone ? `\nPhone: ${store.phone}` : ''}`
}

const invoiceEmailEndpoint: Endpoint = described(
  {
    path: '/:id/email',
    method: 'post',
    handler: handler(async (req) => {
      requireOwner(req)
      const input = parseWith(invoiceEmailBody, await jsonBody(req))
      const doc = await invoiceFor(req)
      requireEmailOn()
      const to = recipient(input.email, doc.customer.email)
      const money = (minor: number) => formatMoney(minor, doc.store.currency, doc.store.locale)
      const title = documentTitle(doc.invoice.kind)
      return send(req, {
        to,
        subject: `${title} ${doc.invoice.number} from ${doc.store.name}`,
        text: [
          `Dear ${doc.customer.name},`,
          '',
          `Please find attached ${title.toLowerCase()} ${doc.invoice.number} for ${money(doc.invoice.total)}.`,
          doc.invoice.amountDue > 0 ? `Amount due: ${money(doc.invoice.amountDue)}.` : 'It is paid in full. Thank you!',
          '',
          signature(doc.store),
        ].join('\n'),
        filename: `${doc.invoice.number}.pdf`,
        pdf: await renderInvoicePdf(req, doc),
      })
    }),
  },
  {
    summary: "Email the invoice's PDF (owner) to `email`, by default the customer's",
    who: 'owner',
    body: invoiceEmailBody,
    response: emailSent,
    errors: { 422: 'The customer has no email address and none was given.', 502: 'The mail server refused it or could not be reached.', 503: 'Email is off (no SMTP_URL).' },
  },
)

const statementEmailEndpoint: Endpoint = described(
  {
    path: '/:id/statement/email',
    method: 'post',
    handler: handler(async (req) => {
      requireOwner(req)
      const input = parseWith(statementEmailBody, await jsonBody(req))
      const range = parseWith(statementRange, { from: input.from, to: input.to })
      const doc = await statementFor(req, range)
      requireEmailOn()
      const to = recipient(input.email, doc.customer.email)
      const money = (minor: number) => formatMoney(minor, doc.store.currency, doc.store.locale)
      return send(req, {
        to,
        subject: `Statement ${doc.reference} from ${doc.store.name}`,
        text: [
          `Dear ${doc.customer.name},`,
          '',
          `Please find attached your statement of account${doc.statement.from ? ` from ${doc.statement.from}` : ''} to ${doc.statement.to}.`,
          `Closing balance: ${money(doc.statement.closingBalance)}. Due today: ${money(doc.amountDue)}.`,
          '',
          signature(doc.store),
        ].join('\n'),
        filename: `${doc.reference}.pdf`,
        pdf: await renderStatementPdf(req, doc),
      })
    }),
  },
  {
    summary: "Email the statement's PDF of a period (owner) to `email`, by default the customer's",
    who: 'owner',
    body: statementEmailBody,
    response: emailSent,
    errors: { 422: 'The customer has no email address and none was given.', 502: 'The mail server refused it or could not be reached.', 503: 'Email is off (no SMTP_URL).' },
  },
)

export const invoiceDocumentEndpoints: Endpoint[] = [receiptEndpoint, invoicePdfEndpoint, invoiceEmailEndpoint]
export const customerDocumentEndpoints: Endpoint[] = [statementPdfEndpoint, statementEmailEndpoint]
