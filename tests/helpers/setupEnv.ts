import { inject } from 'vitest'

import { EMBEDDED_URI_VAR } from '../../src/db/connection'

process.env[EMBEDDED_URI_VAR] = inject('databaseUri')
process.env.PAYLOAD_SECRET = inject('payloadSecret')
process.env.DISABLE_PAYLOAD_HMR = 'true'
delete process.env.DATABASE_URI
process.env.TALLY_LOG_LEVEL ??= 'warn'
// The jobs queue's cron (payload.config.ts jobs.autoRun) stays off: tests run jobs themselves.
process.env.TALLY_JOBS = 'off'
process.env.SMTP_URL = `smtp://127.0.0.1:${inject('smtpPort')}`
process.env.SMTP_FROM = 'Tally Tests <tally@test.tally>'
