/**
 * Email (SPEC §10) through Payload's email adapter interface. With SMTP_URL set
 * (smtp://user:pass@host:587, smtps://… for TLS) a nodemailer SMTP transport sends it;
 * without, email is "off" — an adapter that sends nothing and says so in the log (instead
 * of Payload's start warning "No email adapter provided"), and the screens show the email
 * buttons as off.
 *
 * This is what `@payloadcms/email-nodemailer` does, in our code: that package is released
 * in lockstep with payload, has no 3.90.2, and Payload refuses to start with its 3.90.1
 * beside payload 3.90.2 ("Mismatching payload dependency versions"). Once a matching
 * version exists, `nodemailerAdapter({ transport: smtpTransport(url), … })` replaces
 * `smtpAdapter` one for one.
 */
import nodemailer from 'nodemailer'
import type { EmailAdapter } from 'payload'

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

const smtpAdapter =
  (url: string, from: { name: string; address: string }): EmailAdapter =>
  () => {
    const transport = nodemailer.createTransport(url)
    return {
      name: 'nodemailer',
      defaultFromAddress: from.address,
      defaultFromName: from.name,
      sendEmail: (message) => transport.sendMail({ ...message, from: message.from ?? { name: from.name, address: from.address } }),
    }
  }

export function emailAdapter(): EmailAdapter {
  const url = process.env.SMTP_URL?.trim()
  const from = emailFrom()
  return url ? smtpAdapter(url, from) : emailOff(from)
}
