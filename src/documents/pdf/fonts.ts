import { createRequire } from 'node:module'
import path from 'node:path'

import { Font } from '@react-pdf/renderer'

/**
 * PDF text is set in DejaVu Sans (from the `dejavu-fonts-ttf` package): the PDF standard
 * fonts have no ₹ sign, DejaVu has it and most Latin, Greek and Cyrillic text. Resolved from
 * the app's directory at run time, so bundling the server code does not move the files.
 */
export const PDF_FONT = 'DejaVu Sans'

let registered = false

export function registerPdfFonts(): void {
  if (registered) return
  const require = createRequire(path.join(process.cwd(), 'package.json'))
  const dir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf')
  Font.register({
    family: PDF_FONT,
    fonts: [{ src: path.join(dir, 'DejaVuSans.ttf') }, { src: path.join(dir, 'DejaVuSans-Bold.ttf'), fontWeight: 'bold' }],
  })
  // Words are never split with hyphens (amounts, numbers and names stay whole).
  Font.registerHyphenationCallback((word) => [word])
  registered = true
}
