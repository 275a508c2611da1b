import type { Payload } from 'payload'
import type { ReactElement } from 'react'

import { Forbidden } from '@/components/Forbidden'
import type { StoreWords } from '@/domain/storeKinds'
import { payloadInstance } from '@/server/payload'
import { userForScreen, type SessionUser } from '@/server/session'
import { pickStore, storesFor, storeWords, type StoreSummary } from '@/server/stores'

export interface Screen {
  ok: true
  user: SessionUser
  payload: Payload
  stores: StoreSummary[]
  store: StoreSummary
  words: StoreWords
}

/**
 * The preamble of every store screen: the user may open `href` (else <Forbidden/>, or the
 * login page), the stores they work in and the one picked with ?store=. When the screen
 * cannot be shown, `page` is what to render instead.
 */
export async function openScreen(href: string, requestedStore?: string | string[]): Promise<Screen | { ok: false; page: ReactElement }> {
  const user = await userForScreen(href)
  if (!user) return { ok: false, page: <Forbidden /> }
  const payload = await payloadInstance()
  const stores = await storesFor(payload, user)
  const store = pickStore(stores, requestedStore)
  if (!store) return { ok: false, page: <section className="panel">You are not assigned to a store yet. Ask the owner to add you.</section> }
  return { ok: true, user, payload, stores, store, words: storeWords(store) }
}
