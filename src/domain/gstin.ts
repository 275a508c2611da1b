/**
 * Indian GST identities (SPEC §12): the GSTIN — 2-digit state code, the holder's PAN
 * (5 letters, 4 digits, 1 letter), an entity number, `Z`, and a check character — and the
 * state codes that name a place of supply. Pure: no Payload import.
 */

/** GST state and union-territory codes (as on the GST portal), for places of supply ("29-Karnataka"). */
export const GST_STATES: Readonly<Record<string, string>> = {
  '01': 'Jammu and Kashmir',
  '02': 'Himachal Pradesh',
  '03': 'Punjab',
  '04': 'Chandigarh',
  '05': 'Uttarakhand',
  '06': 'Haryana',
  '07': 'Delhi',
  '08': 'Rajasthan',
  '09': 'Uttar Pradesh',
  '10': 'Bihar',
  '11': 'Sikkim',
  '12': 'Arunachal Pradesh',
  '13': 'Nagaland',
  '14': 'Manipur',
  '15': 'Mizoram',
  '16': 'Tripura',
  '17': 'Meghalaya',
  '18': 'Assam',
  '19': 'West Bengal',
  '20': 'Jharkhand',
  '21': 'Odisha',
  '22': 'Chhattisgarh',
  '23': 'Madhya Pradesh',
  '24': 'Gujarat',
  '26': 'Dadra and Nagar Haveli and Daman and Diu',
  '27': 'Maharashtra',
  '29': 'Karnataka',
  '30': 'Goa',
  '31': 'Lakshadweep',
  '32': 'Kerala',
  '33': 'Tamil Nadu',
  '34': 'Puducherry',
  '35': 'Andaman and Nicobar Islands',
  '36': 'Telangana',
  '37': 'Andhra Pradesh',
  '38': 'Ladakh',
  '97': 'Other Territory',
}

export const isGstStateCode = (code: unknown): code is string => typeof code === 'string' && Object.hasOwn(GST_STATES, code)

/** "29-Karnataka", the way GSTR-1 writes a place of supply; the bare code when unknown. */
export function placeOfSupplyName(code: string | null | undefined): string {
  if (!code) return ''
  return isGstStateCode(code) ? `${code}-${GST_STATES[code]}` : code
}

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'
const FORMAT = /^[0-9]{2}[A-Z]{5}[0-9]{4}[A-Z][1-9A-Z]Z[0-9A-Z]$/

/**
 * The check character of the first 14 characters: Luhn mod 36 — each character's value
 * (0–9, A=10 … Z=35) times 1 and 2 alternately from the left, each product folded to
 * quotient + remainder of 36, summed; the check is what brings the sum to a multiple of 36.
 */
export function gstinCheckCharacter(first14: string): string {
  let total = 0
  for (let index = 0; index < 14; index++) {
    const value = ALPHABET.indexOf(first14[index]!)
    const product = value * (index % 2 === 0 ? 1 : 2)
    total += Math.floor(product / 36) + (product % 36)
  }
  return ALPHABET[(36 - (total % 36)) % 36]!
}

/** A GSTIN as people type it: spaces dropped, upper case. */
export const normalizeGstin = (value: string): string => value.replace(/\s+/g, '').toUpperCase()

/** Why a (normalized) GSTIN is not one, or null when it is. */
export function gstinProblem(gstin: string): string | null {
  if (gstin.length !== 15) return `must be 15 characters (a GSTIN such as 27AAPFU0939F1ZV), got ${gstin.length}`
  if (!FORMAT.test(gstin)) return 'must be a GSTIN: 2-digit state code, 10-character PAN, entity number, Z, check character (e.g. 27AAPFU0939F1ZV)'
  if (!isGstStateCode(gstin.slice(0, 2))) return `starts with ${gstin.slice(0, 2)}, which is not a GST state code`
  const check = gstinCheckCharacter(gstin)
  if (gstin[14] !== check) return `has a wrong check character (${gstin[14]}; a GSTIN starting ${gstin.slice(0, 14)} ends in ${check}) — look for a typing mistake`
  return null
}

export const isGstin = (value: unknown): value is string => typeof value === 'string' && gstinProblem(value) === null

/** The state a GSTIN is registered in (its first two digits). */
export const stateOfGstin = (gstin: string | null | undefined): string | null => (gstin && gstin.length >= 2 ? gstin.slice(0, 2) : null)

/**
 * A tax number of a store outside India (VAT, sales tax): letters and digits, with the
 * spaces, dots, dashes and slashes people write in them, 4 to 20 characters.
 */
export function foreignTaxNumberProblem(value: string): string | null {
  return /^[A-Z0-9][A-Z0-9 ./-]{2,18}[A-Z0-9]$/.test(value) ? null : 'must be a tax registration number: 4–20 letters and digits'
}

export interface TaxIdentity {
  gstin: string | null
  stateCode: string | null
}

/**
 * A store's or customer's tax number and state as typed, normalized (GSTIN upper case,
 * state from the GSTIN when not given), with what is wrong with each field. `gst`: the
 * store bills under Indian GST (a GSTIN, a GST state code); else any VAT / sales-tax number.
 */
export function checkTaxIdentity(
  gst: boolean,
  input: { gstin?: unknown; stateCode?: unknown },
): { value: TaxIdentity; problems: { path: 'gstin' | 'stateCode'; message: string }[] } {
  const problems: { path: 'gstin' | 'stateCode'; message: string }[] = []
  const text = (value: unknown, path: 'gstin' | 'stateCode'): string | null => {
    if (value === null || value === undefined) return null
    if (typeof value !== 'string') {
      problems.push({ path, message: `${path} must be text` })
      return null
    }
    return value.trim() === '' ? null : value
  }
  let gstin = text(input.gstin, 'gstin')
  let stateCode = text(input.stateCode, 'stateCode')?.trim() ?? null
  if (gstin !== null) {
    gstin = gst ? normalizeGstin(gstin) : gstin.trim().toUpperCase()
    const problem = gst ? gstinProblem(gstin) : foreignTaxNumberProblem(gstin)
    if (problem) problems.push({ path: 'gstin', message: `gstin ${problem}` })
  }
  if (gst) {
    if (stateCode !== null && /^\d$/.test(stateCode)) stateCode = `0${stateCode}`
    if (stateCode !== null && !isGstStateCode(stateCode)) {
      problems.push({ path: 'stateCode', message: `stateCode must be a GST state code such as 27 (Maharashtra) or 29 (Karnataka), got "${stateCode}"` })
    } else if (gstin !== null && !problems.some((problem) => problem.path === 'gstin')) {
      const ofGstin = stateOfGstin(gstin)!
      if (stateCode === null) stateCode = ofGstin
      else if (stateCode !== ofGstin) problems.push({ path: 'stateCode', message: `stateCode must be ${ofGstin}, the state of the GSTIN ${gstin}` })
    }
  } else if (stateCode !== null && !/^[A-Za-z0-9-]{1,10}$/.test(stateCode)) {
    problems.push({ path: 'stateCode', message: 'stateCode must be a region code of 1–10 letters or digits' })
  }
  return { value: { gstin, stateCode }, problems }
}
