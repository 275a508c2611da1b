'use client'

import { FormDialog } from '@/components/FormDialog'
import { paymentMethodOptions } from '@/components/paymentMethods'
import { formatMoney, toAmountInput } from '@/domain/money'
import type { StoreSummary } from '@/server/stores'

/**
 * The owner's operations after the sale (SPEC §9), each a dialog that says what will happen
 * before it is done and keeps a reason: refund a deposit, write off a bill, issue a credit note.
 */

/** "Refund" a deposit's remaining amount, all or part → POST /api/advance-payments/:id/refund. */
export function RefundDepositButton({ store, deposit }: { store: StoreSummary; deposit: { id: number; remaining: number } }) {
  const remaining = formatMoney(deposit.remaining, store.currency, store.locale)
  return (
    <FormDialog
      title={`Refund deposit #${deposit.id}`}
      buttonLabel="Refund"
      buttonClass="button button--ghost hint"
      buttonAriaLabel={`Refund deposit ${deposit.id}`}
      submitLabel="Refund"
      submitClass="button--danger"
      intro={`Gives money back from this deposit (${remaining} remains). The customer's advance falls by the amount; the refund is money out on the dashboard.`}
      endpoint={`/api/advance-payments/${deposit.id}/refund`}
      currency={store.currency}
      locale={store.locale}
      confirm={{ text: 'Refunded {amount}' }}
      fields={[
        { name: 'amount', label: 'Refund amount', kind: 'money', required: true, initial: toAmountInput(deposit.remaining, store.currency) },
        { name: 'method', label: 'Refund method', kind: 'select', options: paymentMethodOptions },
        { name: 'reason', label: 'Refund reason', kind: 'text', required: true },
      ]}
    />
  )
}

/** "Write off" what a bill still asks for, as bad debt → POST /api/invoices/:id/write-off. */
export function WriteOffButton({ store, invoice }: { store: StoreSummary; invoice: { id: number; number: string | null; amountDue: number } }) {
  const due = formatMoney(invoice.amountDue, store.currency, store.locale)
  const name = invoice.number ?? `#${invoice.id}`
  return (
    <FormDialog
      title={`Write off ${name}`}
      buttonLabel="Write off"
      buttonClass="button button--ghost hint"
      buttonAriaLabel={`Write off ${name}`}
      submitLabel={`Write off ${due}`}
      submitClass="button--danger"
      intro={`The ${due} still due on ${name} is given up as bad debt: the bill is closed as written off and the customer no longer owes it. It shows as bad debt on the dashboard.`}
      endpoint={`/api/invoices/${invoice.id}/write-off`}
      currency={store.currency}
      locale={store.locale}
      confirm={{ text: `${name}: ${due} written off` }}
      fields={[{ name: 'reason', label: 'Write-off reason', kind: 'text', required: true }]}
    />
  )
}

/** "Credit note": the bill asks for less (a price corrected) → POST /api/invoices/:id/credit-notes. */
export function CreditNoteButton({ store, invoice }: { store: StoreSummary; invoice: { id: number; number: string | null; amountDue: number } }) {
  const due = formatMoney(invoice.amountDue, store.currency, store.locale)
  const name = invoice.number ?? `#${invoice.id}`
  return (
    <FormDialog
      title={`Credit note on ${name}`}
      buttonLabel="Credit note"
      buttonClass="button button--ghost hint"
      buttonAriaLabel={`Credit note on ${name}`}
      submitLabel="Issue credit note"
      intro={`Takes an amount off what ${name} asks for (at most the ${due} due), with a numbered credit note. A bill already paid is corrected by a void or a reversal instead.`}
      endpoint={`/api/invoices/${invoice.id}/credit-notes`}
      currency={store.currency}
      locale={store.locale}
      confirm={{ text: `Credit note of {amount} on ${name}` }}
      fields={[
        { name: 'amount', label: 'Credit amount', kind: 'money', required: true },
        { name: 'reason', label: 'Credit reason', kind: 'text', required: true },
      ]}
    />
  )
}
