import type { Field } from 'payload'

const nobody = () => false

/**
 * A field the services derive from the ledger. No client may write it (REST, GraphQL,
 * admin); the services update it in SQL inside the operation's transaction.
 */
export function derived<const T extends Field>(field: T): T {
  const base = field as T & { access?: Record<string, unknown>; admin?: Record<string, unknown> }
  return {
    ...base,
    access: { ...(base.access ?? {}), create: nobody, update: nobody },
    admin: { ...(base.admin ?? {}), readOnly: true },
  } as T
}
