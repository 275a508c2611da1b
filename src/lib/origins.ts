/**
 * Who may call the API from a browser. Same-origin always; other origins only when listed in
 * TALLY_ALLOWED_ORIGINS (CORS and the session cookie alike), plus TALLY_SERVER_URL, the
 * app's own public address when it sits behind a proxy.
 */
export function allowedOrigins(env: Record<string, string | undefined> = process.env): string[] {
  const listed = (env.TALLY_ALLOWED_ORIGINS ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean)
  if (env.TALLY_SERVER_URL) listed.push(env.TALLY_SERVER_URL)
  return [...new Set(listed.flatMap((origin) => originOf(origin) ?? []))]
}

/** `https://shop.example:8443/x` → `https://shop.example:8443`; null when not a URL. */
export function originOf(url: string): string | null {
  try {
    const { origin } = new URL(url)
    return origin === 'null' ? null : origin
  } catch {
    return null
  }
}
