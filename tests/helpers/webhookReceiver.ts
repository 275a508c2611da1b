/**
 * A local HTTP receiver standing in for an SMS / WhatsApp gateway behind REMINDER_WEBHOOK_URL
 * (SPEC §11): it records every call and answers with the statuses it is told, in order
 * (then 200), optionally holding an answer back to stand for a slow provider.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export interface ReceivedCall {
  headers: http.IncomingHttpHeaders
  raw: string
  body: {
    reminder: number
    channel: string
    to: string
    text: string
    customer: { id: number; name: string }
    invoice: { id: number; number: string | null } | null
    amount: { value: number; currency: string; formatted: string }
  }
}

export interface WebhookReceiver {
  url: string
  calls: ReceivedCall[]
  /** The statuses the next calls get, in order; afterwards 200. */
  answers: number[]
  /** Milliseconds each answer is held back. */
  delayMs: number
  /** Resolves once `count` calls have arrived. */
  received: (count: number) => Promise<void>
  close: () => Promise<void>
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const waiting: { count: number; resolve: () => void }[] = []
  const receiver: WebhookReceiver = {
    url: '',
    calls: [],
    answers: [],
    delayMs: 0,
    received: (count) => (receiver.calls.length >= count ? Promise.resolve() : new Promise((resolve) => waiting.push({ count, resolve }))),
    close: async () => {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8')
      receiver.calls.push({ headers: request.headers, raw, body: JSON.parse(raw) })
      for (const wait of waiting.filter((entry) => receiver.calls.length >= entry.count)) {
        waiting.splice(waiting.indexOf(wait), 1)
        wait.resolve()
      }
      const status = receiver.answers.shift() ?? 200
      setTimeout(() => {
        response.statusCode = status
        response.setHeader('content-type', 'application/json')
        response.end(JSON.stringify(status < 300 ? { accepted: true } : { error: 'gateway busy' }))
      }, receiver.delayMs)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/send`
  return receiver
}
