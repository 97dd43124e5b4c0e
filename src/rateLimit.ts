import type { RequestHandler } from 'express'

import { ConfigError } from './config/env'

/**
 * A fixed-window limit per client address: `max` requests per `windowMs`, then 429 with
 * Retry-After until the window ends. In-process: each instance counts its own traffic.
 */
export const rateLimit = ({
  max,
  windowMs,
  message,
}: {
  max: number
  windowMs: number
  message: string
}): RequestHandler => {
  const windows = new Map<string, { count: number; resetAt: number }>()
  return (req, res, next) => {
    if (max <= 0) {
      next()
      return
    }
    const now = Date.now()
    const key = req.ip ?? 'unknown'
    let window = windows.get(key)
    if (!window || window.resetAt <= now) {
      if (windows.size > 100_000) {
        windows.clear()
      }
      window = { count: 0, resetAt: now + windowMs }
      windows.set(key, window)
    }
    window.count += 1
    if (window.count > max) {
      res
        .status(429)
        .set('Retry-After', String(Math.ceil((window.resetAt - now) / 1000)))
        .set('Cache-Control', 'no-store')
        .json({ error: message })
      return
    }
    next()
  }
}

/**
 * Refuses request bodies over `maxBytes` before anything reads them; file uploads to an upload
 * collection (`uploadPaths`, under /api) may be up to `maxUploadBytes`.
 */
export const bodySizeLimit =
  ({
    maxBytes,
    maxUploadBytes = maxBytes,
    uploadPaths = [],
  }: {
    maxBytes: number
    maxUploadBytes?: number
    uploadPaths?: readonly string[]
  }): RequestHandler =>
  (req, res, next) => {
    const length = Number(req.get('content-length') ?? 0)
    const isUpload =
      req.is('multipart/form-data') === 'multipart/form-data' &&
      uploadPaths.some((prefix) => req.path === prefix || req.path.startsWith(`${prefix}/`))
    const limit = isUpload ? maxUploadBytes : maxBytes
    if (length > limit) {
      res.status(413).json({
        errors: [{ message: `The request body is ${length} bytes; the limit is ${limit} bytes.` }],
      })
      return
    }
    next()
  }

export type Limits = {
  loginPerMinute: number
  deliveryPerMinute: number
  maxBodyBytes: number
  /** Image uploads to the media collection; defaults to `maxBodyBytes`. */
  maxUploadBytes?: number
}

const count = (env: Record<string, string | undefined>, name: string, fallback: number) => {
  const value = Number(env[name] ?? fallback)
  if (!Number.isInteger(value) || value < 0) {
    throw new ConfigError(
      `${name} must be a whole number (0 turns the limit off); got "${env[name]}".`,
    )
  }
  return value
}

export const limitsFromEnv = (env: Record<string, string | undefined> = process.env): Limits => ({
  loginPerMinute: count(env, 'RATE_LIMIT_LOGIN_PER_MINUTE', 10),
  deliveryPerMinute: count(env, 'RATE_LIMIT_DELIVERY_PER_MINUTE', 6000),
  maxBodyBytes: count(env, 'MAX_BODY_BYTES', 1024 * 1024),
  maxUploadBytes: count(env, 'MAX_UPLOAD_BYTES', 10 * 1024 * 1024),
})
