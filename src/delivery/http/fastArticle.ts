import type { IncomingMessage, ServerResponse } from 'node:http'

import type { Store } from 'express-rate-limit'

import type { SnapshotStore, StoredSnapshot } from '@/db/readModelStore'
import { isCurrent } from '@/delivery/readModel/render'
import { fromRendering } from '@/delivery/resources/articles'
import { toCached } from '@/delivery/responseCache'
import type { CachedResponse, Rendered, ResponseCache } from '@/delivery/responseCache'
import { unpackInto } from '@/shared/packed'
import { SLUG_PATTERN } from '@/shared/slugs'
import { bodyPool } from './bodyPool'
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
  limit: { max: number; store: Store; keyOf: (req: IncomingMessage) => string }
  now?: () => Date
}

/** Answers the request, or calls `next` for everything it leaves to Express. */
export type EarlyHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void

type Encoding = ReturnType<typeof chooseEncoding>

/** Most clients send one of a few Accept-Encoding values: each is negotiated once. */
const MAX_KNOWN_ACCEPTS = 64

/** Header sets kept by encoding and origin: origins come from clients, so they are bounded. */
const MAX_KNOWN_VARIANTS = 256

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
}: FastArticleOptions): EarlyHandler => {
  const admitted = async (req: IncomingMessage): Promise<boolean> => {
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

  const bodies = bodyPool()
  const accepted = new Map<string, Encoding>()
  const encodingOf = (req: IncomingMessage): Encoding => {
    const accept = req.headers['accept-encoding'] ?? ''
    let encoding = accepted.get(accept)
    if (encoding === undefined) {
      encoding = chooseEncoding(req)
      if (accepted.size >= MAX_KNOWN_ACCEPTS) {
        accepted.clear()
      }
      accepted.set(accept, encoding)
    }
    return encoding
  }
  // What comes before the ETag depends on the encoding and the CORS origin only: made once for
  // each pair (a few encodings; with a list of origins, the origins that ask) and reused, in the
  // router's order. Made per request, it was 4% of the article path's time.
  const fixedHeaders = new Map<string, readonly string[]>()
  const headersOf = (
    entry: CachedResponse,
    lastModified: number,
    encoding: Encoding,
    requestOrigin: string | undefined,
  ): { etag: string; headers: string[] } => {
    const variant = `${encoding ?? ''} ${corsOrigins === '*' ? '' : (requestOrigin ?? '')}`
    let fixed = fixedHeaders.get(variant)
    if (!fixed) {
      const cors = corsHeaders({ origins: corsOrigins, requestOrigin })
      const vary = cors.varyOrigin ? 'Origin, Accept-Encoding' : 'Accept-Encoding'
      fixed = [
        ...jsonHeaders.flat(),
        // Where the router's CORS middleware first sets Vary; Accept-Encoding joins it later.
        ...(cors.varyOrigin ? ['Vary', vary] : []),
        ...cors.headers.flat(),
        'Content-Type',
        'application/json; charset=utf-8',
        ...(cors.varyOrigin ? [] : ['Vary', vary]),
        'Cache-Control',
        cacheControl,
      ]
      if (fixedHeaders.size >= MAX_KNOWN_VARIANTS) {
        fixedHeaders.clear()
      }
      fixedHeaders.set(variant, fixed)
    }
    const etag = variantEtag({ etag: entry.etag, encoding })
    return {
      etag,
      headers: [...fixed, 'ETag', etag, 'Last-Modified', new Date(lastModified).toUTCString()],
    }
  }

  /** The stored rendering as the router would answer it, if it is current. */
  const currentRendering = (stored: StoredSnapshot | null): Rendered | null =>
    !stored || stored.renderedAt === null || !isCurrent({ snapshot: stored, key, now: now() })
      ? null
      : fromRendering(stored)

  /**
   * Sends `entry`; with `lent`, its bytes are the store's until this settles, so the body sent is
   * a copy (or, packed, unpacked) in a pooled buffer. Whether it answered.
   */
  const send = async (
    req: IncomingMessage,
    res: ServerResponse,
    entry: CachedResponse,
    lent: boolean,
  ): Promise<boolean> => {
    const encoding = entry.length >= MIN_COMPRESSED_BYTES ? encodingOf(req) : null
    // A body stored packed is unpacked only for a 200 with a body, into a buffer given back once
    // the socket has written it: cached or not, an entry keeps only the packed bytes.
    const packed = encoding ? undefined : entry.packed
    const body = encoding ? await entry.variants[encoding] : packed ? null : entry.body
    const { lastModified } = entry
    if (entry.status !== 200 || lastModified === undefined || !(body || packed)) {
      return false
    }
    if (!(await admitted(req))) {
      return false
    }
    const { etag, headers } = headersOf(entry, lastModified, encoding, req.headers.origin)
    if (hasCurrentCopy({ headers: req.headers, etag, lastModified })) {
      res.writeHead(304, headers)
      res.end()
      return true
    }
    const head = req.method === 'HEAD'
    const length = body?.length ?? entry.length
    const buffer = !head && (packed || lent) ? bodies.take(length) : null
    const sent = !buffer
      ? body
      : packed
        ? unpackInto(packed, buffer)
        : buffer.subarray(0, (body as Buffer).copy(buffer))
    res.writeHead(200, [
      ...headers,
      ...(encoding ? ['Content-Encoding', encoding] : []),
      'Content-Length',
      String(length),
    ])
    if (head) {
      res.end()
    } else if (buffer) {
      // A connection that fails first leaves the buffer to the collector.
      res.end(sent, () => bodies.give(buffer))
    } else {
      res.end(sent)
    }
    return true
  }

  /** Whether it answered; false (or a throw) leaves the request to the router. */
  const answer = async (
    req: IncomingMessage,
    res: ServerResponse,
    slug: string,
  ): Promise<boolean> => {
    const url = req.url as string
    const hit = cache.hit(url)
    if (hit) {
      return send(req, res, hit, false)
    }
    // A response the cache keeps answers every encoding, so it is read whole, into memory of its
    // own. One only sent reads the body it sends (SQLite: one or two pages of the row instead of
    // two or three), lent by the store until it is sent.
    if (cache.wouldKeep(url)) {
      // Read before the lookup: a content change while it runs clears the cache.
      const generation = cache.generationNow
      const rendered = currentRendering(await store.findBySlug(slug, 'all'))
      return rendered
        ? send(req, res, cache.keep({ key: url, rendered, generation }), false)
        : false
    }
    return store.lendBySlug(slug, encodingOf(req) ?? 'identity', async (stored) => {
      const rendered = currentRendering(stored)
      return rendered ? send(req, res, toCached(rendered), true) : false
    })
  }

  return (req, res, next) => {
    const match =
      req.method === 'GET' || req.method === 'HEAD' ? ARTICLE_PATH.exec(req.url ?? '') : null
    const slug = match?.[1]
    if (!slug || !SLUG_PATTERN.test(slug)) {
      next()
      return
    }
    answer(req, res, slug).then(
      (answered) => answered || next(),
      () => next(),
    )
  }
}
