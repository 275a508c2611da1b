'use client'

import { FormDialog } from '@/components/FormDialog'
import { paymentMethodOptions } from '@/components/paymentMethods'
import type { StoreSummary } from '@/server/stores'

/** "Take advance" → dialog → POST /api/customers/:id/advances (one Idempotency-Key per intent). */
export function TakeAdvanceButton({ store, customer }: { store: StoreSummary; customer: { id: number; name: string } }) {
  return (
    <FormDialog
      title={`Advance from ${customer.name}`}
      buttonLabel="Take advance"
      submitLabel="Take advance"
      endpoint={`/api/customers/${customer.id}/advances`}
      currency={store.currency}
      locale={store.locale}
      confirm={{ text: `Advance of {amount} taken from ${customer.name}`, receipt: true }}
      fields={[
        { name: 'amount', label: 'Advance amount', kind: 'money', required: true },
        { name: 'method', label: 'Advance method', kind: 'select', options: paymentMethodOptions },
        { name: 'notes', label: 'Advance notes', kind: 'text' },
      ]}
    />
  )
}
