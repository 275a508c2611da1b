/**
 * Issue 20 — GET /api/openapi.json: an OpenAPI 3.1 document, valid by the official schema
 * (@seriousme/openapi-schema-validator), that lists every custom route Payload serves, built
 * from the zod schemas the handlers parse with.
 */
import { readFileSync } from 'node:fs'

import { Validator } from '@seriousme/openapi-schema-validator'
import Ajv2020 from 'ajv/dist/2020'
import type { Endpoint } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { apiDocument } from '@/lib/openapi/document'
import { customRoutes } from '@/lib/openapi/payloadOwn'

import { testPayload } from '../helpers/payload'
import { newCustomer, newWorld, type World } from '../helpers/world'

type Doc = { openapi: string; paths: Record<string, Record<string, Record<string, any>>>; components: Record<string, any>; info: { description: string } }

let world: World
let doc: Doc

/** The custom routes Payload serves that the document does not list (method and path). */
async function missingFrom(document: Doc, config: Parameters<typeof customRoutes>[0]) {
  return (await customRoutes(config)).filter((route) => !document.paths[route.path]?.[route.method]).map((route) => `${route.method.toUpperCase()} ${route.path}`)
}

beforeAll(async () => {
  world = await newWorld()
  const { status, body } = await world.api.get('/api/openapi.json')
  expect(status).toBe(200)
  doc = body
})

