/**
 * Email (SPEC §10) through Payload's email adapter: `@payloadcms/email-nodemailer` when
 * SMTP_URL is set (smtp://user:pass@host:587, smtps://… for TLS), otherwise "off" — an
 * adapter that sends nothing and says so in the log (instead of Payload's start warning
 * "No email adapter provided"), while the screens show the email buttons as off.
 */
import { nodemailerAdapter } from '@payloadcms/email-nodemailer'
import type { EmailAdapter } from 'payload'

type TransportOptions = NonNullable<Parameters<typeof nodemailerAdapter>[0]>['transportOptions']

export function emailEnabled(): boolean {
  return Boolean(process.env.SMTP_URL?.trim())
}

/** SMTP_FROM (`Name <address>` or an address), default `Tally <tally@localhost>`. */
export function emailFrom(source = process.env.SMTP_FROM): { name: string; address: string } {
  const value = source?.trim()
  const named = value?.match(/^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/)
  if (named) return { name: named[1]!.trim() || 'Tally', address: named[2]!.trim() }
  return { name: 'Tally', address: value || 'tally@localhost' }
}

const emailOff =
  (from: { name: string; address: string }): EmailAdapter =>
  ({ payload }) => ({
    name: 'off',
    defaultFromAddress: from.address,
    defaultFromName: from.name,
    sendEmail: async (message) => {
      payload.logger.info(`email is off (set SMTP_URL to send): not sent "${String(message.subject ?? '')}" to ${String(message.to ?? '')}`)
    },
  })

export function emailAdapter(): EmailAdapter | Promise<EmailAdapter> {
  const url = process.env.SMTP_URL?.trim()
  const from = emailFrom()
  if (!url) return emailOff(from)
  return nodemailerAdapter({
    defaultFromAddress: from.address,
    defaultFromName: from.name,
    // nodemailer's SMTP transport takes a connection URL as `url` (not in its option types).
    transportOptions: { url } as TransportOptions,
    // A mail server that is down at start must not stop the app; a send then fails with its reason.
    skipVerify: true,
  })
}
