/**
 * GET /api/openapi.json: an OpenAPI 3.1 document of every custom endpoint, built from what
 * each endpoint says of itself (./describe.ts) — its zod schemas turned into JSON Schema
 * 2020-12, the dialect OpenAPI 3.1 uses. Payload's own REST and GraphQL routes are not listed
 * one by one; the document says where they are.
 */
import type { Endpoint } from 'payload'
import { z } from 'zod'

import { appVersion } from '@/version'

import { operationOf, type Operation } from './describe'

type Json = Record<string, unknown>

export interface ServedRoute {
  /** lower case, as Payload's Endpoint has it */
  method: string
  /** OpenAPI's spelling: /api/customers/{id}/collect */
  path: string
  tag: string
  endpoint: Endpoint
}

/** What of Payload's (sanitized) config says which routes it serves. */
export interface ConfigWithEndpoints {
  routes?: { api?: string }
  endpoints?: Endpoint[]
  collections?: { slug: string; endpoints?: Endpoint[] | false }[]
  globals?: { slug: string; endpoints?: Endpoint[] | false }[]
}

/**
 * Every custom route Payload serves: the root endpoints, each collection's and each global's
 * (Payload's router reads the same lists). Payload's built-in REST routes are not in them.
 */
export function servedRoutes(config: ConfigWithEndpoints): ServedRoute[] {
  const api = config.routes?.api ?? '/api'
  const routes: ServedRoute[] = []
  const add = (base: string, endpoints: Endpoint[] | false | undefined, tag: string | undefined) => {
    for (const endpoint of endpoints || []) {
      const rest = endpoint.path === '/' ? '' : endpoint.path
      const path = `${api}${base}${rest}`.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}')
      routes.push({ method: endpoint.method, path, tag: tag ?? path.split('/')[2] ?? 'api', endpoint })
    }
  }
  add('', config.endpoints, undefined)
  for (const collection of config.collections ?? []) add(`/${collection.slug}`, collection.endpoints, collection.slug)
  for (const global of config.globals ?? []) add(`/globals/${global.slug}`, global.endpoints, `globals/${global.slug}`)
  return routes
}

/** JSON Schema 2020-12 of what a client sends (defaults make a field optional). */
export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output' = 'input'): Json {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Json
  delete json.$schema
  return json
}

const ERROR_RESPONSES: Record<number, { name: string; description: string }> = {
  400: { name: 'BadInput', description: 'Bad input: the message and `data.errors[].path` name each field.' },
  401: { name: 'Unauthorized', description: 'Not logged in (no or an expired token).' },
  403: { name: 'Forbidden', description: 'Not allowed for this role, or a cross-site write (an `Origin` not in TALLY_ALLOWED_ORIGINS).' },
  404: { name: 'NotFound', description: "Unknown id — or another store's, which answers exactly the same." },
  409: { name: 'Conflict', description: 'The `Idempotency-Key` was used with another body, or the record already exists.' },
  415: { name: 'UnsupportedMediaType', description: 'The body is not `application/json`.' },
  422: { name: 'BusinessRule', description: 'A business rule refused it (e.g. `Insufficient advance balance`); `data.field` names the field when there is one.' },
  503: {
    name: 'CommitNotConfirmed',
    description:
      'The database lost the COMMIT. `data.outcome`: `aborted` — nothing was saved; `unknown` — retry with the same `Idempotency-Key`, which replays the answer if it did commit.',
  },
}

const API_DESCRIPTION = `The custom endpoints of Tally, a receivables ledger (POS, invoices, advances, reports).

**Amounts** are integers in the store currency's minor units, in both directions: \`60000\` in an INR store is ₹600.00. Never a float.

**Authentication.** Log in with \`POST /api/users/login\` \`{email, password}\` → \`{token}\` and send \`Authorization: JWT <token>\`; or give a user an API key (admin → Users → Enable API key) and send \`Authorization: users API-Key <key>\`; browsers use the \`payload-token\` cookie (then a write must carry an \`Origin\` or \`Referer\` of this app). Every record belongs to a store: a user sees and writes only their stores' records.

**Idempotency.** Money-writing endpoints take an \`Idempotency-Key\` header (up to 200 characters). A retry with the same key and body replays the first answer with \`Idempotent-Replayed: true\` and writes nothing; the same key with another body is 409.

**Errors** have Payload's shape \`{"errors": [{"message": "…", "data": {…}}]}\` (see the \`Error\` schema): 400 bad input, 401 not logged in, 403 not allowed, 404 unknown or another store's id, 409 idempotency conflict or duplicate, 415 not JSON, 422 business rule, 503 COMMIT not confirmed.

**Payload's own API.** Every collection also has Payload's REST routes (\`GET/POST /api/{collection}\`, \`GET/PATCH/DELETE /api/{collection}/{id}\`, with \`where\`, \`limit\` ≤ 1000, \`page\`, \`sort\`, \`depth\`) and GraphQL at \`POST /api/graphql\`, behind the same access rules; they are described at https://payloadcms.com/docs/rest-api/overview and are not listed here.`

const errorSchema = {
  type: 'object',
  required: ['errors'],
  properties: {
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['message'],
        properties: {
          message: { type: 'string', examples: ['amount must be greater than 0'] },
          data: {
            type: 'object',
            description: 'What went wrong where: `errors[]` of `{path, message}` for bad input, `field` for a rule, `outcome` for a lost COMMIT.',
            properties: {
              errors: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } } },
              field: { type: 'string' },
              outcome: { type: 'string', enum: ['aborted', 'unknown'] },
            },
          },
        },
      },
    },
  },
}