describe('GET /api/openapi.json', () => {
  it('needs no login and is a valid OpenAPI 3.1 document', async () => {
    expect(doc.openapi).toBe('3.1.0')
    const result = await new Validator().validate(doc as unknown as Record<string, unknown>)
    expect(result.errors ?? []).toEqual([])
    expect(result.valid).toBe(true)
    // what a schema cannot say: operation ids are unique (client generators name methods by them)
    const ids = Object.values(doc.paths).flatMap((operations) => Object.values(operations).map((operation) => operation.operationId as string))
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('the validator does catch a broken document (so the test above can fail)', async () => {
    const broken = structuredClone(doc) as Doc
    broken.paths['/api/pos/checkout']!.post!.responses = { ok: { description: 'not a status code' } }
    expect((await new Validator().validate(broken as unknown as Record<string, unknown>)).valid).toBe(false)
  })

  it('lists every custom route Payload serves, and no Payload route of its own', async () => {
    const payload = await testPayload()
    expect(await missingFrom(doc, payload.config)).toEqual([])
    const routes = await customRoutes(payload.config)
    expect(routes.length).toBeGreaterThanOrEqual(31)
    const listed = Object.entries(doc.paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`))
    expect(listed.sort()).toEqual(routes.map((route) => `${route.method.toUpperCase()} ${route.path}`).sort())
    for (const path of ['/api/customers', '/api/customers/{id}', '/api/users/login', '/api/graphql']) {
      expect(doc.paths[path]?.get ?? doc.paths[path]?.post, path).toBeUndefined()
    }
  })

  it('names a custom endpoint that was added without a description', async () => {
    const payload = await testPayload()
    const config = payload.config
    const bare: Endpoint = { path: '/:id/dunning-letter', method: 'post', handler: () => Response.json({}) }
    const withNew = {
      ...config,
      endpoints: [...config.endpoints, { path: '/imports', method: 'post', handler: () => Response.json({}) } as Endpoint],
      collections: config.collections.map((collection) => (collection.slug === 'invoices' ? { ...collection, endpoints: [bare, ...(collection.endpoints || [])] } : collection)),
    }
    expect(await missingFrom(apiDocument(withNew) as Doc, withNew)).toEqual(['POST /api/imports', 'POST /api/invoices/{id}/dunning-letter'])
  })

  it('describes auth, Idempotency-Key, the error shape and amounts in minor units', () => {
    const { securitySchemes, parameters, schemas } = doc.components
    expect(Object.keys(securitySchemes).sort()).toEqual(['apiKey', 'jwt', 'session'])
    expect(securitySchemes.jwt).toMatchObject({ type: 'apiKey', in: 'header', name: 'Authorization' })
    expect(parameters.IdempotencyKey).toMatchObject({ name: 'Idempotency-Key', in: 'header' })
    expect(schemas.Error.properties.errors.items.required).toEqual(['message'])
    expect(doc.info.description).toContain('/api/graphql')

    const collect = doc.paths['/api/customers/{id}/collect']!.post!
    expect(collect.parameters).toContainEqual({ $ref: '#/components/parameters/IdempotencyKey' })
    expect(collect.parameters).toContainEqual(expect.objectContaining({ name: 'id', in: 'path', required: true }))
    const body = collect.requestBody.content['application/json'].schema
    expect(body.required.sort()).toEqual(['amount', 'method'])
    expect(body.properties.amount).toMatchObject({ type: 'integer', exclusiveMinimum: 0, description: expect.stringContaining('minor units') })
    expect(body.properties.method.enum).toContain('upi')
    expect(Object.keys(collect.responses).sort()).toEqual(['201', '400', '401', '403', '404', '409', '415', '422', '503'])
    expect(collect.responses['201'].headers['Idempotent-Replayed']).toBeDefined()

    // a read: no Idempotency-Key, query parameters from its zod schema
    const aging = doc.paths['/api/reports/aging']!.get!
    expect(aging.parameters.map((parameter: { name: string; required: boolean }) => [parameter.name, parameter.required])).toEqual([
      ['store', true],
      ['from', false],
      ['to', false],
      ['limit', false],
      ['page', false],
    ])
    expect(aging['x-tally-who']).toBe('owner')
    // public: no security
    expect(doc.paths['/api/health']!.get!.security).toEqual([])
  })

  it('says what the handlers do: every listed operation answers as described to a caller without a login', async () => {
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const url = path.replace('{id}', '999999999')
        const { status } = await world.api.request(method.toUpperCase(), url, method === 'get' || method === 'delete' ? {} : { body: {} })
        const expected = operation.security?.length === 0 ? Number(Object.keys(operation.responses)[0]) : 401
        expect(`${method.toUpperCase()} ${path} → ${status}`).toBe(`${method.toUpperCase()} ${path} → ${expected}`)
        expect(Object.keys(operation.responses)).toContain(String(status))
      }
    }
  })

  it('the documented body is the one the handler enforces: above the documented maximum is 400 naming amount', async () => {
    const customer = await newCustomer(world)
    const schema = doc.paths['/api/customers/{id}/collect']!.post!.requestBody.content['application/json'].schema
    const tooMuch = schema.properties.amount.maximum + 1
    const { status, body } = await world.api.post(`/api/customers/${customer.id}/collect`, { token: world.tokens.cashier, body: { amount: tooMuch, method: 'cash' } })
    expect(status).toBe(400)
    expect(body.errors[0].data.errors[0].path).toBe('amount')
  })

  it('real answers match the documented answer schemas (so they cannot drift either)', async () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true })
    const conforms = (path: string, method: string, status: number, body: unknown) => {
      const schema = doc.paths[path]![method]!.responses[String(status)].content['application/json'].schema
      expect(schema.type === 'object' && !schema.properties, `${method} ${path} documents its answer`).toBe(false)
      const validate = ajv.compile(schema)
      expect(validate(body) ? [] : validate.errors, `${method.toUpperCase()} ${path} ${status}`).toEqual([])
    }
    const phone = `98${String(Date.now()).slice(-8)}`
    const created = await world.api.post('/api/customers/resolve', { token: world.tokens.cashier, body: { store: world.store.id, phone, name: 'Schema Check' } })
    expect(created.status).toBe(201)
    conforms('/api/customers/resolve', 'post', 200, created.body)
    const found = await world.api.post('/api/customers/resolve', { token: world.tokens.cashier, body: { store: world.store.id, phone } })
    expect(found.status).toBe(200)
    conforms('/api/customers/resolve', 'post', 200, found.body)
    const id = created.body.customer.id as number

    const advance = await world.api.post(`/api/customers/${id}/advances`, { token: world.tokens.cashier, body: { amount: 50_000, method: 'upi' } })
    expect(advance.status).toBe(201)
    conforms('/api/customers/{id}/advances', 'post', 201, advance.body)

    const sale = await world.api.post('/api/pos/checkout', {
      token: world.tokens.cashier,
      body: { store: world.store.id, customer: id, items: [{ description: 'Cut', quantity: 1, unitPrice: 30_000 }] },
    })
    expect(sale.status).toBe(201)
    const collected = await world.api.post(`/api/customers/${id}/collect`, { token: world.tokens.cashier, body: { amount: 10_000, method: 'cash' } })
    expect(collected.status).toBe(201)
    conforms('/api/customers/{id}/collect', 'post', 201, collected.body)

    const health = await world.api.get('/api/health')
    conforms('/api/health', 'get', 200, health.body)
    const link = await world.api.post('/api/share-links', { token: world.tokens.cashier, body: { document: 'invoice', id: sale.body.bill.id } })
    expect(link.status).toBe(201)
    conforms('/api/share-links', 'post', 201, link.body)

    // and the check can fail: an answer with a field the document does not list
    const validate = ajv.compile(doc.paths['/api/customers/{id}/collect']!.post!.responses['201'].content['application/json'].schema)
    expect(validate({ ...collected.body, surprise: 1 })).toBe(false)
  })

  it('the README names every endpoint of the document (a new one is added to its tables too)', () => {
    const readme = readFileSync('README.md', 'utf8')
    const unnamed = Object.keys(doc.paths).flatMap((path) => {
      const colon = path.replace(/\{(\w+)\}/g, ':$1')
      const last = `/${colon.split('/').at(-1)}`
      // written out, or as a suffix of the row before it: `POST /api/invoices/:id/post` · `/payments`
      const named = readme.includes(colon) || readme.includes(`\`${last}\``)
      return named ? [] : [colon]
    })
    expect(unnamed).toEqual([])
  })
})
