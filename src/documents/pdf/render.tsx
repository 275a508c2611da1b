/** Renders the PDF documents to bytes (server side, Node). */
import { renderToBuffer } from '@react-pdf/renderer'

import type { InvoiceDocument } from '../invoiceDocument'
import type { StatementDocument } from '../statementDocument'
import type { LogoFile } from '../storeProfile'
import { registerPdfFonts } from './fonts'
import { InvoicePdf } from './InvoicePdf'
import { StatementPdf } from './StatementPdf'

const dataUri = (logo: LogoFile | null) => (logo ? `data:${logo.mimeType};base64,${logo.data.toString('base64')}` : null)

export async function invoicePdf(doc: InvoiceDocument, logo: LogoFile | null): Promise<Buffer> {
  registerPdfFonts()
  return renderToBuffer(<InvoicePdf doc={doc} logo={dataUri(logo)} />)
}

export async function statementPdf(doc: StatementDocument, logo: LogoFile | null): Promise<Buffer> {
  registerPdfFonts()
  return renderToBuffer(<StatementPdf doc={doc} logo={dataUri(logo)} />)
}
