'use client'

import { FormDialog } from '@/components/FormDialog'
import { paymentMethodOptions } from '@/components/paymentMethods'
import { toAmountInput } from '@/domain/money'
import type { StoreSummary } from '@/server/stores'

/** Green "Collect" → dialog (amount prefilled with what is owed) → the row updates in place. */
export function CollectButton({ store, customer, label = 'Collect' }: { store: StoreSummary; customer: { id: number; name: string; pendingBalance: number }; label?: string }) {
  return (
    <FormDialog
      title={`Collect from ${customer.name}`}
      buttonLabel={label}
      buttonClass="button button--ok"
      submitLabel="Collect payment"
      endpoint={`/api/customers/${customer.id}/collect`}
      currency={store.currency}
      fields={[
        { name: 'amount', label: 'Amount', kind: 'money', required: true, initial: toAmountInput(customer.pendingBalance, store.currency) },
        { name: 'method', label: 'Method', kind: 'select', options: paymentMethodOptions },
        { name: 'reference', label: 'Reference', kind: 'text' },
        { name: 'notes', label: 'Notes', kind: 'text' },
      ]}
    />
  )
}
