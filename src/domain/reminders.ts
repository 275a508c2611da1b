/**
 * SPEC §11 reminders and promises, as pure rules: the channels, the template's placeholders,
 * quiet hours on the store's clock, which of an invoice's due steps goes out, and whether a
 * promise to pay was kept.
 */
import { daysBetween } from './dates'
import type { Minor } from './money'

export const REMINDER_CHANNELS = ['email', 'sms', 'whatsapp', 'manual'] as const
export type ReminderChannel = (typeof REMINDER_CHANNELS)[number]
export const REMINDER_STATUSES = ['scheduled', 'sent', 'failed', 'cancelled', 'skipped'] as const
export type ReminderStatus = (typeof REMINDER_STATUSES)[number]

/** How many times one reminder is tried (the first send and the queue's retries). */
export const REMINDER_MAX_ATTEMPTS = 4

export const TEMPLATE_PLACEHOLDERS = ['name', 'amount', 'dueDate', 'link'] as const
export const DEFAULT_TEMPLATE = 'Hello {name}, {amount} is due since {dueDate}. You can see your statement and pay here: {link}'

/** The placeholders a template uses that Tally does not know (`{amont}`) — a rule with one is refused. */
export function unknownPlaceholders(template: string): string[] {
  const found = [...template.matchAll(/\{([^{}]*)\}/g)].map((match) => match[1]!)
  return found.filter((name) => !(TEMPLATE_PLACEHOLDERS as readonly string[]).includes(name))
}

export function renderTemplate(template: string, values: Record<(typeof TEMPLATE_PLACEHOLDERS)[number], string>): string {
  return template.replace(/\{(name|amount|dueDate|link)\}/g, (_, key: keyof typeof values) => values[key])
}

const HH_MM = /^([01][0-9]|2[0-3]):([0-5][0-9])$/

export function isClockTime(value: unknown): value is string {
  return typeof value === 'string' && HH_MM.test(value)
}

const minutesOf = (clock: string) => {
  const [, hours, minutes] = HH_MM.exec(clock)!
  return Number(hours) * 60 + Number(minutes)
}

/** "hh:mm" on the store's clock at an instant. */
export function clockIn(timeZone: string, now: Date | number = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(now)
  const part = (type: string) => parts.find((p) => p.type === type)!.value
  return `${part('hour')}:${part('minute')}`
}

/**
 * Quiet hours from `start` to `end` on the store's clock (start included, end not); a window
 * may cross midnight (21:00–09:00). No window (null) or an empty one (start = end): never quiet.
 */
export function inQuietHours(clock: string, start: string | null, end: string | null): boolean {
  if (!start || !end || start === end) return false
  const now = minutesOf(clock)
  const from = minutesOf(start)
  const to = minutesOf(end)
  return from < to ? now >= from && now < to : now >= from || now < to
}

export interface DueStep {
  id: number
  invoice: number | null
  offsetDays: number
}

/**
 * Of the steps of one invoice that are due today, only the latest goes out: an invoice found
 * 30 days late (a ladder added later, a server that was down) gets the 30-day reminder, not
 * five at once. The others are skipped as superseded.
 */
export function latestDueSteps<T extends DueStep>(due: readonly T[]): { send: T[]; superseded: T[] } {
  const latest = new Map<string, T>()
  for (const step of due) {
    const key = step.invoice === null ? `adhoc:${step.id}` : String(step.invoice)
    const held = latest.get(key)
    if (!held || step.offsetDays > held.offsetDays || (step.offsetDays === held.offsetDays && step.id > held.id)) latest.set(key, step)
  }
  const send = [...latest.values()]
  const sending = new Set(send)
  return { send, superseded: due.filter((step) => !sending.has(step)) }
}

export type PromiseStatus = 'open' | 'kept' | 'broken'

/**
 * SPEC §11: a promise is kept when the payments made from its creation reach its amount by
 * its date; broken the day after its date when they did not; open until then.
 */
export function promiseStatus(promise: { amount: Minor; date: string }, paidByDate: Minor, today: string): PromiseStatus {
  if (paidByDate >= promise.amount) return 'kept'
  return daysBetween(promise.date, today) >= 1 ? 'broken' : 'open'
}
