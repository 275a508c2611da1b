import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js'

/** The default phone region of a store: the region of its locale (en-IN → IN). */
export function regionOfLocale(locale: string): CountryCode | undefined {
  try {
    const region = new Intl.Locale(locale).maximize().region
    return region ? (region as CountryCode) : undefined
  } catch {
    return undefined
  }
}

/**
 * E.164 form of a phone number typed any usual way ("98765 43210", "+91 98765-43210",
 * "09876543210"), or null when it is not a valid number. `countryCode` may be a region
 * ("IN") or a calling code ("+91" / "91").
 */
export function normalizePhone(input: string, defaultRegion?: CountryCode, countryCode?: string | null): string | null {
  const raw = input.trim()
  if (!raw) return null
  let candidate = raw
  let region = defaultRegion
  if (countryCode) {
    const code = countryCode.trim().toUpperCase()
    if (/^[A-Z]{2}$/.test(code)) region = code as CountryCode
    else if (/^\+?\d{1,4}$/.test(code) && !raw.startsWith('+')) candidate = `+${code.replace('+', '')}${raw.replace(/^0+/, '')}`
  }
  const parsed = parsePhoneNumberFromString(candidate, region)
  if (!parsed || !parsed.isValid()) return null
  return parsed.number
}
