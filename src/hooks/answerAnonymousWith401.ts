import { Forbidden, UnauthorizedError, type AfterErrorHook } from 'payload'

/**
 * SPEC §4: 401 when not logged in, 403 when logged in but not allowed. Payload's collection
 * routes answer 403 to both; our custom endpoints already say 401 (requireUser).
 */
export const answerAnonymousWith401: AfterErrorHook = ({ error, req, graphqlResult }) => {
  if (graphqlResult || req.user || !(error instanceof Forbidden)) return
  const unauthorized = new UnauthorizedError(req.t)
  return { status: unauthorized.status, response: { errors: [{ message: unauthorized.message }] } }
}
