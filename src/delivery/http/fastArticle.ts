import type { Request, RequestHandler } from 'express'
import type { Store } from 'express-rate-limit'

import type { SnapshotStore } from '@/db/readModelStore'
import { isCurrent } from '@/delivery/readModel/render'
import { fromRendering } from '@/delivery/resources/articles'
import type { CachedResponse, ResponseCache } from '@/delivery/responseCache'
import { SLUG_PATTERN } from '@/shared/slugs'
import { corsHeaders } from './cors'
import { MIN_COMPRESSED_BYTES, chooseEncoding, variantEtag } from './encoding'
import { hasCurrentCopy } from './send'

const ARTICLE_PATH = /^\/content\/v1\/articles\/([^/?#]+)$/

export type FastArticleOptions = {
  store: SnapshotStore
  /** The router's response cache: what one path keeps, the other serves (and keeps when the database is down). */
  cache: ResponseCache
  /** `renderingKey()` of this process's settings: a rendering made for others is not current. */
  key: string
  cacheControl: string
  corsOrigins: '*' | string[]
  /** The fixed security headers of a JSON answer, as `securityHeaders` sends them. */
  jsonHeaders: readonly (readonly [string, string])[]
  /** The delivery rate limit, counted in the same store as the router's limiter. */
  limit: { max: number; store: Store; keyOf: (req: Request) => string }
  now?: () => Date
}

/**
 * `GET /content/v1/articles/:slug` answered before Express's router and the middleware in front
 * of the delivery API, when the article's stored rendering is current: the same status, headers
 * and bytes the router would send (security headers, CORS, Vary, ETag per encoding, 304s), the
 * delivery rate limit counted as the router's limiter counts it. Everything else — a query string,
 * a path that is not canonical, a stale or missing rendering, a body not stored in the encoding
 * asked for, a client over its limit, a database error — goes on to the router unchanged.
 * It shares the router's response cache: a cached answer is served from it, and a stored rendering
 * is kept in it as the router would keep it, so the last good answer is there when the database
 * goes away.
 */
export const fastArticle = ({
  store,
  cache,
  key,
  cacheControl,
  corsOrigins,
  jsonHeaders,
  limit,
  now = () => new Date(),
}: FastArticleOptions): RequestHandler => {
  const admitted = async (req: Request): Promise<boolean> => {
    if (limit.max <= 0) {
      return true
    }
    const clientKey = limit.keyOf(req)
    const { totalHits } = await limit.store.increment(clientKey)
    if (totalHits <= limit.max) {
      return true
    }
    // The router's limiter counts this request again and answers the 429 itself.
    await limit.store.decrement(clientKey)
    return false
  }

  return async (req, res, next) => {
    const match = req.method === 'GET' || req.method === 'HEAD' ? ARTICLE_PATH.exec(req.url) : null
    const slug = match?.[1]
    if (!slug || !SLUG_PATTERN.test(slug)) {
      next()
      return
    }
    const url = req.url
    let entry: CachedResponse | undefined
    let body: Buffer | undefined
    let encoding: ReturnType<typeof chooseEncoding>
    try {
      const generation = cache.generationNow
      entry = cache.hit(url)
      if (!entry) {
        const stored = await store.findBySlug(slug)
        if (
          !stored ||
          stored.renderedAt === null ||
          !isCurrent({ snapshot: stored, key, now: now() })
        ) {
          next()
          return
        }
        entry = cache.keep({ key: url, rendered: fromRendering(stored), generation })
      }
      encoding = entry.body.length >= MIN_COMPRESSED_BYTES ? chooseEncoding(req) : null
      body = encoding ? await entry.variants[encoding] : entry.body
      if (entry.status !== 200 || entry.lastModified === undefined || !body) {
        next()
        return
      }
      if (!(await admitted(req))) {
        next()
        return
      }
    } catch {
      // The router answers a database failure (a stale cached copy, or a 503).
      next()
      return
    }
    for (const [name, value] of jsonHeaders) {
      res.setHeader(name, value)
    }
    const cors = corsHeaders({ origins: corsOrigins, requestOrigin: req.headers.origin })
    if (cors.varyOrigin) {
      // Where the router's CORS middleware puts it; Accept-Encoding is added to it below.
      res.setHeader('Vary', 'Origin')
    }
    for (const [name, value] of cors.headers) {
      res.setHeader(name, value)
    }
    const etag = variantEtag({ etag: entry.etag, encoding })
    const { lastModified } = entry
    res.setHeader('Content-Type', 'application/json; charset=utf-8')
    res.setHeader('Vary', cors.varyOrigin ? 'Origin, Accept-Encoding' : 'Accept-Encoding')
    res.setHeader('Cache-Control', cacheControl)
    res.setHeader('ETag', etag)
    res.setHeader('Last-Modified', new Date(lastModified).toUTCString())
    if (hasCurrentCopy({ headers: req.headers, etag, lastModified })) {
      res.statusCode = 304
      res.end()
      return
    }
    if (encoding) {
      res.setHeader('Content-Encoding', encoding)
    }
    res.setHeader('Content-Length', body.length)
    res.statusCode = 200
    res.end(req.method === 'HEAD' ? undefined : body)
  }
}
