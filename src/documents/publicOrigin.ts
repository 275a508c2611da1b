/**
 * The origin customers reach this app at, for links sent to them: TALLY_SERVER_URL when set
 * (the address behind a proxy or load balancer), else the one this request came to.
 */
export function publicOrigin(req: { headers: Headers }): string {
  const configured = process.env.TALLY_SERVER_URL?.trim().replace(/\/+$/, '')
  if (configured) return configured
  const host = req.headers.get('x-forwarded-host')?.split(',')[0]?.trim() || req.headers.get('host') || 'localhost'
  const proto = req.headers.get('x-forwarded-proto')?.split(',')[0]?.trim() || 'http'
  return `${proto}://${host}`
}
