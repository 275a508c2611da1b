import { getPayload, type Payload } from 'payload'

/** The Payload instance of the test process (booted once, shared by every int test file). */
export async function testPayload(): Promise<Payload> {
  const { default: config } = await import('@payload-config')
  return getPayload({ config })
}
