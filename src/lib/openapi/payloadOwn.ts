/**
 * Which of the routes Payload serves are its own (REST, auth, uploads, versions, preferences…)
 * rather than ours: Payload adds the same endpoint objects to every config it sanitizes, so a
 * throwaway config with one auth + upload collection and one global holds all of them.
 */
import { buildConfig, type Endpoint } from 'payload'

import { servedRoutes, type ConfigWithEndpoints, type ServedRoute } from './document'

let own: Promise<Set<Endpoint>> | undefined

export function payloadOwnEndpoints(): Promise<Set<Endpoint>> {
  own ??= buildConfig({
    secret: 'only-to-list-payloads-own-endpoints',
    db: undefined as never,
    collections: [{ slug: 'probe', auth: { useAPIKey: true }, upload: true, versions: { drafts: true }, fields: [] }],
    globals: [{ slug: 'probe-global', versions: { drafts: true }, fields: [] }],
  }).then((config) => new Set([...config.endpoints, ...config.collections.flatMap((c) => c.endpoints || []), ...config.globals.flatMap((g) => g.endpoints || [])]))
  return own
}

/**
 * The custom routes: every route Payload serves less its own — the shared endpoint objects
 * above and its internal `payload-*` collections (preferences, locked documents, migrations).
 */
export async function customRoutes(config: ConfigWithEndpoints): Promise<ServedRoute[]> {
  const own = await payloadOwnEndpoints()
  return servedRoutes(config).filter((route) => !own.has(route.endpoint) && !route.tag.startsWith('payload-'))
}
