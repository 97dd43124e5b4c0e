import { currentEnv } from './env'
import type { Env } from './env'
import { ConfigError } from './errors'

/** Limits the HTTP server applies to requests as they arrive. */
export type Limits = {
  deliveryPerMinute: number
  maxBodyBytes: number
  /** Image uploads to the media collection; defaults to `maxBodyBytes`. */
  maxUploadBytes?: number
}

const count = (env: Env, name: string, fallback: number) => {
  const value = Number(env[name] ?? fallback)
  if (!Number.isInteger(value) || value < 0) {
    throw new ConfigError(
      `${name} must be a whole number (0 turns the limit off); got "${env[name]}".`,
    )
  }
  return value
}

export const limitsFromEnv = (env: Env = currentEnv()): Limits => ({
  deliveryPerMinute: count(env, 'RATE_LIMIT_DELIVERY_PER_MINUTE', 6000),
  maxBodyBytes: count(env, 'MAX_BODY_BYTES', 1024 * 1024),
  maxUploadBytes: count(env, 'MAX_UPLOAD_BYTES', 10 * 1024 * 1024),
})

/** Limits Payload's login and password-reset operations apply, whichever door they come through. */
type AuthLimits = {
  /** Login attempts per client address per minute. */
  loginPerMinute: number
  /** Password-reset requests per client address per hour. */
  forgotPasswordPerHour: number
}

export const authLimitsFromEnv = (env: Env = currentEnv()): AuthLimits => ({
  loginPerMinute: count(env, 'RATE_LIMIT_LOGIN_PER_MINUTE', 10),
  forgotPasswordPerHour: count(env, 'RATE_LIMIT_FORGOT_PASSWORD_PER_HOUR', 10),
})
