'use client'

import { useRouter } from 'next/navigation'
import { useState } from 'react'

import { api } from '@/components/apiClient'

interface Fields {
  address: string
  phone: string
  upiId: string
}

/** Address, phone, UPI id and logo: the store as customers see it (SPEC §10). */
export function DocumentSettings({ store, logo }: { store: { id: number; name: string } & Fields; logo: { id: number; url: string; filename: string } | null }) {
  const router = useRouter()
  const [fields, setFields] = useState<Fields>({ address: store.address, phone: store.phone, upiId: store.upiId })
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [file, setFile] = useState<File | null>(null)
  // A new key empties the file input once its file is saved.
  const [fileInput, setFileInput] = useState(0)

  async function save(event: React.FormEvent) {
    event.preventDefault()
    setBusy(true)
    setMessage(null)
    const found: Record<string, string> = {}
    let logoId: number | undefined
    if (file) {
      // Payload's upload: the file and the other fields (_payload) in one multipart request.
      const form = new FormData()
      form.append('file', file)
      form.append('_payload', JSON.stringify({ store: store.id }))
      const response = await fetch('/api/store-logos', { method: 'POST', body: form, credentials: 'include' })
      const body = await response.json().catch(() => null)
      if (!response.ok) found.logo = body?.errors?.[0]?.message ?? `Upload failed (${response.status})`
      else logoId = body.doc.id
    }
    const result = found.logo
      ? null
      : await api(`/api/stores/${store.id}`, {
          method: 'PATCH',
          body: { address: fields.address.trim() || null, phone: fields.phone.trim() || null, upiId: fields.upiId.trim() || null, ...(logoId ? { logo: logoId } : {}) },
        })
    setBusy(false)
    if (result && !result.ok) {
      for (const [path, text] of Object.entries(result.fieldErrors)) found[path] = text
      if (Object.keys(found).length === 0) found.form = result.message ?? 'Not saved'
    }
    setErrors(found)
    if (Object.keys(found).length === 0) {
      setMessage('Saved')
      setFile(null)
      setFileInput((key) => key + 1)
      router.refresh()
    }
  }

  async function removeLogo() {
    const result = await api(`/api/stores/${store.id}`, { method: 'PATCH', body: { logo: null } })
    if (!result.ok) return setErrors({ logo: result.message ?? 'Not removed' })
    router.refresh()
  }

  const error = (path: string) =>
    errors[path] && (
      <span className="field__error" role="alert">
        {errors[path]}
      </span>
    )
  const input = (name: keyof Fields) => ({ value: fields[name], onChange: (event: { target: { value: string } }) => setFields({ ...fields, [name]: event.target.value }) })

  return (
    <form className="panel settings-form" onSubmit={(event) => void save(event)} data-testid="document-settings">
      <h2>On receipts, PDFs and share pages</h2>
      <p className="muted hint">Printed under {store.name} on every receipt and PDF, and shown on the pages customers open from a shared link.</p>
      <label className="field">
        <span>Address</span>
        <textarea rows={2} maxLength={300} {...input('address')} />
        {error('address')}
      </label>
      <label className="field">
        <span>Phone</span>
        <input inputMode="tel" placeholder="+91 80 4123 4567" {...input('phone')} />
        {error('phone')}
      </label>
      <label className="field">
        <span>UPI id</span>
        <input placeholder="yourshop@okaxis" {...input('upiId')} />
        <span className="muted hint">With a UPI id, share pages show a QR code that pays the amount due.</span>
        {error('upiId')}
      </label>
      <div className="field">
        <span>Logo (PNG or JPEG, up to 1 MB)</span>
        {logo && (
          <div className="row">
            <img className="settings-logo" src={logo.url} alt={`${store.name} logo`} />
            <button type="button" className="button button--ghost" onClick={() => void removeLogo()}>
              Remove logo
            </button>
          </div>
        )}
        <input key={fileInput} type="file" aria-label="Logo" accept="image/png,image/jpeg" onChange={(event) => setFile(event.target.files?.[0] ?? null)} />
        {error('logo')}
      </div>
      {error('form')}
      <div className="row">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save'}
        </button>
        {message && (
          <span className="muted" role="status">
            {message}
          </span>
        )}
      </div>
    </form>
  )
}
