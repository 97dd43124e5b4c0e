import { rateLimit as expressRateLimit, ipKeyGenerator } from 'express-rate-limit'
import type { Options, Store } from 'express-rate-limit'
import type { Request, RequestHandler } from 'express'

/**
 * Whom a request is counted against: its client address as Express sees it (see TRUST_PROXY), an
 * IPv6 address by its /56 as express-rate-limit does by default.
 */
export const clientKey = (req: Request): string =>
  // express-rate-limit reads this function's text: it must see ipKeyGenerator beside req.ip.
  ipKeyGenerator(req.ip ?? req.socket.remoteAddress ?? 'unknown')

/** The key of a client address found without Express (the fast article path): as `clientKey`. */
export const clientKeyOf = (address: string | undefined): string =>
  ipKeyGenerator(address ?? 'unknown')

const retryAfterSeconds = (resetTime: Date | undefined, windowMs: number): number =>
  Math.max(1, Math.ceil(((resetTime?.getTime() ?? Date.now() + windowMs) - Date.now()) / 1000))

/**
 * At most `max` requests per client address (as Express sees it, see TRUST_PROXY) per `windowMs`,
 * then 429 with Retry-After until the window ends; `max` 0 turns it off. `store` (see
 * rateLimitStore) holds the counts, by default in this process's memory.
 */
export const rateLimit = ({
  max,
  windowMs,
  message,
  store,
}: {
  max: number
  windowMs: number
  message: string
  store?: Store
}): RequestHandler =>
  expressRateLimit({
    windowMs,
    limit: max,
    store,
    keyGenerator: clientKey,
    skip: () => max <= 0,
    standardHeaders: false,
    legacyHeaders: false,
    handler: (req, res) => {
      const resetTime = (req as { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime
      res
        .status(429)
        .set('Retry-After', String(retryAfterSeconds(resetTime, windowMs)))
        .set('Cache-Control', 'no-store')
        .json({ error: message })
    },
  })

type AttemptVerdict = { isAllowed: true } | { isAllowed: false; retryAfterSeconds: number }

export type AttemptCounter = {
  /** Counts one attempt for `key` and says whether it is within the limit. */
  hit: (key: string) => Promise<AttemptVerdict>
}

/**
 * The same fixed-window count as `rateLimit`, for limits applied inside an operation (a login
 * through REST, GraphQL or the admin) rather than on one URL.
 */
export const attemptCounter = ({
  max,
  windowMs,
  store,
}: {
  max: number
  windowMs: number
  store: Store
}): AttemptCounter => {
  store.init?.({ windowMs } as Options)
  return {
    hit: async (key) => {
      if (max <= 0) {
        return { isAllowed: true }
      }
      const { totalHits, resetTime } = await store.increment(key)
      return totalHits > max
        ? { isAllowed: false, retryAfterSeconds: retryAfterSeconds(resetTime, windowMs) }
        : { isAllowed: true }
    },
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
