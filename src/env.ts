import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { z } from 'zod'

/** Raised for configuration a person must fix; the CLI prints only its message. */
export class ConfigError extends Error {
  override name = 'ConfigError'
}

const PLACEHOLDER_SECRETS = new Set(['YOUR_SECRET_HERE', 'secret', 'changeme', 'change-me'])

const postgresUri = z
  .string()
  .trim()
  .refine((value) => /^postgres(ql)?:\/\/.+/.test(value), {
    message: 'must be a postgres:// or postgresql:// URL',
  })

const schema = z.object({
  DATABASE_URI: postgresUri.optional(),
  DATABASE_READ_REPLICAS: z
    .string()
    .trim()
    .optional()
    .transform((value) =>
      value
        ? value
            .split(',')
            .map((uri) => uri.trim())
            .filter(Boolean)
        : [],
    )
    .pipe(z.array(postgresUri)),
  PAYLOAD_SECRET: z
    .string()
    .optional()
    .refine((value) => value === undefined || value.length >= 32, {
      message: 'must be at least 32 characters (or leave it unset to generate one in ./.data)',
    })
    .refine((value) => value === undefined || !PLACEHOLDER_SECRETS.has(value), {
      message: 'is a placeholder value; set a real random secret',
    }),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  TALLY_DATA_DIR: z.string().trim().min(1).default('.data'),
})

export type Env = z.infer<typeof schema>

const emptyToUndefined = (value: string | undefined) => (value === '' ? undefined : value)

/** Validated environment; throws one ConfigError naming every bad variable. */
export function readEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = schema.safeParse({
    DATABASE_URI: emptyToUndefined(source.DATABASE_URI),
    DATABASE_READ_REPLICAS: emptyToUndefined(source.DATABASE_READ_REPLICAS),
    PAYLOAD_SECRET: emptyToUndefined(source.PAYLOAD_SECRET),
    PORT: emptyToUndefined(source.PORT),
    TALLY_DATA_DIR: emptyToUndefined(source.TALLY_DATA_DIR),
  })
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`)
    throw new ConfigError(`Invalid environment: ${lines.join('; ')}`)
  }
  return result.data
}

export function dataDir(env: Env): string {
  return path.resolve(env.TALLY_DATA_DIR)
}

/**
 * PAYLOAD_SECRET from the environment, or one generated on first use and kept in the data
 * directory so sessions survive restarts.
 */
export function resolvePayloadSecret(env: Env): string {
  if (env.PAYLOAD_SECRET) return env.PAYLOAD_SECRET
  const dir = dataDir(env)
  const file = path.join(dir, 'payload-secret')
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  mkdirSync(dir, { recursive: true })
  const secret = randomBytes(32).toString('hex')
  writeFileSync(file, `${secret}\n`, { mode: 0o600 })
  return secret
}

/**
 * The session cookie is `Secure` (sent over HTTPS only) in production. TALLY_INSECURE_COOKIES=true
 * is the way out for a production build served over plain HTTP on a private network — never on
 * the internet. (Browsers accept Secure cookies from http://localhost.)
 */
export function secureCookies(source: Record<string, string | undefined> = process.env): boolean {
  return source.NODE_ENV === 'production' && source.TALLY_INSECURE_COOKIES !== 'true'
}
