import type { Payload } from 'payload'

import { EmailButton } from '@/components/documents/EmailButton'
import { ShareButtons } from '@/components/documents/ShareButtons'
import { storeDates } from '@/components/storeDates'
import { emailEnabled } from '@/documents/email'
import { formatMoney } from '@/domain/money'
import type { SessionUser } from '@/server/session'

import { ShareLinksList } from './ShareLinksList'
import { StatementActions } from './StatementActions'

interface Props {
  payload: Payload
  user: SessionUser
  store: { id: number; name: string; currency: string; locale: string; timezone: string }
  customer: { id: number; name: string; phone: string | null; email: string | null; pendingBalance: number }
  openInvoices: { id: number; number: unknown; amountDue: number; kind: unknown }[]
}

/**
 * What the customer can be sent (SPEC §10): the statement for a period (PDF, WhatsApp, link,
 * email), each open bill or invoice, and the links already shared — with Revoke.
 */
export async function CustomerDocuments({ payload, user, store, customer, openInvoices }: Props) {
  const money = (minor: number) => formatMoney(minor, store.currency, store.locale)
  const dates = storeDates(store)
  const isOwner = user.role === 'owner' || user.role === 'admin'
  const links = await payload.find({
    collection: 'share-links',
    where: { customer: { equals: customer.id } },
    sort: '-createdAt',
    limit: 50,
    depth: 0,
    user,
    overrideAccess: false,
  })
  const invoiceIds = [...new Set(links.docs.filter((link) => link.document === 'invoice').map((link) => link.documentId))]
  const numbers = new Map(
    invoiceIds.length === 0
      ? []
      : (
          await payload.find({
            collection: 'invoices',
            where: { id: { in: invoiceIds } },
            select: { number: true },
            limit: invoiceIds.length,
            depth: 0,
            user,
            overrideAccess: false,
          })
        ).docs.map((invoice) => [invoice.id, invoice.number ?? `#${invoice.id}`]),
  )
  const now = Date.now()
  return (
    <div className="panel documents" data-testid="customer-documents">
      <h2>Send to the customer</h2>
      <StatementActions
        customer={{ id: customer.id, phone: customer.phone, email: customer.email }}
        shareMessage={`Hi ${customer.name}, your statement from ${store.name}: ${money(customer.pendingBalance)} due.`}
        emailOn={emailEnabled()}
        canEmail={isOwner}
      />
      {openInvoices.length > 0 && (
        <div className="table-wrap">
          <table className="table" data-testid="open-documents">
            <thead>
              <tr>
                <th>Bill / invoice</th>
                <th className="num">Due</th>
                <th>Send</th>
              </tr>
            </thead>
            <tbody>
              {openInvoices.map((invoice) => (
                <tr key={invoice.id}>
                  <td>{String(invoice.number)}</td>
                  <td className="num">{money(invoice.amountDue)}</td>
                  <td>
                    <div className="share">
                      <a className="button" href={`/api/invoices/${invoice.id}/pdf`} target="_blank" rel="noreferrer">
                        PDF
                      </a>
                      {invoice.kind === 'bill' && (
                        <a className="button" href={`/api/invoices/${invoice.id}/receipt?width=32`} target="_blank" rel="noreferrer">
                          Receipt
                        </a>
                      )}
                      <ShareButtons
                        document="invoice"
                        id={invoice.id}
                        phone={customer.phone}
                        message={`Hi ${customer.name}, your ${invoice.kind === 'bill' ? 'bill' : 'invoice'} ${String(invoice.number)} from ${store.name}: ${money(invoice.amountDue)} due.`}
                      />
                      {isOwner && <EmailButton path={`/api/invoices/${invoice.id}/email`} emailOn={emailEnabled()} customerEmail={customer.email} />}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ShareLinksList
        links={links.docs.map((link) => ({
          id: link.id,
          label: link.document === 'statement' ? 'Statement' : (numbers.get(link.documentId) ?? `Invoice #${link.documentId}`),
          created: dates.instant(link.createdAt),
          expires: dates.instant(link.expiresAt),
          state: link.revokedAt ? 'revoked' : Date.parse(link.expiresAt) <= now ? 'expired' : 'live',
        }))}
      />
    </div>
  )
}
