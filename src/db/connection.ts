/**
 * Which Postgres this process talks to. The CLI (and the test setup) start the embedded
 * server and hand its address over in TALLY_EMBEDDED_DATABASE_URI; a user-supplied
 * DATABASE_URI always wins and means an external server.
 */
export type DatabaseMode = 'embedded' | 'external'

export interface DatabaseConnection {
  uri: string
  mode: DatabaseMode
  readReplicas: string[]
}

export const EMBEDDED_URI_VAR = 'TALLY_EMBEDDED_DATABASE_URI'

export function databaseConnection(env: NodeJS.ProcessEnv = process.env): DatabaseConnection | null {
  const readReplicas = (env.DATABASE_READ_REPLICAS ?? '')
    .split(',')
    .map((uri) => uri.trim())
    .filter(Boolean)
  if (env.DATABASE_URI) return { uri: env.DATABASE_URI, mode: 'external', readReplicas }
  const embedded = env[EMBEDDED_URI_VAR]
  if (embedded) return { uri: embedded, mode: 'embedded', readReplicas: [] }
  return null
}

export function databaseMode(env: NodeJS.ProcessEnv = process.env): DatabaseMode {
  return env.DATABASE_URI ? 'external' : 'embedded'
}

/**
 * Postgres session settings of every connection Tally opens. The session's TimeZone decides
 * how a bare date ('2026-12-05') becomes a timestamptz; pinned to UTC so a calendar day is
 * stored as that day whatever zone the server (or a developer's laptop) runs in — the store's
 * zone is always named explicitly in SQL (SPEC §8).
 */
export const SESSION_OPTIONS = '-c TimeZone=UTC'
