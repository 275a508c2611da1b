import { AuthenticationError, LockedAuth, type AfterErrorHook } from 'payload'

/**
 * A locked account answers a login exactly like an unknown email: "This user is locked…"
 * would tell anyone which emails have an account. The lock itself still holds (an owner or
 * an admin unlocks, or it lapses after lockTime).
 */
export const hideAccountLockout: AfterErrorHook = ({ error, req, graphqlResult }) => {
  const original = (error as { originalError?: Error }).originalError ?? error
  if (!(original instanceof LockedAuth)) return
  const incorrect = new AuthenticationError(req.t)
  if (graphqlResult) {
    return { graphqlResult: { ...graphqlResult, message: incorrect.message, extensions: { ...graphqlResult.extensions, name: incorrect.name } } }
  }
  return { status: incorrect.status, response: { errors: [{ message: incorrect.message }] } }
}
