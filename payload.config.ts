import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { postgresAdapter } from '@payloadcms/db-postgres'
import { buildConfig } from 'payload'

import { Stores } from '@/collections/Stores'
import { Users } from '@/collections/Users'
import { databaseConnection } from '@/db/connection'
import { health } from '@/endpoints/health'

const dirname = path.dirname(fileURLToPath(import.meta.url))

const connection = databaseConnection()
const building = process.env.NEXT_PHASE === 'phase-production-build'
if (!connection && !building) {
  throw new Error(
    'No database configured: start Tally with `npm run dev` or `npm start` (they start the embedded Postgres), or set DATABASE_URI.',
  )
}

export default buildConfig({
  serverURL: process.env.TALLY_SERVER_URL ?? '',
  admin: {
    user: Users.slug,
    avatar: 'default',
    importMap: { baseDir: path.resolve(dirname, 'src') },
    meta: { titleSuffix: ' · Tally' },
  },
  collections: [Stores, Users],
  endpoints: [health],
  secret: process.env.PAYLOAD_SECRET ?? '',
  telemetry: false,
  typescript: { outputFile: path.resolve(dirname, 'src/payload-types.ts') },
  graphQL: { disablePlaygroundInProduction: true },
  db: postgresAdapter({
    pool: { connectionString: connection?.uri ?? '', max: 20 },
    readReplicas: connection?.readReplicas.length ? connection.readReplicas : undefined,
    push: false,
    migrationDir: path.resolve(dirname, 'migrations'),
    idType: 'serial',
  }),
})
