'use client'

import { FormDialog } from '@/components/FormDialog'
import { paymentMethodOptions } from '@/components/paymentMethods'
import { toAmountInput } from '@/domain/money'
import type { StoreSummary } from '@/server/stores'

/**
 * Green "Collect" → dialog (amount prefilled with what is owed) → the figures refresh, the
 * row stays where it was, and "Collected ₹600.00 · PAY-000007 · Print receipt" confirms it.
 */
export function CollectButton({
  store,
  customer,
  label = 'Collect',
  keepRow,
}: {
  store: StoreSummary
  customer: { id: number; name: string; pendingBalance: number }
  label?: string
  keepRow?: boolean
}) {
  return (
    <FormDialog
      title={`Collect from ${customer.name}`}
      buttonLabel={label}
      buttonClass="button button--ok"
      submitLabel="Collect payment"
      endpoint={`/api/customers/${customer.id}/collect`}
      currency={store.currency}
      locale={store.locale}
      confirm={{ text: `Collected {amount} from ${customer.name}`, receipt: true }}
      keepRow={keepRow ? customer.id : undefined}
      fields={[
        { name: 'amount', label: 'Amount', kind: 'money', required: true, initial: toAmountInput(customer.pendingBalance, store.currency) },
        { name: 'method', label: 'Method', kind: 'select', options: paymentMethodOptions },
        { name: 'reference', label: 'Reference', kind: 'text' },
        { name: 'notes', label: 'Notes', kind: 'text' },
      ]}
    />
  )
}
