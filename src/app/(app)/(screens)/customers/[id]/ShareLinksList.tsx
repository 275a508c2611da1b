'use client'

import { useRouter } from 'next/navigation'
import { useState } from 'react'

import { api } from '@/components/apiClient'

interface LinkRow {
  id: number
  /** "Statement" or the bill's number */
  label: string
  created: string
  expires: string
  state: 'live' | 'expired' | 'revoked'
}

/** Links already shared with this customer; a live one can be revoked (its page is 404 from then on). */
export function ShareLinksList({ links }: { links: LinkRow[] }) {
  const router = useRouter()
  const [error, setError] = useState<string | null>(null)
  if (links.length === 0) return null

  async function revoke(id: number) {
    const result = await api(`/api/share-links/${id}`, { method: 'DELETE' })
    if (!result.ok) return setError(result.message)
    setError(null)
    router.refresh()
  }

  return (
    <div>
      <h3 className="hint">Shared links</h3>
      <div className="table-wrap">
        <table className="table" data-testid="share-links">
          <thead>
            <tr>
              <th>Document</th>
              <th>Shared</th>
              <th>Works until</th>
              <th>State</th>
              <th aria-label="Revoke" />
            </tr>
          </thead>
          <tbody>
            {links.map((link) => (
              <tr key={link.id} data-testid={`share-link-${link.id}`}>
                <td>{link.label}</td>
                <td>{link.created}</td>
                <td>{link.expires}</td>
                <td>{link.state}</td>
                <td>
                  {link.state === 'live' && (
                    <button type="button" className="button button--danger" onClick={() => void revoke(link.id)}>
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {error && (
        <p className="form__error" role="alert">
          {error}
        </p>
      )}
    </div>
  )
}
