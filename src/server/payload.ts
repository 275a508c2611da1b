import { getPayload, type Payload } from 'payload'

import config from '@payload-config'

/** The Payload instance of this server process (cached by Payload itself). */
export function payloadInstance(): Promise<Payload> {
  return getPayload({ config })
}
