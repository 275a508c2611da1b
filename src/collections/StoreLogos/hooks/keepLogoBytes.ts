import { APIError, type CollectionAfterChangeHook } from 'payload'

import { sql, sqlFor } from '@/ledger/db'

import { LOGO_MAX_BYTES } from '../limits'

/** Writes the uploaded file's bytes beside its row, in the same transaction. */
export const keepLogoBytes: CollectionAfterChangeHook = async ({ doc, req }) => {
  const file = req.file
  if (!file?.data) return doc
  if (file.data.length > LOGO_MAX_BYTES)
    throw new APIError(`file must be at most ${LOGO_MAX_BYTES} bytes`, 400, { errors: [{ path: 'file', message: `must be at most ${LOGO_MAX_BYTES} bytes` }] }, true)
  const db = await sqlFor(req)
  await db.execute(sql`
    INSERT INTO store_logo_files (logo_id, data) VALUES (${doc.id}, ${file.data})
    ON CONFLICT (logo_id) DO UPDATE SET data = EXCLUDED.data`)
  return doc
}
