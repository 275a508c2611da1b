import type { Endpoint } from 'payload'

import { apiDocument } from '@/lib/openapi/document'
import { described } from '@/lib/openapi/describe'

let cached: unknown

/** GET /api/openapi.json — the OpenAPI 3.1 description of every custom endpoint (the page: /api-docs). */
export const openApiEndpoint: Endpoint = described(
  {
    path: '/openapi.json',
    method: 'get',
    handler: (req) => {
      cached ??= apiDocument(req.payload.config)
      return Response.json(cached, { headers: { 'Cache-Control': 'public, max-age=300' } })
    },
  },
  {
    summary: 'This document: OpenAPI 3.1 of every custom endpoint (a readable page of it is /api-docs)',
    who: 'public',
    tag: 'api',
  },
)