function statusesOf(route: ServedRoute, operation: Operation): Record<number, string> {
  const statuses: Record<number, string> = {}
  const common = (status: number) => (statuses[status] = ERROR_RESPONSES[status]!.description)
  if (operation.body || operation.query || route.path.includes('{')) common(400)
  if (operation.who !== 'public') {
    common(401)
    common(403)
  }
  if (route.path.includes('{')) common(404)
  if (operation.body) common(415)
  if (operation.idempotent) {
    common(409)
    common(422)
    common(503)
  }
  return { ...statuses, ...operation.errors }
}

function responseRef(status: number): string | undefined {
  return ERROR_RESPONSES[status] ? `#/components/responses/${ERROR_RESPONSES[status]!.name}` : undefined
}

function operationObject(route: ServedRoute, operation: Operation): Json {
  const parameters: Json[] = []
  for (const name of route.path.match(/\{([^}]+)\}/g) ?? []) {
    const param = name.slice(1, -1)
    parameters.push({ name: param, in: 'path', required: true, schema: param === 'id' ? { type: 'integer', minimum: 1 } : { type: 'string' } })
  }
  if (operation.query) {
    const query = jsonSchemaOf(operation.query)
    const required = new Set((query.required as string[] | undefined) ?? [])
    for (const [name, schema] of Object.entries((query.properties as Record<string, Json>) ?? {})) {
      parameters.push({ name, in: 'query', required: required.has(name), schema, ...(schema.description ? { description: schema.description } : {}) })
    }
  }
  if (operation.idempotent) parameters.push({ $ref: '#/components/parameters/IdempotencyKey' })

  const status = operation.status ?? 200
  const success: Json = { description: operation.responseDescription ?? operation.summary }
  if (operation.response && 'mediaType' in operation.response) {
    success.description = operation.response.description
    success.content = { [operation.response.mediaType]: { schema: { type: 'string', contentMediaType: operation.response.mediaType } } }
  } else {
    success.content = { 'application/json': { schema: operation.response ? jsonSchemaOf(operation.response, 'output') : { type: 'object' } } }
  }
  if (operation.idempotent) {
    success.headers = {
      'Idempotent-Replayed': { description: '`true` when this answer is the replay of an earlier request with the same key.', schema: { type: 'string', enum: ['true'] } },
    }
  }
  const responses: Json = { [String(status)]: success }
  for (const [code, why] of Object.entries(statusesOf(route, operation))) {
    const ref = responseRef(Number(code))
    responses[code] =
      ref && why === ERROR_RESPONSES[Number(code)]!.description
        ? { $ref: ref }
        : { description: why, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } }
  }

  const object: Json = {
    operationId: `${route.method}${route.path
      .replace(/^\/api/, '')
      .replace(/[{}]/g, '')
      .replace(/[^A-Za-z0-9]+(.)?/g, (_, next: string | undefined) => (next ?? '').toUpperCase())}`,
    summary: operation.summary,
    tags: [operation.tag ?? route.tag],
    ...(operation.description ? { description: operation.description } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(operation.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchemaOf(operation.body) } } } } : {}),
    responses,
    ...(operation.who === 'public' ? { security: [] } : {}),
    'x-tally-who': operation.who,
  }
  return object
}

/**
 * The document of every described route. (A custom route left undescribed is missing from
 * it: tests/int/openapi.test.ts holds every custom route Payload serves to the document.)
 */
export function apiDocument(config: ConfigWithEndpoints): Json {
  const paths: Record<string, Json> = {}
  const tags = new Set<string>()
  for (const route of servedRoutes(config)) {
    const operation = operationOf(route.endpoint)
    if (!operation) continue
    const object = operationObject(route, operation)
    tags.add((object.tags as string[])[0]!)
    paths[route.path] = { ...paths[route.path], [route.method]: object }
  }
  const responses: Record<string, Json> = {}
  for (const { name, description } of Object.values(ERROR_RESPONSES)) {
    responses[name] = { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } }
  }
  const document: Json = {
    openapi: '3.1.0',
    info: { title: 'Tally API', version: appVersion, description: API_DESCRIPTION },
    servers: [{ url: '/', description: 'this server' }],
    security: [{ jwt: [] }, { apiKey: [] }, { session: [] }],
    tags: [...tags].sort().map((name) => ({ name })),
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))),
    components: {
      securitySchemes: {
        jwt: { type: 'apiKey', in: 'header', name: 'Authorization', description: '`JWT <token>`, the token from `POST /api/users/login`.' },
        apiKey: { type: 'apiKey', in: 'header', name: 'Authorization', description: "`users API-Key <key>`, a user's API key (enabled in the admin)." },
        session: { type: 'apiKey', in: 'cookie', name: 'payload-token', description: "A browser's session cookie; its writes must carry this app's `Origin`." },
      },
      parameters: {
        IdempotencyKey: {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description: 'Any string up to 200 characters, one per operation: a retry with the same key and body replays the first answer and writes nothing.',
          schema: { type: 'string', maxLength: 200 },
        },
      },
      schemas: { Error: errorSchema },
      responses,
    },
  }
  return document
}
