/**
 * Entry point of `npm run dev | start | seed | payload`: picks the database (embedded
 * Postgres under ./.data unless DATABASE_URI is set), applies migrations, seeds demo data
 * on the first embedded start, then runs Next.js (or the Payload CLI) with that database.
 * Every expected failure is one readable line, never a stack trace.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'

import { EMBEDDED_URI_VAR } from '@/db/connection'
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@/db/embedded'
import { portInUse } from '@/db/freePort'
import { ConfigError, dataDir, readEnv, resolvePayloadSecret } from '@/env'
import { demoLoginsText } from '@/seed/demo'

import { embeddedPassword } from './embeddedPassword'
import { prepareDatabase } from './prepareDatabase'

type Command = 'dev' | 'start' | 'seed' | 'payload'
const COMMANDS: Command[] = ['dev', 'start', 'seed', 'payload']

const say = (line: string) => console.log(`[tally] ${line}`)

function runChild(command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const bin = path.resolve('node_modules/.bin', command)
  return spawn(existsSync(bin) ? bin : command, args, { stdio: 'inherit', env })
}

const STANDALONE_SERVER = path.resolve('.next/standalone/server.js')

/** `npm start`: the standalone server `npm run build` wrote — what the container image runs. */
function startStandalone(port: number, env: NodeJS.ProcessEnv): ChildProcess {
  // every interface, like `next start` (a HOSTNAME the shell exported would narrow it)
  return spawn(process.execPath, [STANDALONE_SERVER], { stdio: 'inherit', env: { ...env, NODE_ENV: 'production', HOSTNAME: '0.0.0.0', PORT: String(port) } })
}

async function main() {
  const [commandArg, ...rest] = process.argv.slice(2)
  const command = commandArg as Command
  if (!COMMANDS.includes(command)) throw new ConfigError(`usage: tsx src/cli/run.ts <${COMMANDS.join('|')}> [args…]`)

  const env = readEnv()
  if (command === 'start' && !existsSync(STANDALONE_SERVER)) {
    throw new ConfigError('no production build: run `npm run build` first (it writes .next/standalone/server.js)')
  }
  const childEnv: NodeJS.ProcessEnv = { NEXT_TELEMETRY_DISABLED: '1', ...process.env, PAYLOAD_SECRET: resolvePayloadSecret(env) }
  process.env.PAYLOAD_SECRET = childEnv.PAYLOAD_SECRET

  const serves = command === 'dev' || command === 'start'
  if (serves && (await portInUse(env.PORT))) {
    throw new ConfigError(`port ${env.PORT} is already in use: stop whatever runs there, or start Tally with PORT=<another port>`)
  }

  let embedded: EmbeddedPostgres | undefined
  let uri = env.DATABASE_URI
  if (!uri) {
    say(`starting the embedded PostgreSQL in ${path.relative(process.cwd(), dataDir(env)) || '.'}/pg …`)
    embedded = await startEmbeddedPostgres({ dataDir: path.join(dataDir(env), 'pg'), password: embeddedPassword(env) })
    uri = embedded.uri
    childEnv[EMBEDDED_URI_VAR] = uri
    process.env[EMBEDDED_URI_VAR] = uri
  } else {
    say('using the external PostgreSQL from DATABASE_URI')
  }

  const stopDatabase = async () => {
    await embedded?.stop()
  }

  try {
    if (command !== 'payload') {
      process.env.DISABLE_PAYLOAD_HMR = 'true'
      const seed = command === 'seed' ? 'always' : embedded ? 'if-empty' : 'never'
      const { seeded } = await prepareDatabase({ uri, seed, log: say })
      if (command === 'seed') {
        say(seeded ? 'demo data written.' : 'nothing to seed.')
        console.log(demoLoginsText(`http://localhost:${env.PORT}`))
        await stopDatabase()
        process.exit(0)
      }
    }
  } catch (error) {
    await stopDatabase()
    throw error
  }

  const child =
    command === 'payload'
      ? runChild('payload', rest, childEnv)
      : command === 'start'
        ? startStandalone(env.PORT, childEnv)
        : runChild('next', [command, '--port', String(env.PORT), ...rest], childEnv)
  if (command === 'dev') {
    say('Next.js lists "⨯ turbopackServerFastRefresh" below: an experiment Payload turns off on purpose (⨯ = off); nothing to do')
  }
  if (serves && embedded) console.log(`\n${demoLoginsText(`http://localhost:${env.PORT}`)}\n`)

  let signalled = false
  const forward = (signal: NodeJS.Signals) => {
    if (signalled) return
    signalled = true
    child.kill(signal)
  }
  process.on('SIGINT', () => forward('SIGINT'))
  process.on('SIGTERM', () => forward('SIGTERM'))

  const code = await new Promise<number>((resolve) => child.on('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 0 : 1))))
  await stopDatabase()
  process.exit(code)
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(`[tally] ${error.message}`)
  } else {
    const message = error instanceof Error ? error.message : String(error)
    console.error(`[tally] could not start: ${message.split('\n')[0]}`)
    if (process.env.TALLY_DEBUG) console.error(error)
  }
  process.exit(1)
})
