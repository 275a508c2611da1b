import { Document, Page, Text, View } from '@react-pdf/renderer'

import { storeDates } from '@/components/storeDates'
import { formatMoney } from '@/domain/money'

import type { StatementDocument } from '../statementDocument'
import { statementEntry } from '../statementEntry'
import { PageFooter, StoreHeader, styles, TotalRow } from './parts'

/** A statement of account for a period (SPEC §10): opening balance, lines with running balance, closing balance. */
export function StatementPdf({ doc, logo }: { doc: StatementDocument; logo: string | null }) {
  const { store, statement } = doc
  const money = (minor: number) => formatMoney(minor, store.currency, store.locale)
  const dates = storeDates(store)
  const period = `${statement.from ? dates.calendar(statement.from) : 'First entry'} – ${dates.calendar(statement.to)}`
  const cell = { debit: 80, credit: 80, balance: 85 }
  // SPEC §12: a registered store's statement says how much of what was billed is tax.
  const taxBilled = statement.lines.reduce((total, line) => total + line.tax, 0)
  return (
    <Document title={`Statement ${doc.reference} — ${store.name}`} author={store.name} creator="Tally" producer="Tally">
      <Page size="A4" style={styles.page}>
        <StoreHeader
          store={store}
          logo={logo}
          title="Statement"
          meta={[doc.reference, `Period: ${period}`, ...(store.gstin ? [`${store.currency === 'INR' ? 'GSTIN' : `${store.taxLabel} No.`}: ${store.gstin}`] : [])]}
        />
        <View style={styles.section}>
          <Text style={styles.label}>Customer</Text>
          <Text style={{ fontWeight: 'bold' }}>{doc.customer.name}</Text>
          {doc.customer.phone && <Text style={styles.muted}>{doc.customer.phone}</Text>}
          {doc.customer.email && <Text style={styles.muted}>{doc.customer.email}</Text>}
        </View>

        <View style={styles.table}>
          <View style={styles.headRow} fixed>
            <Text style={[styles.headCell, { width: 80 }]}>Date</Text>
            <Text style={[styles.headCell, { flex: 1 }]}>Entry</Text>
            <Text style={[styles.headCell, styles.num, { width: cell.debit }]}>Billed</Text>
            <Text style={[styles.headCell, styles.num, { width: cell.credit }]}>Paid</Text>
            <Text style={[styles.headCell, styles.num, { width: cell.balance }]}>Balance</Text>
          </View>
          <View style={styles.row}>
            <Text style={{ width: 80 }}>{statement.from ? dates.calendar(statement.from) : ''}</Text>
            <Text style={{ flex: 1, fontWeight: 'bold' }}>Opening balance</Text>
            <Text style={{ width: cell.debit }} />
            <Text style={{ width: cell.credit }} />
            <Text style={[styles.num, { width: cell.balance }]}>{money(statement.openingBalance)}</Text>
          </View>
          {statement.lines.map((line, index) => (
            <View key={index} style={styles.row} wrap={false}>
              <Text style={{ width: 80 }}>{dates.instant(line.date)}</Text>
              <Text style={{ flex: 1, paddingRight: 6 }}>
                {statementEntry(line)}
                {line.tax > 0 ? ` (incl. ${store.taxLabel} ${money(line.tax)})` : ''}
              </Text>
              <Text style={[styles.num, { width: cell.debit }]}>{line.debit > 0 ? money(line.debit) : ''}</Text>
              <Text style={[styles.num, { width: cell.credit }]}>{line.credit > 0 ? money(line.credit) : ''}</Text>
              <Text style={[styles.num, { width: cell.balance }]}>{money(line.balance)}</Text>
            </View>
          ))}
        </View>

        <View style={styles.totals} wrap={false}>
          <TotalRow label="Opening balance" value={money(statement.openingBalance)} />
          <TotalRow label="Billed in period" value={money(statement.totals.debits)} />
          {taxBilled > 0 && <TotalRow label={`of which ${store.taxLabel}`} value={money(taxBilled)} style={styles.muted} />}
          <TotalRow label="Paid in period" value={money(statement.totals.credits)} />
          <TotalRow label="Closing balance" value={money(statement.closingBalance)} style={styles.grandTotal} />
        </View>

        {statement.openInvoices.length > 0 && (
          <View style={[styles.section, { marginTop: 16 }]} wrap={false}>
            <Text style={styles.label}>Open bills and invoices today</Text>
            {statement.openInvoices.map((invoice) => (
              <View key={invoice.id} style={styles.totalRow}>
                <Text>
                  {String(invoice.number)} · {dates.calendar(invoice.issueDate)}
                  {invoice.daysPastDue > 0 ? ` · ${invoice.daysPastDue} days overdue` : ''}
                </Text>
                <Text>{money(invoice.amountDue)}</Text>
              </View>
            ))}
            <TotalRow label="Total due today" value={money(doc.amountDue)} style={styles.grandTotal} />
          </View>
        )}
        <PageFooter left={`${store.name} · Statement ${doc.reference}`} />
      </Page>
    </Document>
  )
}
