import type { PayloadRequest } from 'payload'

import { mayUseStore } from '@/access/mayUseStore'
import { notFound, RuleError } from '@/domain/errors'
import { checkTaxIdentity } from '@/domain/gstin'
import { normalizePhone, regionOfLocale } from '@/domain/phone'
import { usesGst } from '@/domain/tax'
import { sql, type Db } from '@/ledger/db'
import { insertCustomer, setCustomerTrashed } from '@/ledger/write'

export interface ResolveInput {
  store: number
  phone: string
  countryCode?: string | null
  name?: string | null
  email?: string | null
  gender?: 'female' | 'male' | 'other' | null
  address?: string | null
  notes?: string | null
  /** A business customer's GSTIN and place of supply (SPEC §12): kept when the customer is created. */
  gstin?: string | null
  stateCode?: string | null
}

export interface ResolvedCustomer {
  customer: { id: number; store: number; name: string; phone: string; email: string | null; pendingBalance: number; advanceBalance: number; visits: number }
  isNewCustomer: boolean
}

/**
 * Finds the store's customer by normalized phone, or creates it. Concurrent calls for the
 * same new phone create exactly one customer: the unique (store, phone) index makes the
 * losers' INSERT wait for the winner and then find its row.
 */
export async function resolveCustomer(db: Db, req: PayloadRequest, input: ResolveInput): Promise<ResolvedCustomer> {
  if (!mayUseStore(req, input.store)) throw notFound('store')
  const { rows: stores } = await db.execute(sql`SELECT locale, currency FROM stores WHERE id = ${input.store}`)
  if (!stores[0]) throw notFound('store')
  const phone = normalizePhone(input.phone, regionOfLocale(String(stores[0].locale)), input.countryCode)
  if (!phone) throw new RuleError(`phone "${input.phone}" is not a valid phone number`, 'phone', 400)
  const tax = checkTaxIdentity(usesGst({ currency: String(stores[0].currency) }), input)
  if (tax.problems[0]) throw new RuleError(tax.problems[0].message, tax.problems[0].path, 400)

  const select = () =>
    db.execute(sql`
      SELECT id, store_id, name, phone, email, pending_balance, advance_balance, visits, deleted_at
        FROM customers WHERE store_id = ${input.store} AND phone = ${phone}`)
  let isNewCustomer = false
  let { rows } = await select()
  if (rows.length === 0) {
    const inserted = await insertCustomer(db, { ...input, ...tax.value, storeId: input.store, name: input.name?.trim() || phone, phone })
    isNewCustomer = inserted !== null
    rows = inserted ? [inserted] : (await select()).rows
  }
  const row = rows[0]!
  // The same phone coming back restores a customer who was moved to the trash.
  if (row.deleted_at) await setCustomerTrashed(db, Number(row.id), false)
  return {
    customer: {
      id: Number(row.id),
      store: Number(row.store_id),
      name: String(row.name),
      phone: String(row.phone),
      email: (row.email as string | null) ?? null,
      pendingBalance: Number(row.pending_balance),
      advanceBalance: Number(row.advance_balance),
      visits: Number(row.visits),
    },
    isNewCustomer,
  }
}
