/**
 * Every money-writing endpoint is one of these: who may ask (401 / 403), the path id and the
 * body parsed with zod (400 naming each field), the work run once per Idempotency-Key in one
 * transaction (a retry replays the first answer, another body under the key is 409), and the
 * answer as Payload's handlers give it. Only the use case differs.
 */
import type { Endpoint, PayloadRequest } from 'payload'
import type { z } from 'zod'

import type { Db } from '@/ledger/db'
import { respond, runOnce } from '@/ledger/idempotency'

import { handler, idempotencyKeyOf, jsonBody, parseWith, requireOwner, requireUser } from './http'
import { described, type Operation } from './openapi/describe'
import { idParam } from './schemas'

export interface MoneyEndpoint<S extends z.ZodType, P = z.infer<S>> {
  /** Payload's path; `:id` is parsed as the record's numeric id. */
  path: string
  /** Any logged-in user of the store, or its owners (and admins) only. */
  who: 'staff' | 'owner'
  body: S
  /** Names the operation for its Idempotency-Key: one key, one operation on one record. */
  operation: string
  /** 201 unless the endpoint changes an existing record (200). */
  status?: 200 | 201
  /** What must be checked before the transaction (an approver's sign-in); what it returns reaches `run`. */
  prepare?: (req: PayloadRequest, input: z.infer<S>) => Promise<P>
  /** What the Idempotency-Key remembers of the request (all of it unless said): never a password. */
  remember?: (request: unknown) => unknown
  run: (db: Db, req: PayloadRequest, input: P, id: number) => Promise<unknown>
  /** The API description (GET /api/openapi.json): one line of what it does … */
  summary: string
  /** … and, when it helps, more: the answer's schema, the rules, other statuses. */
  describe?: Pick<Operation, 'description' | 'response' | 'responseDescription' | 'errors' | 'tag'>
}

export function moneyEndpoint<S extends z.ZodType, P = z.infer<S>>(spec: MoneyEndpoint<S, P>): Endpoint {
  return described(endpointOf(spec), {
    summary: spec.summary,
    ...spec.describe,
    who: spec.who === 'owner' ? 'owner' : 'staff',
    body: spec.body,
    status: spec.status ?? 201,
    idempotent: true,
  })
}

function endpointOf<S extends z.ZodType, P>(spec: MoneyEndpoint<S, P>): Endpoint {
  return {
    path: spec.path,
    method: 'post',
    handler: handler(async (req) => {
      if (spec.who === 'owner') requireOwner(req)
      else requireUser(req)
      const id = spec.path.includes(':id') ? parseWith(idParam, req.routeParams?.id) : 0
      const request = await jsonBody(req)
      const parsed = parseWith(spec.body, request)
      const input = spec.prepare ? await spec.prepare(req, parsed) : (parsed as P)
      const operation = spec.path.includes(':id') ? `${spec.operation}:${id}` : spec.operation
      const remembered = spec.remember ? spec.remember(request) : request
      const outcome = await runOnce(req, { key: idempotencyKeyOf(req), operation, request: remembered }, async (db) => ({
        status: spec.status ?? 201,
        body: await spec.run(db, req, input, id),
      }))
      return respond(outcome)
    }),
  }
}
