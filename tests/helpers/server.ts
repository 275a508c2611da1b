/**
 * A real HTTP server in the test process that serves Payload's REST and GraphQL routes —
 * the same handlers Next.js mounts under /api, behind the same request guard
 * (src/app/(payload)/api/…/route.ts) — so tests send genuine, concurrent HTTP requests
 * without building the whole app.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'

import { handleEndpoints } from 'payload'

import { guardApiRequest } from '@/lib/requestGuard'

import { testPayload } from './payload'

export interface TestServer {
  url: string
  close: () => Promise<void>
}

let running: Promise<TestServer> | undefined

async function toRequest(incoming: http.IncomingMessage, base: string): Promise<Request> {
  const chunks: Uint8Array[] = []
  for await (const chunk of incoming) chunks.push(chunk as Uint8Array)
  const body = chunks.length ? new Uint8Array(Buffer.concat(chunks)) : undefined
  const headers = new Headers()
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (Array.isArray(value)) value.forEach((item) => headers.append(name, item))
    else if (value !== undefined) headers.set(name, value)
  }
  return new Request(new URL(incoming.url ?? '/', base), {
    method: incoming.method,
    headers,
    body: body && incoming.method !== 'GET' && incoming.method !== 'HEAD' ? body : undefined,
  })
}

async function start(): Promise<TestServer> {
  const payload = await testPayload()
  const config = payload.config
  const { GRAPHQL_POST } = await import('@payloadcms/next/routes')
  const graphql = GRAPHQL_POST(Promise.resolve(config))

  const server = http.createServer(async (incoming, outgoing) => {
    try {
      const base = `http://${incoming.headers.host ?? '127.0.0.1'}`
      const checked = await guardApiRequest(await toRequest(incoming, base))
      const pathname = checked instanceof Request ? new URL(checked.url).pathname : ''
      const response =
        checked instanceof Response
          ? checked
          : pathname === '/api/graphql' && checked.method === 'POST'
            ? await graphql(checked)
            : await handleEndpoints({ config: Promise.resolve(config), path: pathname, request: checked })
      outgoing.statusCode = response.status
      response.headers.forEach((value, name) => outgoing.setHeader(name, value))
      outgoing.end(Buffer.from(await response.arrayBuffer()))
    } catch (error) {
      outgoing.statusCode = 500
      outgoing.end(JSON.stringify({ errors: [{ message: error instanceof Error ? error.message : String(error) }] }))
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

/** One server per test process, started on first use. */
export function testServer(): Promise<TestServer> {
  running ??= start()
  return running
}
