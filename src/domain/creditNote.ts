/**
 * A credit note (SPEC §9): a posted invoice asks for less — a price corrected after a
 * complaint. It can take off at most what is still due; money already paid is given back by
 * voiding the invoice or reversing the payment, not by a credit note.
 */
import { RuleError } from './errors'
import type { Minor } from './money'

export interface CreditNoteInvoice {
  status: string
  amountDue: Minor
}

/**
 * What the credit note records. The seam for issue 17 (GST): an invoice with tax will split
 * the note into taxable value and tax in proportion to its own (allocateProportionally, so
 * the parts add up exactly) and add those lines here; the ledger keeps `amount` as the total
 * taken off, so nothing else changes.
 */
export interface CreditNotePlan {
  amount: Minor
}

export function planCreditNote(invoice: CreditNoteInvoice, amount: Minor, format: (minor: Minor) => string = String): CreditNotePlan {
  if (invoice.status === 'draft') throw new RuleError('a draft can still be edited: change its lines instead of issuing a credit note', 'invoice')
  if (invoice.status === 'void') throw new RuleError('the invoice is void', 'invoice')
  if (amount > invoice.amountDue) {
    throw new RuleError(
      `Credit note exceeds the amount due (${format(invoice.amountDue)}); money already paid is given back by voiding the invoice or reversing the payment`,
      'amount',
      422,
      { amountDue: invoice.amountDue },
    )
  }
  return { amount }
}
