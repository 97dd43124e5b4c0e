import { ConfigError } from '../config/env'

export type DeliveryOptions = {
  cacheControl: string
  cacheTtlMs: number
  corsOrigins: '*' | string[]
  previewTtlSeconds: number
}

type Env = Record<string, string | undefined>

const seconds = (env: Env, name: string, fallback: number): number => {
  const value = Number(env[name] ?? fallback)
  if (!Number.isFinite(value) || value < 0) {
    throw new ConfigError(`${name} must be a number of seconds (0 or more); got "${env[name]}".`)
  }
  return value
}

export const deliveryOptionsFromEnv = (env: Env = process.env): DeliveryOptions => {
  const origins = (env.DELIVERY_CORS_ORIGINS ?? '*')
    .split(',')
    .map((origin) => origin.trim().replace(/\/+$/, ''))
    .filter(Boolean)
  return {
    cacheControl:
      env.DELIVERY_CACHE_CONTROL || 'public, max-age=60, s-maxage=300, stale-while-revalidate=600',
    cacheTtlMs: seconds(env, 'DELIVERY_CACHE_TTL_SECONDS', 5) * 1000,
    corsOrigins: origins.length === 0 || origins.includes('*') ? '*' : origins,
    previewTtlSeconds: seconds(env, 'PREVIEW_TTL_SECONDS', 3600),
  }
}
