'use client'

import { Fragment, type ReactNode } from 'react'

// The order this tab last showed, and whether the next new order from the server comes from
// an action on a row (keep the places) or from the user asking for the list (take it).
// Outside React, so it survives the remount a new query (?keep=…) causes; never used on the
// server, where it would mix users' lists.
let shown: { listKey: string; serverKeys: string; keys: string[] } | null = null
let holdNext = false

/** Called by an action on a row just before the list refreshes: keep every row where it is. */
export function holdRowOrder() {
  holdNext = true
}

/**
 * Table rows that keep their places while the list refreshes after an action (issue 13:
 * lists do not jump away from the row just acted on). After holdRowOrder(), rows keep the
 * order they were shown in and new rows go to the end; any other change of the list (its
 * `listKey`: search, sort, page — or the same search applied again) shows the server's order.
 */
export function StableRows({ rows, listKey }: { rows: { key: string; node: ReactNode }[]; listKey: string }) {
  const present = new Map(rows.map((row) => [row.key, row.node]))
  const serverKeys = rows.map((row) => row.key).join(',')
  let keys = rows.map((row) => row.key)
  if (typeof window !== 'undefined') {
    const unchanged = shown !== null && shown.listKey === listKey && shown.serverKeys === serverKeys
    if (shown && (unchanged || holdNext)) {
      const kept = shown.keys.filter((key) => present.has(key))
      keys = [...kept, ...keys.filter((key) => !kept.includes(key))]
    }
    if (!unchanged) holdNext = false
    shown = { listKey, serverKeys, keys }
  }
  return (
    <>
      {keys.map((key) => (
        <Fragment key={key}>{present.get(key)}</Fragment>
      ))}
    </>
  )
}
