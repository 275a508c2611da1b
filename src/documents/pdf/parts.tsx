/** Pieces shared by the PDF documents: the store's header, the page footer, styles. */
import { Image, StyleSheet, Text, View, type Styles } from '@react-pdf/renderer'

import type { StoreProfile } from '../storeProfile'
import { PDF_FONT } from './fonts'

type Style = Styles[string]

export const colors = { ink: '#101828', muted: '#475467', line: '#d0d5dd', owed: '#b42318', band: '#f2f4f7' }

export const styles = StyleSheet.create({
  page: { fontFamily: PDF_FONT, fontSize: 9.5, color: colors.ink, paddingTop: 36, paddingBottom: 54, paddingHorizontal: 40 },
  header: { flexDirection: 'row', justifyContent: 'space-between', marginBottom: 18 },
  storeBlock: { flexDirection: 'row', gap: 10, maxWidth: 300 },
  logo: { width: 56, height: 56, objectFit: 'contain' },
  storeName: { fontSize: 15, fontWeight: 'bold', marginBottom: 3 },
  muted: { color: colors.muted },
  title: { fontSize: 18, fontWeight: 'bold', textAlign: 'right' },
  meta: { textAlign: 'right', marginTop: 2 },
  section: { marginBottom: 14 },
  label: { fontSize: 8, color: colors.muted, textTransform: 'uppercase', marginBottom: 2 },
  table: { borderTopWidth: 1, borderColor: colors.line },
  row: { flexDirection: 'row', borderBottomWidth: 1, borderColor: colors.line, paddingVertical: 4 },
  headRow: { flexDirection: 'row', backgroundColor: colors.band, borderBottomWidth: 1, borderColor: colors.line, paddingVertical: 4 },
  headCell: { fontWeight: 'bold', fontSize: 8.5 },
  num: { textAlign: 'right' },
  totals: { marginLeft: 'auto', width: 230, marginTop: 8 },
  totalRow: { flexDirection: 'row', justifyContent: 'space-between', paddingVertical: 2 },
  grandTotal: { fontWeight: 'bold', fontSize: 11, borderTopWidth: 1, borderColor: colors.ink, paddingTop: 4, marginTop: 2 },
  owed: { color: colors.owed, fontWeight: 'bold' },
  footer: { position: 'absolute', bottom: 24, left: 40, right: 40, flexDirection: 'row', justifyContent: 'space-between', fontSize: 8, color: colors.muted },
})

export function StoreHeader({ store, logo, title, meta }: { store: StoreProfile; logo: string | null; title: string; meta: string[] }) {
  return (
    <View style={styles.header}>
      <View style={styles.storeBlock}>
        {logo && <Image style={styles.logo} src={logo} />}
        <View>
          <Text style={styles.storeName}>{store.name}</Text>
          {store.address && <Text style={styles.muted}>{store.address}</Text>}
          {store.phone && <Text style={styles.muted}>Phone: {store.phone}</Text>}
          {store.upiId && <Text style={styles.muted}>UPI: {store.upiId}</Text>}
        </View>
      </View>
      <View>
        <Text style={styles.title}>{title}</Text>
        {meta.map((line) => (
          <Text key={line} style={styles.meta}>
            {line}
          </Text>
        ))}
      </View>
    </View>
  )
}

export function PageFooter({ left }: { left: string }) {
  return (
    <View style={styles.footer} fixed>
      <Text>{left}</Text>
      <Text render={({ pageNumber, totalPages }) => `Page ${pageNumber} of ${totalPages}`} />
    </View>
  )
}

export function TotalRow({ label, value, style }: { label: string; value: string; style?: Style }) {
  return (
    <View style={[styles.totalRow, style ?? {}]}>
      <Text>{label}</Text>
      <Text>{value}</Text>
    </View>
  )
}
