'use client'

import { FormDialog } from '@/components/FormDialog'
import { toAmountInput } from '@/domain/money'
import type { StoreSummary } from '@/server/stores'

/**
 * SPEC §9: an owner sets this customer's own credit limit (empty = no limit, 0 = cash only) and
 * pay-later terms (empty = the store's), through PATCH /api/customers/:id; the server's
 * validation names the field it refuses.
 */
export function CreditSettingsButton({
  store,
  customer,
}: {
  store: StoreSummary
  customer: { id: number; name: string; creditLimit: number | null; creditTermsDays: number | null }
}) {
  return (
    <FormDialog
      title={`Credit for ${customer.name}`}
      buttonLabel="Set credit limit"
      submitLabel="Save credit"
      endpoint={`/api/customers/${customer.id}`}
      method="PATCH"
      currency={store.currency}
      locale={store.locale}
      intro="Most the customer may owe: leave the limit empty for no limit, 0 for cash only. Leave the terms empty to use the store’s."
      confirm={{ text: `Credit limit of ${customer.name} saved` }}
      fields={[
        {
          name: 'creditLimit',
          label: 'Credit limit',
          kind: 'money',
          emptyIsNull: true,
          initial: customer.creditLimit === null ? '' : toAmountInput(customer.creditLimit, store.currency),
        },
        {
          name: 'creditTermsDays',
          label: 'Terms (days)',
          kind: 'number',
          emptyIsNull: true,
          initial: customer.creditTermsDays === null ? '' : String(customer.creditTermsDays),
        },
      ]}
    />
  )
}
