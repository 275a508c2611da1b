'use client'

import { useRef, useState } from 'react'

import { api } from '@/components/apiClient'
import { whatsAppUrl } from '@/domain/upi'

interface Link {
  id: number
  url: string
  expiresAt: string
}

/**
 * "Share on WhatsApp" and "Copy link" for one statement or invoice (SPEC §10). The link is
 * made on first use (POST /api/share-links) and reused for both buttons.
 */
export function ShareButtons({
  document,
  id,
  phone,
  message,
}: {
  document: 'invoice' | 'statement'
  id: number
  phone: string | null
  /** The WhatsApp text before the link, e.g. "Hi Priya, your bill SAL-26-0001 from Glow Salon: ₹600.00 due." */
  message: string
}) {
  const [link, setLink] = useState<Link | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [copied, setCopied] = useState(false)
  const creating = useRef<Promise<Link | null> | null>(null)

  function ensureLink(): Promise<Link | null> {
    if (link) return Promise.resolve(link)
    creating.current ??= api<Link>('/api/share-links', { body: { document, id } }).then((result) => {
      creating.current = null
      if (!result.ok) {
        setError(result.message)
        return null
      }
      setError(null)
      setLink(result.body)
      return result.body
    })
    return creating.current
  }

  const textFor = (url: string) => `${message} View${document === 'invoice' ? '' : ' your statement'} and pay: ${url}`

  async function shareOnWhatsApp() {
    // Opened now, while the click still counts as the user's: a window opened after the
    // request returns would be blocked as a pop-up.
    const opened = window.open('about:blank', '_blank')
    const made = await ensureLink()
    if (!made) return opened?.close()
    const target = whatsAppUrl(phone, textFor(made.url))
    if (opened) opened.location.href = target
    else window.location.href = target
  }

  async function copyLink() {
    const made = await ensureLink()
    if (!made) return
    try {
      await navigator.clipboard.writeText(made.url)
      setCopied(true)
    } catch {
      setCopied(false) // no clipboard (insecure origin): the link is shown to copy by hand
    }
  }

  return (
    <div className="share" data-testid={`share-${document}`}>
      <button type="button" className="button button--whatsapp" onClick={() => void shareOnWhatsApp()}>
        Share on WhatsApp
      </button>
      <button type="button" className="button" onClick={() => void copyLink()}>
        {copied ? 'Link copied' : 'Copy link'}
      </button>
      {link && (
        <span className="share__link">
          <input aria-label="Share link" readOnly value={link.url} onFocus={(event) => event.currentTarget.select()} data-testid="share-url" />
          <a href={whatsAppUrl(phone, textFor(link.url))} target="_blank" rel="noreferrer" className="muted hint" data-testid="whatsapp-link">
            wa.me
          </a>
        </span>
      )}
      {error && (
        <span className="form__error" role="alert">
          {error}
        </span>
      )}
    </div>
  )
}
