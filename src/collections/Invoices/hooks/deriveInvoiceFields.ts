import { ValidationError, type CollectionBeforeChangeHook } from 'payload'

import { dayOnly, storedDay, todayIn } from '@/domain/dates'
import { RuleError } from '@/domain/errors'
import { invoiceBoundErrors, invoiceTotals, type LineItem } from '@/domain/invoice'
import { formatMoney, isMinor, MAX_MINOR } from '@/domain/money'
import { sql, sqlFor } from '@/ledger/db'

type Transition = 'open' | 'paid' | 'void'

declare module 'payload' {
  export interface RequestContext {
    /** The status change a client asked for; applied after the write by applyStatusTransition. */
    invoiceTransition?: Transition
    /** An owner's reason to post above the customer's credit limit (input `overrideCreditLimit`). */
    creditOverride?: { reason: string }
  }
}

const invalid = (path: string, message: string) => new ValidationError({ collection: 'invoices', errors: [{ path, message }] })
const idOf = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(typeof value === 'object' ? (value as { id: unknown }).id : value)

/** Today in the invoice's store: an invoice issued without a date is issued on the store's day (SPEC §8). */
async function storeToday(req: Parameters<CollectionBeforeChangeHook>[0]['req'], storeId: number | null): Promise<string> {
  if (storeId === null || !Number.isSafeInteger(storeId)) return todayIn('UTC') // refused by validation anyway
  const { rows } = await (await sqlFor(req)).execute(sql`SELECT timezone FROM stores WHERE id = ${storeId}`)
  return todayIn(rows[0] ? String(rows[0].timezone) : 'UTC')
}

const EDITABLE_AFTER_POSTING = new Set(['notes', 'dueDate', 'status', 'voidReason', 'updatedAt', 'overrideCreditLimit'])

/**
 * The same value as stored, whatever order the client wrote the keys in (the admin's form
 * sends array rows back with its own key order) and with null and a missing key alike.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b || ((a === null || a === undefined) && (b === null || b === undefined))) return true
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, index) => sameValue(item, b[index]))
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)])
    return [...keys].every((key) => sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]))
  }
  return false
}

/**
 * Derives the invoice's own fields (totals, dates) and turns a client's `status` into a
 * requested transition: the stored status only ever changes through the services. A new
 * invoice is a draft — also a duplicate of a posted one (its `originalDoc` is the source).
 * The customer and asset are of the invoice's store (relationsInOwnStore, before this).
 */
export const deriveInvoiceFields: CollectionBeforeChangeHook = async ({ data, originalDoc, operation, req, context }) => {
  const requested = data.status as string | undefined
  const current = operation === 'create' ? 'draft' : ((originalDoc?.status as string | undefined) ?? 'draft')
  const posted = current !== 'draft'

  if (operation === 'update' && posted) {
    const changed = Object.keys(data).filter(
      (key) => !EDITABLE_AFTER_POSTING.has(key) && !sameValue(data[key], originalDoc?.[key]),
    )
    const money = changed.filter((key) => !['createdAt', 'id', 'number', 'subtotal', 'total', 'amountPaid', 'amountDue', 'creditedAmount', 'writtenOff', 'creditOverrideReason', 'creditOverrideBy', 'postedAt', 'voidedAt', 'createdBy'].includes(key))
    if (money.length > 0) {
      throw new RuleError(`a posted invoice cannot be edited (${money.join(', ')}); void it and issue a new one`, money[0])
    }
  }

  if (requested && requested !== current) {
    const allowed: Record<string, string[]> = { draft: ['open', 'void'], open: ['paid', 'void'], partial: ['paid', 'void'], overdue: ['paid', 'void'], paid: ['void'] }
    if (!(allowed[current] ?? []).includes(requested)) {
      throw new ValidationError({ collection: 'invoices', errors: [{ path: 'status', message: `status cannot change from ${current} to ${requested}` }] })
    }
    context.invoiceTransition = requested as Transition
  }
  const overrideReason = (data.overrideCreditLimit as { reason?: unknown } | undefined)?.reason
  if (typeof overrideReason === 'string' && overrideReason.trim()) context.creditOverride = { reason: overrideReason.trim() }
  const next: Record<string, any> = { ...data, status: current }
  if (operation === 'create') next.createdBy = req.user?.id ?? null
  if (posted) return next

  // Timesheets bill hours × rate unless items were given.
  if (next.kind === 'timesheet' && (!Array.isArray(next.items) || next.items.length === 0) && typeof next.hours === 'number') {
    let rate = next.rate as number | undefined
    if (rate === undefined && next.asset) {
      const asset = await req.payload.findByID({ collection: 'assets', id: typeof next.asset === 'object' ? next.asset.id : next.asset, req, overrideAccess: true, depth: 0 })
      rate = asset.rate
      next.rate = rate
    }
    if (rate !== undefined) {
      next.items = [{ description: `Rental ${dayOnly(next.periodStart) ?? ''}–${dayOnly(next.periodEnd) ?? 'open'}`, quantity: next.hours, unitPrice: rate }]
    }
  }

  const items = (Array.isArray(next.items) ? next.items : []) as LineItem[]
  // Collection hooks run before field validation: check what the totals are computed from.
  items.forEach((item, index) => {
    if (typeof item?.description !== 'string' || !item.description.trim()) throw invalid(`items.${index}.description`, 'description is required')
    if (typeof item.quantity !== 'number' || !(item.quantity > 0)) throw invalid(`items.${index}.quantity`, 'quantity must be a number greater than 0')
    if (!isMinor(item.unitPrice)) throw invalid(`items.${index}.unitPrice`, `unitPrice must be a whole number of minor units from 0 to ${MAX_MINOR}`)
  })
  const beyond = invoiceBoundErrors(items)
  if (beyond.length > 0) throw new ValidationError({ collection: 'invoices', errors: beyond })
  if (next.discount !== undefined && next.discount !== null && !isMinor(next.discount)) {
    throw invalid('discount', `discount must be a whole number of minor units from 0 to ${MAX_MINOR}`)
  }
  const discount = (next.discount as number | undefined) ?? 0
  const complimentary = Boolean(next.complimentary)
  const { subtotal, total } = invoiceTotals(items, discount, complimentary)
  if (!complimentary && discount > subtotal) {
    const { rows } = await (await sqlFor(req)).execute(sql`SELECT currency, locale FROM stores WHERE id = ${idOf(next.store)}`)
    const money = (minor: number) => (rows[0] ? formatMoney(minor, String(rows[0].currency), String(rows[0].locale)) : String(minor))
    throw new ValidationError({ collection: 'invoices', errors: [{ path: 'discount', message: `discount (${money(discount)}) cannot exceed the subtotal (${money(subtotal)})` }] })
  }
  return {
    ...next,
    issueDate: storedDay(dayOnly(next.issueDate) ?? (await storeToday(req, idOf(next.store ?? originalDoc?.store)))),
    dueDate: dayOnly(next.dueDate) ? storedDay(dayOnly(next.dueDate)!) : null,
    subtotal,
    total,
    amountPaid: 0,
    amountDue: total,
  }
}
