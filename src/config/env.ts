import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

/** A setting a person must fix; the message says what to do next. */
export class ConfigError extends Error {
  override name = 'ConfigError'
}

export const DEFAULT_SQLITE_URL = 'file:./data/signoff.db'

export type DatabaseChoice =
  { adapter: 'mongodb'; uri: string; host: string } | { adapter: 'sqlite'; url: string }

type Env = Record<string, string | undefined>

export const isProduction = (env: Env = process.env): boolean => env.NODE_ENV === 'production'

/** The host part of a MongoDB URI, credentials removed, for messages. */
export const mongoHost = (uri: string): string => {
  const afterScheme = uri.replace(/^mongodb(\+srv)?:\/\//, '')
  const authority = afterScheme.split(/[/?]/)[0] ?? ''
  return authority.slice(authority.lastIndexOf('@') + 1) || '(no host)'
}

/** `mongodb://` and `mongodb+srv://` select MongoDB; anything else, or nothing, is SQLite. */
export const chooseDatabase = ({ uri }: { uri?: string | undefined }): DatabaseChoice => {
  const value = uri?.trim()
  if (value && /^mongodb(\+srv)?:\/\//i.test(value)) {
    return { adapter: 'mongodb', uri: value, host: mongoHost(value) }
  }
  if (!value) {
    return { adapter: 'sqlite', url: DEFAULT_SQLITE_URL }
  }
  const hasScheme = /^(file|libsql|https?|wss?):/i.test(value) || value === ':memory:'
  return { adapter: 'sqlite', url: hasScheme ? value : `file:${value}` }
}

/** The file a `file:` URL names, or null for anything else (a remote libsql server, memory). */
export const sqliteFile = (url: string): string | null => {
  if (!url.startsWith('file:')) {
    return null
  }
  const file = url.slice('file:'.length).split('?')[0] ?? ''
  return file && file !== ':memory:' ? path.resolve(file) : null
}

/** libsql does not create folders: make the one a `file:` URL points into. */
export const ensureSqliteFolder = (url: string): void => {
  const file = sqliteFile(url)
  if (file) {
    fs.mkdirSync(path.dirname(file), { recursive: true })
  }
}

export const dataDir = (env: Env = process.env): string => path.resolve(env.DATA_DIR || 'data')

/**
 * The secret that signs sessions and preview links. Production must set it; elsewhere one is
 * generated on first use and kept under data/ so logins survive a restart.
 */
export const resolveSecret = ({ env = process.env }: { env?: Env } = {}): string => {
  const given = env.PAYLOAD_SECRET?.trim()
  if (given) {
    if (isProduction(env) && given.length < 32) {
      throw new ConfigError(
        'PAYLOAD_SECRET is shorter than 32 characters. Use a long random value, e.g. `openssl rand -hex 32`.',
      )
    }
    return given
  }
  if (env.NEXT_PHASE === 'phase-production-build') {
    // `next build` evaluates the config to collect pages but signs nothing.
    return 'next-build-does-not-sign-anything'
  }
  if (isProduction(env)) {
    throw new ConfigError(
      'PAYLOAD_SECRET is not set. It is required when NODE_ENV=production: set it to a long random value, e.g. `openssl rand -hex 32`.',
    )
  }
  const file = path.join(dataDir(env), '.payload-secret')
  if (fs.existsSync(file)) {
    return fs.readFileSync(file, 'utf8').trim()
  }
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const secret = randomBytes(32).toString('hex')
  fs.writeFileSync(file, secret, { mode: 0o600 })
  return secret
}

export const reviewIntervalMonths = (env: Env = process.env): number => {
  const value = Number(env.REVIEW_INTERVAL_MONTHS ?? 24)
  if (!Number.isInteger(value) || value < 1) {
    throw new ConfigError(
      `REVIEW_INTERVAL_MONTHS must be a whole number of months (1 or more); got "${env.REVIEW_INTERVAL_MONTHS}".`,
    )
  }
  return value
}

/** `SERVER_URL` without a trailing slash; the origin Payload's CSRF and CORS lists allow. */
export const serverUrl = (env: Env = process.env): string =>
  (env.SERVER_URL || `http://localhost:${env.PORT || 3000}`).replace(/\/+$/, '')
