/* THIS FILE WAS GENERATED AUTOMATICALLY BY PAYLOAD. */
/* DO NOT MODIFY IT BECAUSE IT COULD BE REWRITTEN AT ANY TIME. */
// Tally: every handler passes the request guard (CSRF, body bounds) first — src/lib/requestGuard.ts.
import config from '@payload-config'
import '@payloadcms/next/css'
import {
  REST_DELETE,
  REST_GET,
  REST_OPTIONS,
  REST_PATCH,
  REST_POST,
  REST_PUT,
} from '@payloadcms/next/routes'

import { guardedRoute } from '@/lib/requestGuard'

export const GET = guardedRoute(REST_GET(config))
export const POST = guardedRoute(REST_POST(config))
export const DELETE = guardedRoute(REST_DELETE(config))
export const PATCH = guardedRoute(REST_PATCH(config))
export const PUT = guardedRoute(REST_PUT(config))
export const OPTIONS = REST_OPTIONS(config)
