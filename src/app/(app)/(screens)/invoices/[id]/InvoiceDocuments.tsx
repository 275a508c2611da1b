import { EmailButton } from '@/components/documents/EmailButton'
import { ShareButtons } from '@/components/documents/ShareButtons'
import { emailEnabled } from '@/documents/email'
import { formatMoney } from '@/domain/money'

/** PDF, receipt, WhatsApp, link and email for one posted bill or invoice (SPEC §10). */
export function InvoiceDocuments({
  invoice,
  customer,
  store,
  canEmail,
}: {
  invoice: { id: number; number: string; kind: string; amountDue: number }
  customer: { name: string; phone: string | null; email: string | null }
  store: { name: string; currency: string; locale: string }
  canEmail: boolean
}) {
  const due = formatMoney(invoice.amountDue, store.currency, store.locale)
  const noun = invoice.kind === 'bill' ? 'bill' : 'invoice'
  return (
    <div className="panel share" data-testid="invoice-documents">
      <a className="button" href={`/api/invoices/${invoice.id}/pdf`} target="_blank" rel="noreferrer">
        PDF
      </a>
      {invoice.kind === 'bill' && (
        <>
          <a className="button" href={`/api/invoices/${invoice.id}/receipt?width=32`} target="_blank" rel="noreferrer">
            Receipt 58 mm
          </a>
          <a className="button" href={`/api/invoices/${invoice.id}/receipt?width=48`} target="_blank" rel="noreferrer">
            Receipt 80 mm
          </a>
        </>
      )}
      <ShareButtons
        document="invoice"
        id={invoice.id}
        phone={customer.phone}
        message={`Hi ${customer.name}, your ${noun} ${invoice.number} from ${store.name}: ${invoice.amountDue > 0 ? `${due} due.` : 'paid in full, thank you!'}`}
      />
      {canEmail && <EmailButton path={`/api/invoices/${invoice.id}/email`} emailOn={emailEnabled()} customerEmail={customer.email} />}
    </div>
  )
}
