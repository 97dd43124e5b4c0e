/**
 * The one reader of `process.env`: every setting Signoff takes from the environment is read here
 * (or parsed by a sibling in src/config/ from the value `currentEnv()` hands it), checked, and
 * documented in docs/configuration.md. A wrong value stops startup with a ConfigError saying what
 * to set.
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

import { chooseDatabase } from './database'
import type { DatabaseChoice } from './database'
import { ConfigError } from './errors'

export type Env = Record<string, string | undefined>

/** The environment as it is now (tests change it between files). */
export const currentEnv = (): Env => process.env

export const isProduction = (env: Env = currentEnv()): boolean => env.NODE_ENV === 'production'

/** `DATABASE_URI`: MongoDB for `mongodb://`/`mongodb+srv://`, SQLite otherwise (the default file). */
export const databaseChoice = (env: Env = currentEnv()): DatabaseChoice =>
  chooseDatabase({ uri: env.DATABASE_URI })

/** `DATABASE_PUSH=true`: build the schema by push, for throwaway databases (the tests). */
export const isSchemaPush = (env: Env = currentEnv()): boolean => env.DATABASE_PUSH === 'true'

/** `JOBS_AUTORUN=false` leaves the jobs queue to a worker (`npm run worker`). */
export const isJobsAutorun = (env: Env = currentEnv()): boolean => env.JOBS_AUTORUN !== 'false'

/**
 * `RENDER_THREAD=false` keeps the read-model queue (rendering articles again) on the server's own
 * event loop instead of a worker thread of its own.
 */
export const isRenderThread = (env: Env = currentEnv()): boolean => env.RENDER_THREAD !== 'false'

/**
 * `LOOKUP_THREAD`: when the delivery API's lookups of articles by slug (SQLite) run on a worker
 * thread of their own: `true` (the default) always, `auto` while the server reads from the disk,
 * `false` never (the server's own event loop).
 */
export const lookupThreadMode = (env: Env = currentEnv()): 'auto' | 'always' | 'off' => {
  const raw = env.LOOKUP_THREAD
  if (raw === 'auto') {
    return 'auto'
  }
  if (raw === undefined || raw === '' || raw === 'true' || raw === 'false') {
    return raw === 'false' ? 'off' : 'always'
  }
  throw new ConfigError(`LOOKUP_THREAD must be auto, true or false; got "${raw}".`)
}

/**
 * `KEEP_READ_MODEL_WARM`: whether a thread keeps the pages a lookup by slug reads (SQLite) in the
 * operating system's cache: `true` (the default) or `false`.
 */
export const isKeepReadModelWarm = (env: Env = currentEnv()): boolean => {
  const raw = env.KEEP_READ_MODEL_WARM
  if (raw === undefined || raw === '' || raw === 'true' || raw === 'false') {
    return raw !== 'false'
  }
  throw new ConfigError(`KEEP_READ_MODEL_WARM must be true or false; got "${raw}".`)
}

/**
 * `RENDER_THREAD_NICE`: how far below the server's the render thread's scheduling priority sits
 * (0–19, as `nice`; 0 keeps it equal). Readers are answered first when both want a core.
 */
export const renderThreadNice = (env: Env = currentEnv()): number => {
  const raw = env.RENDER_THREAD_NICE
  if (raw === undefined || raw === '') {
    return 5
  }
  const value = Number(raw)
  if (!Number.isInteger(value) || value < 0 || value > 19) {
    throw new ConfigError(`RENDER_THREAD_NICE must be a whole number from 0 to 19; got "${raw}".`)
  }
  return value
}

/** `LOG_LEVEL`: JSON log lines at that level; unset keeps Payload's pretty output. */
export const logLevel = (env: Env = currentEnv()): string | null => env.LOG_LEVEL || null

export const port = (env: Env = currentEnv()): number => {
  const value = Number(env.PORT || 3000)
  if (!Number.isInteger(value) || value < 1 || value > 65_535) {
    throw new ConfigError(`PORT must be a port number (1–65535); got "${env.PORT}".`)
  }
  return value
}

/** The demo accounts' password, outside production only. */
export const demoPassword = (env: Env = currentEnv()): string => env.DEMO_PASSWORD || 'signoff-demo'

/** `CORS_ORIGINS`: more origins than SERVER_URL allowed to call /api with credentials. */
export const extraCorsOrigins = (env: Env = currentEnv()): string[] =>
  (env.CORS_ORIGINS ?? '')
    .split(',')
    .map((value) => value.trim().replace(/\/+$/, ''))
    .filter(Boolean)

/** Where the bench's static file is served, when `BENCH_STATIC_DIR` is set. */
export const BENCH_STATIC_PATH = '/bench-static'

/** `BENCH_STATIC_DIR`: only `npm run bench` sets it, to compare with a static file. */
export const benchStaticDir = (env: Env = currentEnv()): string | null =>
  env.BENCH_STATIC_DIR || null

/** `PAYLOAD_TYPES_OUTPUT`: lets a test generate the types elsewhere and compare them. */
export const typesOutputFile = (env: Env = currentEnv()): string | null =>
  env.PAYLOAD_TYPES_OUTPUT || null

