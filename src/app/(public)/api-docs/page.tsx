import configPromise from '@payload-config'
import type { Metadata } from 'next'

import { apiDocument } from '@/lib/openapi/document'

export const metadata: Metadata = { title: 'Tally API' }

interface Operation {
  operationId: string
  tags: string[]
  summary: string
  description?: string
  parameters?: unknown[]
  requestBody?: { content: Record<string, { schema: unknown }> }
  responses: Record<string, { description?: string; $ref?: string }>
  'x-tally-who': string
}
interface Doc {
  info: { title: string; version: string; description: string }
  paths: Record<string, Record<string, Operation>>
  components: { responses: Record<string, { description: string }> }
}

/** Method, path, who and summary of every operation, grouped by tag; the full schemas fold out. */
function operationsOf(doc: Doc) {
  const rows: { tag: string; method: string; path: string; op: Operation }[] = []
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(operations)) rows.push({ tag: op.tags[0]!, method, path, op })
  }
  return rows
}

/**
 * GET /api-docs — the readable page of GET /api/openapi.json (issue 20), rendered on the server
 * from the same document: no script, no third-party viewer.
 */
export default async function ApiDocsPage() {
  const doc = apiDocument(await configPromise) as unknown as Doc
  const rows = operationsOf(doc)
  const tags = [...new Set(rows.map((row) => row.tag))]
  return (
    <main className="doc api">
      <h1>
        {doc.info.title} <span className="muted small">{doc.info.version}</span>
      </h1>
      <p>
        Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1). Import it into any OpenAPI client or code generator.
      </p>
      <div className="card api__intro">
        {doc.info.description.split('\n\n').map((paragraph) => (
          <p key={paragraph.slice(0, 40)}>{paragraph}</p>
        ))}
      </div>
      {tags.map((tag) => (
        <section key={tag} className="card">
          <h2>{tag}</h2>
          {rows
            .filter((row) => row.tag === tag)
            .map(({ method, path, op }) => (
              <details key={`${method} ${path}`} id={op.operationId}>
                <summary>
                  <code className="api__method">{method.toUpperCase()}</code> <code>{path}</code> <span className="muted small">({op['x-tally-who']})</span>
                  <br />
                  {op.summary}
                </summary>
                {op.description ? <p>{op.description}</p> : null}
                {op.parameters ? (
                  <>
                    <h3>Parameters</h3>
                    <pre>{JSON.stringify(op.parameters, null, 2)}</pre>
                  </>
                ) : null}
                {op.requestBody ? (
                  <>
                    <h3>Body (application/json)</h3>
                    <pre>{JSON.stringify(op.requestBody.content['application/json']?.schema, null, 2)}</pre>
                  </>
                ) : null}
                <h3>Answers</h3>
                <ul>
                  {Object.entries(op.responses).map(([status, response]) => (
                    <li key={status}>
                      <code>{status}</code> {response.description ?? doc.components.responses[String(response.$ref).split('/').at(-1)!]?.description}
                    </li>
                  ))}
                </ul>
              </details>
            ))}
        </section>
      ))}
    </main>
  )
}
