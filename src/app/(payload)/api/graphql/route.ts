/* THIS FILE WAS GENERATED AUTOMATICALLY BY PAYLOAD. */
/* DO NOT MODIFY IT BECAUSE IT COULD BE REWRITTEN AT ANY TIME. */
// Tally: the request guard (CSRF, body and query bounds) first — src/lib/requestGuard.ts.
import config from '@payload-config'
import { GRAPHQL_POST, REST_OPTIONS } from '@payloadcms/next/routes'

import { guardedRoute } from '@/lib/requestGuard'

export const POST = guardedRoute(GRAPHQL_POST(config))

export const OPTIONS = REST_OPTIONS(config)
