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

/**
 * Which proxies in front of the server Express may believe about the client's address
 * (`X-Forwarded-For`): a hop count, or a list of proxy addresses/subnets. `true` would believe
 * whatever address a client writes first, so it is refused.
 */
export const trustProxy = (env: Env = process.env): false | number | string[] => {
  const value = env.TRUST_PROXY?.trim() ?? ''
  if (value === '' || value === 'false' || value === '0') {
    return false
  }
  if (/^\d{1,2}$/.test(value)) {
    return Number(value)
  }
  if (value === 'true') {
    throw new ConfigError(
      'TRUST_PROXY=true would trust any X-Forwarded-For address a client sends. Set the number of proxies in front of Signoff (e.g. TRUST_PROXY=1 behind one load balancer) or their addresses (e.g. TRUST_PROXY=10.0.0.0/8).',
    )
  }
  const entries = value.split(',').map((entry) => entry.trim())
  const named = ['loopback', 'linklocal', 'uniquelocal']
  const isAddress = (entry: string) =>
    named.includes(entry) || /^[0-9a-f:.]+(\/\d{1,3})?$/i.test(entry)
  const wrong = entries.filter((entry) => !isAddress(entry))
  if (wrong.length > 0 || entries.length === 0) {
    throw new ConfigError(
      `TRUST_PROXY must be a hop count (e.g. 1) or proxy addresses, comma-separated (e.g. 10.0.0.1,10.0.1.0/24, loopback); got "${value}".`,
    )
  }
  return entries
}

export type EmailSettings = {
  /** `smtp://user:pass@host:587` (or `smtps://`); without it messages are written to the log. */
  smtpUrl: string | null
  fromAddress: string
  fromName: string
}

/** `EMAIL_FROM` is `Name <address>` or a bare address. */
export const emailSettings = (env: Env = process.env): EmailSettings => {
  const smtpUrl = env.SMTP_URL?.trim() || null
  if (smtpUrl && !/^smtps?:\/\/[^/\s]+/i.test(smtpUrl)) {
    throw new ConfigError(
      `SMTP_URL must look like smtp://user:password@host:587 (or smtps://…); got "${smtpUrl.replace(/\/\/[^@/]*@/, '//…@')}".`,
    )
  }
  const from = env.EMAIL_FROM?.trim() || 'Signoff <signoff@localhost>'
  const match = /^(.*?)\s*<([^<>\s]+@[^<>\s]+)>$/.exec(from)
  const fromAddress = match ? (match[2] as string) : from
  if (!/^[^@\s]+@[^@\s]+$/.test(fromAddress)) {
    throw new ConfigError(
      `EMAIL_FROM must be an address or "Name <address>", e.g. "Signoff <no-reply@example.org>"; got "${from}".`,
    )
  }
  return { smtpUrl, fromAddress, fromName: match?.[1]?.replace(/^"|"$/g, '') || 'Signoff' }
}
