import type { FieldBase } from 'payload'

const nobody = () => false

/**
 * A field the services derive from the ledger. No client may write it (REST, GraphQL,
 * admin); the services update it in SQL inside the operation's transaction.
 */
export function derived<const T extends FieldBase & { name: string; type: string }>(field: T): T {
  return {
    ...field,
    access: { ...(field.access ?? {}), create: nobody, update: nobody },
    admin: { ...(field.admin ?? {}), readOnly: true },
  } as T
}
