import Link from 'next/link'

import { countOf } from '@/domain/plural'

/**
 * "N rows · page x of y" with Previous / Next links (server pagination). A list that counts
 * only up to a bound (the customers screen) passes `totalIsAtLeast` and `hasNextPage`:
 * "1,000+ rows · page x".
 */
export function Pager({
  totalDocs,
  totalIsAtLeast = false,
  hasNextPage,
  page,
  totalPages,
  noun,
  locale,
  href,
}: {
  totalDocs: number
  /** totalDocs is a lower bound: more rows match */
  totalIsAtLeast?: boolean
  /** whether a next page exists (default: page < totalPages) */
  hasNextPage?: boolean
  page: number
  totalPages: number
  /** singular and plural: ['transaction', 'transactions'] */
  noun: readonly [string, string]
  locale: string
  href: (page: number) => string
}) {
  const next = hasNextPage ?? page < totalPages
  return (
    <nav className="pager" aria-label="Pages">
      <span className="muted">
        {totalIsAtLeast
          ? `${totalDocs.toLocaleString(locale)}+ ${noun[1]} · page ${page}`
          : `${countOf(totalDocs, noun[0], noun[1], locale)} · page ${page} of ${Math.max(1, totalPages)}`}
      </span>
      {page > 1 && (
        <Link className="button" href={href(page - 1)}>
          Previous
        </Link>
      )}
      {next && (
        <Link className="button" href={href(page + 1)}>
          Next
        </Link>
      )}
    </nav>
  )
}
