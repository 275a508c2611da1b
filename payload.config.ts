import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { postgresAdapter } from '@payloadcms/db-postgres'
import { buildConfig } from 'payload'

import { AdvancePayments } from '@/collections/AdvancePayments'
import { AdvanceUtilizations } from '@/collections/AdvanceUtilizations'
import { Allocations } from '@/collections/Allocations'
import { Assets } from '@/collections/Assets'
import { Bookings } from '@/collections/Bookings'
import { CreditCardInvoices } from '@/collections/CreditCardInvoices'
import { CreditCards } from '@/collections/CreditCards'
import { CreditNotes } from '@/collections/CreditNotes'
import { Customers } from '@/collections/Customers'
import { Invoices } from '@/collections/Invoices'
import { PaymentStatuses } from '@/collections/PaymentStatuses'
import { Promises } from '@/collections/Promises'
import { ReminderRules } from '@/collections/ReminderRules'
import { Reminders } from '@/collections/Reminders'
import { Services } from '@/collections/Services'
import { ShareLinks } from '@/collections/ShareLinks'
import { LOGO_MAX_BYTES, StoreLogos } from '@/collections/StoreLogos'
import { Stores } from '@/collections/Stores'
import { Transactions } from '@/collections/Transactions'
import { Users } from '@/collections/Users'
import { databaseConnection, SESSION_OPTIONS } from '@/db/connection'
import { emailAdapter } from '@/documents/email'
import { routeReads } from '@/db/readRouting'
import { verifyCommits } from '@/db/verifiedCommit'
import { checkoutEndpoint } from '@/endpoints/checkout'
import { collectionsEndpoints } from '@/endpoints/collections'
import { health } from '@/endpoints/health'
import { openApiEndpoint } from '@/endpoints/openapi'
import { reportEndpoints } from '@/endpoints/reports'
import { scopeLockedDocuments } from '@/collections/LockedDocuments/scopeLockedDocuments'
import { answerAnonymousWith401 } from '@/hooks/answerAnonymousWith401'
import { formatRuleErrors } from '@/hooks/formatRuleErrors'
import { hideAccountLockout } from '@/hooks/hideAccountLockout'
import { hideForeignRecords } from '@/hooks/hideForeignRecords'
import { keepStoreOfLedgerRecords } from '@/hooks/keepStoreOfLedgerRecords'
import { mapDataExceptions } from '@/hooks/mapDataExceptions'
import { refuseUnboundedReads } from '@/hooks/refuseUnboundedReads'
import { rejectGeoOperators } from '@/hooks/rejectGeoOperators'
import { DAILY_QUEUE, expireDepositsTask } from '@/jobs/expireDeposits'
import { queueDueRemindersTask, REMINDER_QUEUE, sendReminderTask } from '@/jobs/reminders'
import { serializeJobClaims } from '@/jobs/serializeJobClaims'
import { relationsInOwnStore, storeInOwnStores } from '@/hooks/relationsInOwnStore'
import { warnOfStaleSql } from '@/ledger/warnOfStaleSql'
import { allowedOrigins as allowedOriginsOf } from '@/lib/origins'
import { scheduleTimeDependentRefresh } from '@/services/scheduleTimeDependentRefresh'

const dirname = path.dirname(fileURLToPath(import.meta.url))

const connection = databaseConnection()
// Origins allowed to call the API from a browser (CORS) and to use the session cookie (CSRF).
// Unset: same-origin only. The request guard (src/lib/requestGuard.ts, in front of every /api
// route) refuses a state-changing request from any other origin, and one riding on the cookie
// that does not say where it comes from — SameSite=Lax alone lets other ports and subdomains
// of the same site through.
const allowedOrigins = allowedOriginsOf()
const building = process.env.NEXT_PHASE === 'phase-production-build'
if (!connection && !building) {
  throw new Error('No database configured: start Tally with `npm run dev` or `npm start` (they start the embedded Postgres), or set DATABASE_URI.')
}

