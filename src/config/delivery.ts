import { currentEnv } from './env'
import type { Env } from './env'
import { ConfigError } from './errors'

export type DeliveryOptions = {
  cacheControl: string
  cacheTtlMs: number
  /** Bound of the in-process response cache; 32 MB when left out. */
  cacheMaxBytes?: number
  corsOrigins: '*' | string[]
  previewTtlSeconds: number
}

/** `given` as a number of 0 or more (the fallback when unset); `name` is for the message. */
const nonNegative = ({
  given,
  name,
  fallback,
  unit,
}: {
  given: string | undefined
  name: string
  fallback: number
  unit: 'seconds' | 'megabytes'
}): number => {
  const value = Number(given ?? fallback)
  if (!Number.isFinite(value) || value < 0) {
    throw new ConfigError(`${name} must be a number of ${unit} (0 or more); got "${given}".`)
  }
  return value
}

// Misses cost one indexed read, so a small cache loses little speed and keeps the server small.
export const DEFAULT_CACHE_MAX_MB = 32

export const deliveryOptionsFromEnv = (env: Env = currentEnv()): DeliveryOptions => {
  const origins = (env.DELIVERY_CORS_ORIGINS ?? '*')
    .split(',')
    .map((origin) => origin.trim().replace(/\/+$/, ''))
    .filter(Boolean)
  const cacheMb = nonNegative({
    given: env.DELIVERY_CACHE_MAX_MB,
    name: 'DELIVERY_CACHE_MAX_MB',
    fallback: DEFAULT_CACHE_MAX_MB,
    unit: 'megabytes',
  })
  return {
    cacheControl:
      env.DELIVERY_CACHE_CONTROL || 'public, max-age=60, s-maxage=300, stale-while-revalidate=600',
    cacheTtlMs:
      nonNegative({
        given: env.DELIVERY_CACHE_TTL_SECONDS,
        name: 'DELIVERY_CACHE_TTL_SECONDS',
        fallback: 5,
        unit: 'seconds',
      }) * 1000,
    cacheMaxBytes: cacheMb * 1024 * 1024,
    corsOrigins: origins.length === 0 || origins.includes('*') ? '*' : origins,
    previewTtlSeconds: nonNegative({
      given: env.PREVIEW_TTL_SECONDS,
      name: 'PREVIEW_TTL_SECONDS',
      fallback: 3600,
      unit: 'seconds',
    }),
  }
}
