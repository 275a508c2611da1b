/**
 * The SMS / WhatsApp provider adapter of SPEC §11: POST REMINDER_WEBHOOK_URL with JSON
 * `{reminder, channel, to, text, customer, invoice, amount}`. Put any gateway behind that URL
 * (a small relay to Twilio, Gupshup, MSG91, WhatsApp Cloud API…). A 2xx answer means sent;
 * anything else (or no answer in time) is a failure the jobs queue retries with backoff.
 *
 * Each call is signed like Stripe's webhooks: `X-Tally-Signature: t=<unix seconds>,v1=<hex
 * HMAC-SHA256 of "<t>.<body>" with REMINDER_WEBHOOK_SECRET>`, so the relay can refuse forged
 * or replayed calls; `Idempotency-Key: tally-reminder-<id>` (and `reminder` in the body) lets
 * it drop a repeat.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'

export interface WebhookMessage {
  reminder: number
  channel: 'sms' | 'whatsapp'
  to: string
  text: string
  customer: { id: number; name: string }
  invoice: { id: number; number: string | null } | null
  amount: { value: number; currency: string; formatted: string }
}

/** How long the provider has to answer (TALLY_REMINDER_WEBHOOK_TIMEOUT_MS, default 10 s). */
export function webhookTimeoutMs(): number {
  const configured = Number(process.env.TALLY_REMINDER_WEBHOOK_TIMEOUT_MS)
  return Number.isInteger(configured) && configured > 0 ? configured : 10_000
}

export function webhookUrl(): string | null {
  return process.env.REMINDER_WEBHOOK_URL?.trim() || null
}

export function signWebhook(body: string, secret: string, timestamp: number): string {
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`
}

/** For a receiver (and the tests): true when `header` signs `body` with `secret` within `toleranceSeconds`. */
export function verifyWebhookSignature(body: string, header: string | null, secret: string, now = Date.now(), toleranceSeconds = 300): boolean {
  const parts = Object.fromEntries((header ?? '').split(',').map((part) => part.split('=', 2) as [string, string]))
  const timestamp = Number(parts.t)
  if (!Number.isInteger(timestamp) || !parts.v1 || Math.abs(now / 1000 - timestamp) > toleranceSeconds) return false
  const expected = Buffer.from(signWebhook(body, secret, timestamp).split('v1=')[1]!, 'hex')
  const given = Buffer.from(parts.v1, 'hex')
  return given.length === expected.length && timingSafeEqual(given, expected)
}

/**
 * `maybeDelivered`: the request left and no answer came (a timeout, a dropped connection) —
 * the provider may have sent the message, so it is not tried again (at most once).
 */
export type SendResult = { ok: true; detail: string } | { ok: false; detail: string; maybeDelivered?: boolean }

/** Errors that prove the request never reached the provider: safe to try again. */
const NOT_REACHED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'])

function causeCode(error: unknown): string | undefined {
  let current: unknown = error
  for (let depth = 0; current && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string') return code
    current = (current as { cause?: unknown }).cause
  }
  return undefined
}

export async function postReminderWebhook(url: string, message: WebhookMessage): Promise<SendResult> {
  const body = JSON.stringify(message)
  const headers: Record<string, string> = { 'content-type': 'application/json', 'idempotency-key': `tally-reminder-${message.reminder}` }
  const secret = process.env.REMINDER_WEBHOOK_SECRET?.trim()
  if (secret) headers['x-tally-signature'] = signWebhook(body, secret, Math.floor(Date.now() / 1000))
  try {
    const response = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(webhookTimeoutMs()), redirect: 'error' })
    const answer = (await response.text().catch(() => '')).slice(0, 200)
    if (response.ok) return { ok: true, detail: `provider answered ${response.status}` }
    return { ok: false, detail: `provider answered ${response.status}${answer ? `: ${answer}` : ''}` }
  } catch (error) {
    const code = causeCode(error)
    if (code && NOT_REACHED.has(code)) return { ok: false, detail: `provider not reached (${code})` }
    return { ok: false, detail: `provider did not answer (${code ?? (error as Error).name}): it may have sent the message`, maybeDelivered: true }
  }
}
