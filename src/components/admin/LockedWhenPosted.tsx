'use client'

import { allFieldComponents, useDocumentInfo } from '@payloadcms/ui'
import type { ComponentType } from 'react'

/**
 * A field of an invoice that the ledger owns once it is posted (customer, kind, items,
 * dates, complimentary…): the admin's own field, read-only after posting. Saving the
 * document then changes only what may change (status, notes, due date).
 */
export function LockedWhenPosted(props: { field: { type: string }; readOnly?: boolean }) {
  const { data } = useDocumentInfo()
  const posted = Boolean(data?.status && data.status !== 'draft')
  const Field = (allFieldComponents as unknown as Record<string, ComponentType<Record<string, unknown>>>)[props.field.type]
  if (!Field) return null
  return <Field {...props} readOnly={Boolean(props.readOnly) || posted} />
}
