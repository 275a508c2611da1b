'use client'

import Link from 'next/link'
import { usePathname } from 'next/navigation'

import type { NavItem } from '@/access/screens'

/** The main menu; the screen you are on is marked (aria-current) for eyes and screen readers. */
export function MainNav({ items }: { items: Pick<NavItem, 'href' | 'label'>[] }) {
  const pathname = usePathname()
  return (
    <nav aria-label="Main" className="shell__nav">
      {items.map((item) => {
        const current = pathname === item.href || pathname.startsWith(`${item.href}/`)
        return (
          <Link key={item.href} href={item.href} className="shell__link" prefetch={false} aria-current={current ? 'page' : undefined}>
            {item.label}
          </Link>
        )
      })}
    </nav>
  )
}
