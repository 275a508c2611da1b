/**
 * What a store does picks the words on its screens (issue 13): a salon's counter sells to
 * customers at the POS and counts visits; a rental business bills its clients by timesheet;
 * a services business (a freelancer) sends its clients invoices.
 */
export const STORE_KINDS = ['counter', 'rental', 'services'] as const
export type StoreKind = (typeof STORE_KINDS)[number]

export const STORE_KIND_LABELS: Record<StoreKind, string> = {
  counter: 'Counter (POS, customers, visits)',
  rental: 'Rental (clients, timesheets)',
  services: 'Services (clients, invoices)',
}

export interface StoreWords {
  /** "Customers" or "Clients" */
  customers: string
  /** "customer" or "client" */
  customer: string
  /** "Visits" or "Timesheets" — what the count of a customer's documents is called */
  visits: string
  /** the screen a new sale starts on */
  sale: { href: string; label: string }
  /** the button that starts a new document for one customer */
  newDocument: string
}

export const STORE_WORDS: Record<StoreKind, StoreWords> = {
  counter: { customers: 'Customers', customer: 'customer', visits: 'Visits', sale: { href: '/pos', label: 'POS' }, newDocument: 'New bill' },
  rental: { customers: 'Clients', customer: 'client', visits: 'Timesheets', sale: { href: '/timesheets', label: 'Timesheets' }, newDocument: 'New timesheet' },
  services: { customers: 'Clients', customer: 'client', visits: 'Invoices', sale: { href: '/invoices', label: 'Invoices' }, newDocument: 'New invoice' },
}

export function wordsFor(kind: string | null | undefined): StoreWords {
  return STORE_WORDS[(STORE_KINDS as readonly string[]).includes(kind ?? '') ? (kind as StoreKind) : 'counter']
}
