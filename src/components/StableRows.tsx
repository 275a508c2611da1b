'use client'

import { Fragment, type ReactNode } from 'react'

// The last list's order in this tab. Kept outside React so it survives the remount a new
// query (?keep=…) causes; never on the server, where it would mix users' lists.
let remembered: { resetKey: string; keys: string[] } | null = null

/**
 * Table rows that keep their places while the list refreshes after an action (issue 13:
 * lists do not jump away from the row just acted on). Rows keep the order they were first
 * shown in; new rows go to the end. Another `resetKey` (filter, sort or page) starts from
 * the server's order again.
 */
export function StableRows({ rows, resetKey }: { rows: { key: string; node: ReactNode }[]; resetKey: string }) {
  const previous = typeof window !== 'undefined' && remembered?.resetKey === resetKey ? remembered.keys : []
  const present = new Map(rows.map((row) => [row.key, row.node]))
  const kept = previous.filter((key) => present.has(key))
  const keys = [...kept, ...rows.map((row) => row.key).filter((key) => !kept.includes(key))]
  if (typeof window !== 'undefined') remembered = { resetKey, keys }
  return (
    <>
      {keys.map((key) => (
        <Fragment key={key}>{present.get(key)}</Fragment>
      ))}
    </>
  )
}
