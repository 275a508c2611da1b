import { Document, Page, Text, View } from '@react-pdf/renderer'

import { storeDates } from '@/components/storeDates'
import { formatMoney } from '@/domain/money'
import { ratePercent } from '@/domain/tax'

import { documentTitle, type InvoiceDocument } from '../invoiceDocument'
import { PageFooter, StoreHeader, styles, TotalRow } from './parts'

const METHOD_LABELS: Record<string, string> = { advance: 'from advance', bank_transfer: 'bank transfer', credit_card: 'credit card' }

/** One bill or invoice (SPEC §10): the store, the customer, items, totals, payments, page numbers. */
export function InvoicePdf({ doc, logo }: { doc: InvoiceDocument; logo: string | null }) {
  const { store, invoice, customer } = doc
  const money = (minor: number) => formatMoney(minor, store.currency, store.locale)
  const dates = storeDates(store)
  const title = documentTitle(invoice.kind)
  // SPEC §12: a tax invoice shows each line's SAC and rate; a bill of supply has no tax lines.
  const taxColumns = Boolean(doc.tax && doc.tax.summary.length > 0)
  const meta = [
    `No. ${invoice.number}`,
    `Date: ${dates.calendar(invoice.issueDate)}`,
    ...(invoice.dueDate ? [`Due: ${dates.calendar(invoice.dueDate)}`] : []),
    ...(invoice.periodStart ? [`Period: ${dates.calendar(invoice.periodStart)} – ${dates.calendar(invoice.periodEnd)}`] : []),
    `Status: ${invoice.status.replace('_', ' ')}`,
  ]
  return (
    <Document title={`${title} ${invoice.number} — ${store.name}`} author={store.name} creator="Tally" producer="Tally">
      <Page size="A4" style={styles.page}>
        <StoreHeader store={store} logo={logo} title={invoice.status === 'void' ? `${title} (VOID)` : title} meta={meta} />
        {doc.tax && (
          <View style={styles.section}>
            <Text style={{ fontWeight: 'bold', fontSize: 11 }}>{doc.tax.heading}</Text>
            {doc.tax.headerLines.map((line) => (
              <Text key={line} style={styles.muted}>
                {line}
              </Text>
            ))}
          </View>
        )}
        <View style={styles.section}>
          <Text style={styles.label}>Billed to</Text>
          <Text style={{ fontWeight: 'bold' }}>{customer.name}</Text>
          {customer.phone && <Text style={styles.muted}>{customer.phone}</Text>}
          {customer.email && <Text style={styles.muted}>{customer.email}</Text>}
          {customer.address && <Text style={styles.muted}>{customer.address}</Text>}
        </View>

        <View style={styles.table}>
          <View style={styles.headRow} fixed>
            <Text style={[styles.headCell, { flex: 1 }]}>Description</Text>
            {taxColumns && <Text style={[styles.headCell, { width: 55 }]}>SAC</Text>}
            {taxColumns && <Text style={[styles.headCell, styles.num, { width: 40 }]}>Rate</Text>}
            <Text style={[styles.headCell, styles.num, { width: 50 }]}>Qty</Text>
            <Text style={[styles.headCell, styles.num, { width: 90 }]}>Unit price</Text>
            <Text style={[styles.headCell, styles.num, { width: 95 }]}>Amount</Text>
          </View>
          {invoice.items.map((item, index) => (
            <View key={index} style={styles.row} wrap={false}>
              <Text style={{ flex: 1, paddingRight: 6 }}>{item.description}</Text>
              {taxColumns && <Text style={{ width: 55 }}>{item.sac ?? ''}</Text>}
              {taxColumns && <Text style={[styles.num, { width: 40 }]}>{ratePercent(item.taxRate)}</Text>}
              <Text style={[styles.num, { width: 50 }]}>{String(item.quantity)}</Text>
              <Text style={[styles.num, { width: 90 }]}>{money(item.unitPrice)}</Text>
              <Text style={[styles.num, { width: 95 }]}>{money(item.amount)}</Text>
            </View>
          ))}
        </View>

        <View style={styles.totals} wrap={false}>
          {invoice.complimentary ? (
            <>
              <TotalRow label="List price" value={money(invoice.subtotal)} />
              <TotalRow label="Total" value={money(0)} style={styles.grandTotal} />
              <Text style={{ marginTop: 4, fontWeight: 'bold' }}>COMPLIMENTARY SERVICE</Text>
            </>
          ) : (
            <>
              {invoice.discount > 0 && <TotalRow label="Subtotal" value={money(invoice.subtotal)} />}
              {invoice.discount > 0 && <TotalRow label="Discount" value={`-${money(invoice.discount)}`} />}
              <TotalRow label="Total" value={money(invoice.total)} style={styles.grandTotal} />
              {(doc.tax?.summary ?? []).map((row) => (
                <TotalRow key={row.label} label={row.label} value={money(row.amount)} style={styles.muted} />
              ))}
              <TotalRow label="Paid" value={money(invoice.amountPaid)} />
              <TotalRow label="Amount due" value={money(invoice.amountDue)} style={invoice.amountDue > 0 ? styles.owed : { fontWeight: 'bold' }} />
            </>
          )}
        </View>

        {doc.payments.length > 0 && (
          <View style={[styles.section, { marginTop: 16 }]} wrap={false}>
            <Text style={styles.label}>Payments received</Text>
            {doc.payments.map((payment, index) => (
              <View key={index} style={styles.totalRow}>
                <Text>
                  {dates.instant(payment.date)} · {payment.reference ?? ''} · {METHOD_LABELS[payment.method] ?? payment.method}
                </Text>
                <Text>{money(payment.amount)}</Text>
              </View>
            ))}
          </View>
        )}
        {invoice.notes && (
          <View style={styles.section}>
            <Text style={styles.label}>Notes</Text>
            <Text>{invoice.notes}</Text>
          </View>
        )}
        <PageFooter left={`${store.name} · ${title} ${invoice.number}`} />
      </Page>
    </Document>
  )
}
