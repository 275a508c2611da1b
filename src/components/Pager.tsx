import Link from 'next/link'

import { countOf } from '@/domain/plural'

/** "N rows · page x of y" with Previous / Next links (server pagination). */
export function Pager({
  totalDocs,
  page,
  totalPages,
  noun,
  locale,
  href,
}: {
  totalDocs: number
  page: number
  totalPages: number
  /** singular and plural: ['transaction', 'transactions'] */
  noun: readonly [string, string]
  locale: string
  href: (page: number) => string
}) {
  return (
    <nav className="pager" aria-label="Pages">
      <span className="muted">
        {countOf(totalDocs, noun[0], noun[1], locale)} · page {page} of {Math.max(1, totalPages)}
      </span>
      {page > 1 && (
        <Link className="button" href={href(page - 1)}>
          Previous
        </Link>
      )}
      {page < totalPages && (
        <Link className="button" href={href(page + 1)}>
          Next
        </Link>
      )}
    </nav>
  )
}