/** `WEBHOOK_RETRY_DELAY_MS`: the first retry delay of a failed webhook delivery (then doubling). */
export const webhookRetryDelayMs = (env: Env = currentEnv()): number => {
  const value = Number(env.WEBHOOK_RETRY_DELAY_MS || 5000)
  if (!Number.isFinite(value) || value < 0) {
    throw new ConfigError(
      `WEBHOOK_RETRY_DELAY_MS must be milliseconds (0 or more); got "${env.WEBHOOK_RETRY_DELAY_MS}".`,
    )
  }
  return value
}

/** `NOTIFICATION_RETRY_DELAY_MS`: the first retry delay of an e-mail that failed (then doubling). */
export const notificationRetryDelayMs = (env: Env = currentEnv()): number => {
  const value = Number(env.NOTIFICATION_RETRY_DELAY_MS || 60_000)
  if (!Number.isFinite(value) || value < 0) {
    throw new ConfigError(
      `NOTIFICATION_RETRY_DELAY_MS must be milliseconds (0 or more); got "${env.NOTIFICATION_RETRY_DELAY_MS}".`,
    )
  }
  return value
}

/** Next's bundle evaluates the config again in this process: it must find the same secret. */
export const shareSecret = (secret: string): void => {
  process.env.PAYLOAD_SECRET = secret
}

export const dataDir = (env: Env = currentEnv()): string => path.resolve(env.DATA_DIR || 'data')

/**
 * The secret that signs sessions and preview links. Production must set it; elsewhere one is
 * generated on first use and kept under data/ so logins survive a restart.
 */
export const resolveSecret = ({ env = currentEnv() }: { env?: Env } = {}): string => {
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

/**
 * A whole-number setting (months, days, years), at least `min`; a wrong value stops startup with
 * a ConfigError that names it.
 */
const wholeNumberSetting = ({
  env,
  name,
  fallback,
  min,
  unit,
}: {
  env: Env
  name: string
  fallback: number
  min: number
  unit: string
}): number => {
  const value = Number(env[name] ?? fallback)
  if (!Number.isInteger(value) || value < min) {
    throw new ConfigError(
      `${name} must be a whole number of ${unit} (${min} or more); got "${env[name]}".`,
    )
  }
  return value
}

export const reviewIntervalMonths = (env: Env = currentEnv()): number =>
  wholeNumberSetting({ env, name: 'REVIEW_INTERVAL_MONTHS', fallback: 24, min: 1, unit: 'months' })

export type OverduePolicy = 'flag' | 'notice' | 'archive'

/** What happens to a live article whose medical review is overdue (OVERDUE_POLICY). */
export const overduePolicy = (env: Env = currentEnv()): OverduePolicy => {
  const value = (env.OVERDUE_POLICY?.trim() || 'flag') as OverduePolicy
  if (!['flag', 'notice', 'archive'].includes(value)) {
    throw new ConfigError(
      `OVERDUE_POLICY must be flag, notice or archive; got "${env.OVERDUE_POLICY}".`,
    )
  }
  return value
}

/** Days past its review date before OVERDUE_POLICY=archive takes an article offline. */
export const overdueGraceDays = (env: Env = currentEnv()): number =>
  wholeNumberSetting({ env, name: 'OVERDUE_GRACE_DAYS', fallback: 30, min: 0, unit: 'days' })

/** Days an article may sit in one stage before the editors' queue calls it stuck. */
export const staleAfterDays = (env: Env = currentEnv()): number =>
  wholeNumberSetting({ env, name: 'STALE_AFTER_DAYS', fallback: 7, min: 1, unit: 'days' })

/** `SERVER_URL` without a trailing slash; the origin Payload's CSRF and CORS lists allow. */
export const serverUrl = (env: Env = currentEnv()): string =>
  (env.SERVER_URL || `http://localhost:${env.PORT || 3000}`).replace(/\/+$/, '')

/**
 * Which proxies in front of the server Express may believe about the client's address
 * (`X-Forwarded-For`): a hop count, or a list of proxy addresses/subnets. `true` would believe
 * whatever address a client writes first, so it is refused.
 */
export const trustProxy = (env: Env = currentEnv()): false | number | string[] => {
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

/** `SOURCE_MAX_AGE_YEARS`: a cited source older than this is a checklist warning (not a refusal). */
export const sourceMaxAgeYears = (env: Env = currentEnv()): number =>
  wholeNumberSetting({ env, name: 'SOURCE_MAX_AGE_YEARS', fallback: 10, min: 1, unit: 'years' })

/** `READABILITY_TARGET_GRADE`: a body read above this school grade is a checklist warning. */
export const readabilityTargetGrade = (env: Env = currentEnv()): number => {
  const value = Number(env.READABILITY_TARGET_GRADE ?? 8)
  if (!Number.isFinite(value) || value <= 0) {
    throw new ConfigError(
      `READABILITY_TARGET_GRADE must be a school grade above 0 (e.g. 8); got "${env.READABILITY_TARGET_GRADE}".`,
    )
  }
  return value
}
