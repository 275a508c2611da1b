/**
 * A real SMTP server (the `smtp-server` package) on the port SMTP_URL names in the tests
 * (tests/helpers/setupEnv.ts): every message the app sends is parsed and kept for assertions.
 */
import { simpleParser, type ParsedMail } from 'mailparser'
import { SMTPServer } from 'smtp-server'

export interface TestSmtp {
  messages: ParsedMail[]
  /** Resolves with the next message received (or one already waiting). */
  next: () => Promise<ParsedMail>
  close: () => Promise<void>
}

export async function startSmtp(): Promise<TestSmtp> {
  const port = Number(new URL(process.env.SMTP_URL!).port)
  const messages: ParsedMail[] = []
  const waiting: ((mail: ParsedMail) => void)[] = []
  let taken = 0
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          messages.push(mail)
          waiting.shift()?.(mail)
          callback()
        })
        .catch(callback)
    },
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve())
  })
  return {
    messages,
    next: () => {
      const ready = messages[taken]
      if (ready && waiting.length === 0) {
        taken += 1
        return Promise.resolve(ready)
      }
      return new Promise((resolve) => waiting.push((mail) => ((taken += 1), resolve(mail))))
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
