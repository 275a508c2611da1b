import type { Endpoint } from 'payload'
import { z } from 'zod'

import { mayUseStore } from '@/access/mayUseStore'
import { notFound } from '@/domain/errors'
import { BadInput, handler, parseWith, requireOwner } from '@/lib/http'
import { described } from '@/lib/openapi/describe'
import { idParam } from '@/lib/schemas'
import { importOpeningBalances } from '@/services/importOpeningBalances'

/** Bigger than any paper ledger typed into a spreadsheet (50,000 rows ≈ 3 MB). */
const MAX_BYTES = 10 * 1024 * 1024

const query = z.object({
  store: idParam,
  dryRun: z.enum(['true', 'false', '1', '0'], { error: () => 'must be true or false' }).optional(),
  importKey: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1–64 letters, digits, dots, dashes or underscores')
    .optional(),
})

/**
 * POST /api/customers/import?store=ID[&dryRun=true][&importKey=opening] — opening balances
 * from a CSV in the multipart field `file` (owners, SPEC §9) → {created, updated, skipped,
 * errors: [{row, field, message}]}. Idempotent by rows: a row already imported under the key
 * (default `opening`) is skipped, so a retry or the same file twice imports nothing new.
 */
export const importBalancesEndpoint: Endpoint = described(
  {
    path: '/import',
    method: 'post',
    handler: handler(async (req) => {
      requireOwner(req)
      const url = new URL(req.url ?? 'http://localhost/')
      const params = parseWith(query, Object.fromEntries(url.searchParams))
      if (!mayUseStore(req, params.store)) throw notFound('store')
      if (!(req.headers.get('content-type') ?? '').startsWith('multipart/form-data')) {
        throw new BadInput([{ path: 'file', message: 'send the CSV as multipart/form-data in the field "file"' }])
      }
      if (Number(req.headers.get('content-length') ?? 0) > MAX_BYTES) throw new BadInput([{ path: 'file', message: 'is larger than 10 MB' }])
      let form: FormData
      try {
        form = await req.formData!()
      } catch {
        throw new BadInput([{ path: 'file', message: 'could not be read as multipart/form-data' }])
      }
      const file = form.get('file')
      if (!file || typeof file === 'string') throw new BadInput([{ path: 'file', message: 'is required: a CSV file with columns name, phone, pending, advance, notes' }])
      if (file.size > MAX_BYTES) throw new BadInput([{ path: 'file', message: 'is larger than 10 MB' }])
      const csv = await file.text()
      if (!csv.trim()) throw new BadInput([{ path: 'file', message: 'is empty' }])
      const result = await importOpeningBalances(req, {
        storeId: params.store,
        importKey: params.importKey ?? 'opening',
        dryRun: params.dryRun === 'true' || params.dryRun === '1',
        csv,
      })
      return Response.json(result, { status: 200 })
    }),
  },
  {
    summary: 'Opening balances from a CSV (owner) → {created, updated, skipped, errors: [{row, field, message}]}; a row already imported under importKey is skipped',
    description:
      'The body is `multipart/form-data` with the CSV (columns `name, phone, pending, advance, notes`, at most 10 MB) in the field `file` — not JSON. Each row finds or creates the customer by phone and posts an `opening` invoice for `pending` and a deposit for `advance`. `dryRun=true` writes nothing and lists what each row would do; `importKey` (default `opening`) makes the import idempotent by rows.',
    who: 'owner',
    query,
  },
)
