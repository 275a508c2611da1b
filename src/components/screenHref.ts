/**
 * The URL of a list screen with some of its query changed (filters, page): empty values
 * are dropped so links stay short and shareable.
 */
export function screenHref(path: string, current: Record<string, string | undefined>, changes: Record<string, string | undefined> = {}): string {
  const query = new URLSearchParams()
  for (const [key, value] of Object.entries({ ...current, ...changes })) {
    if (value !== undefined && value !== '') query.set(key, value)
  }
  const text = query.toString()
  return text ? `${path}?${text}` : path
}
