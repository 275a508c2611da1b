import type { PayloadRequest } from 'payload'

/**
 * Payload's Local API skips access control unless told otherwise. Spread one of these into
 * every Local API call so the choice is written down: `asRequester` for anything done on a
 * user's behalf (access enforced, same transaction), `asSystem` for trusted internal work
 * that has already checked who is asking.
 */
export const asRequester = (req: PayloadRequest) => ({ req, user: req.user, overrideAccess: false as const })

export const asSystem = (req: PayloadRequest) => ({ req, overrideAccess: true as const })