export default buildConfig({
  serverURL: process.env.TALLY_SERVER_URL ?? '',
  admin: {
    user: Users.slug,
    avatar: 'default',
    importMap: { baseDir: path.resolve(dirname, 'src') },
    // A way back from the admin to the Tally screens (issue 13).
    components: { beforeNavLinks: ['@/components/admin/BackToApp#BackToApp'] },
    meta: { titleSuffix: ' · Tally' },
  },
  collections: [
    Customers,
    Invoices,
    Transactions,
    Allocations,
    AdvancePayments,
    AdvanceUtilizations,
    CreditNotes,
    Bookings,
    Assets,
    CreditCards,
    CreditCardInvoices,
    PaymentStatuses,
    Services,
    Stores,
    Users,
    StoreLogos,
    ShareLinks,
    ReminderRules,
    Reminders,
    Promises,
  ].map((collection) => ({
    ...collection,
    hooks: {
      ...collection.hooks,
      beforeOperation: [rejectGeoOperators, refuseUnboundedReads, ...(collection.hooks?.beforeOperation ?? [])],
      // Before any hook of the collection reads the data: the store in scope, fixed once it has
      // ledger rows, and every relation of that same store.
      beforeValidate: [storeInOwnStores, keepStoreOfLedgerRecords, relationsInOwnStore, ...(collection.hooks?.beforeValidate ?? [])],
    },
  })),
  endpoints: [health, openApiEndpoint, checkoutEndpoint, ...reportEndpoints, ...collectionsEndpoints],
  hooks: { afterError: [formatRuleErrors, mapDataExceptions, hideForeignRecords, answerAnonymousWith401, hideAccountLockout] },
  // New scheduled work runs on Payload's jobs queue (SPEC §9 deposit expiry). `schedule` puts
  // the day's job in the queue; every server polls it (autoRun, not in the migrating instance
  // or the tests: TALLY_JOBS=off) and the work itself is safe to run from several instances.
  jobs: {
    tasks: [expireDepositsTask, queueDueRemindersTask, sendReminderTask],
    // Payload's cron queues the scheduled jobs before it asks shouldAutoRun, so TALLY_JOBS=off
    // turns the scheduling off too (read when Payload starts its crons): such an instance
    // neither queues nor runs jobs.
    autoRun: () => {
      const disableScheduling = process.env.TALLY_JOBS === 'off'
      return [
        { cron: '0 */5 * * * *', queue: DAILY_QUEUE, limit: 10, disableScheduling },
        // SPEC §11: due reminders are queued every minute and sent here, on every instance (each at most once).
        { cron: '30 * * * * *', queue: REMINDER_QUEUE, limit: 20, disableScheduling },
      ]
    },
    shouldAutoRun: () => process.env.TALLY_JOBS !== 'off',
    // Keep finished jobs (one row a day). Claims are serialized across instances (src/jobs/serializeJobClaims.ts);
    // were a job ever taken twice, our work is safe to run twice, but a runner whose job the other had
    // already deleted would fail on updating it (a null job).
    deleteJobOnComplete: false,
    // Only admins may queue or run jobs over REST (/api/payload-jobs/run); the schedule needs nobody.
    access: {
      queue: ({ req }) => (req.user as { role?: string } | null)?.role === 'admin',
      run: ({ req }) => (req.user as { role?: string } | null)?.role === 'admin',
      cancel: ({ req }) => (req.user as { role?: string } | null)?.role === 'admin',
    },
    jobsCollectionOverrides: ({ defaultJobsCollection }) => ({
      ...defaultJobsCollection,
      admin: { ...defaultJobsCollection.admin, hidden: ({ user }) => (user as { role?: string } | null)?.role !== 'admin', group: 'Settings' },
      access: { ...defaultJobsCollection.access, read: ({ req }) => (req.user as { role?: string } | null)?.role === 'admin' },
    }),
  },
  // Refusals (4xx) are answers, not server faults: log them quietly.
  // (RuleError is ours: Payload looks levels up by error name.)
  loggingLevels: {
    APIError: 'info',
    BadInput: 'info',
    UnsupportedMediaType: 'info',
    RuleError: 'info',
    IdempotentReplay: 'info',
    ValidationError: 'info',
    Forbidden: 'info',
    NotFound: 'info',
    AuthenticationError: 'info',
    UnauthorizedError: 'info',
    Locked: 'info',
    LockedAuth: 'info',
    CommitNotConfirmed: 'warn',
    EmailOff: 'info',
    EmailNotSent: 'warn',
  } as Record<string, 'info' | 'warn'>,
  // Payload's own (pretty) logger unless a level is asked for (the tests ask for 'warn').
  ...(process.env.TALLY_LOG_LEVEL ? { logger: { options: { level: process.env.TALLY_LOG_LEVEL } } } : {}),
  onInit: (payload) => {
    // node-postgres emits 'error' on idle clients when the server drops them (restart,
    // pg_terminate_backend); unhandled, that would crash the process. Log it; the pool
    // replaces the client on next use.
    const lost = (err: Error) => payload.logger.warn(`postgres connection lost (${err.message}); it will be replaced`)
    payload.db.pool?.on('error', lost)
    // A client checked out for a transaction emits 'error' on itself when the server kills it
    // between two queries; without a listener Node would crash the whole process. The request
    // using it fails on its next query and rolls back.
    payload.db.pool?.on('connect', (client) => client.on('error', lost))
    // With DATABASE_READ_REPLICAS: which reads a replica serves, and read-your-writes across
    // instances (src/db/readRouting.ts). Before verifyCommits, which wraps the handle it makes.
    routeReads(payload)
    // Two instances on one jobs queue never take the same job (src/jobs/serializeJobClaims.ts).
    serializeJobClaims(payload)
    // A COMMIT lost with its connection answers 503, never 201 (see verifiedCommit).
    verifyCommits(payload)
    // Off in the short-lived instance that migrates (prepareDatabase): it applies the SQL next.
    if (process.env.TALLY_CALENDAR_REFRESH !== 'off') {
      scheduleTimeDependentRefresh(payload)
      warnOfStaleSql(payload)
    }
  },
  secret: process.env.PAYLOAD_SECRET ?? '',
  // SMTP_URL turns email on (SPEC §10); without it email is off (see documents/email).
  email: emailAdapter(),
  upload: { limits: { fileSize: LOGO_MAX_BYTES } },
  ...(allowedOrigins.length > 0 ? { cors: allowedOrigins, csrf: allowedOrigins } : {}),
  telemetry: false,
  typescript: { outputFile: path.resolve(dirname, 'src/payload-types.ts') },
  // Production: no schema introspection and no playground (a map of the API for anyone). A
  // bounded query: complexity here; size, depth and page size in the request guard
  // (src/lib/graphqlBounds.ts).
  graphQL: { disableIntrospectionInProduction: true, disablePlaygroundInProduction: true, maxComplexity: 1000 },
  db: postgresAdapter({
    pool: { connectionString: connection?.uri ?? '', max: 20, options: SESSION_OPTIONS },
    readReplicas: connection?.readReplicas.length ? connection.readReplicas : undefined,
    push: false,
    migrationDir: path.resolve(dirname, 'migrations'),
    idType: 'serial',
  }),
}).then(scopeLockedDocuments)
