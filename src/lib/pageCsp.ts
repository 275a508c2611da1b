/**
 * The Content-Security-Policy of the pages (src/proxy.ts sends it with a fresh nonce per
 * request); the other security headers, and the API's own CSP, are in next.config.mjs.
 *
 * Scripts only with this request's nonce (Next.js puts it on its own scripts; 'strict-dynamic'
 * lets them load the chunks), everything else from this origin, nobody frames a page. Styles
 * allow inline: React style attributes (charts, Payload's admin) cannot carry a nonce.
 */
export function pageCsp({ nonce, dev, https }: { nonce: string; dev: boolean; https: boolean }): string {
  return [
    "default-src 'self'",
    // development: React rebuilds server error stacks with eval, and hot reload talks over a websocket
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? ' ws: wss:' : ''}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ].join('; ')
}
