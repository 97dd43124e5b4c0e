/**
 * A small cache of the delivery API's answers, used as the typed client's `fetch`. An answer is
 * served from memory for the `max-age` the API gave it; after that it is asked again with
 * `If-None-Match`, and a `304` (no body sent) keeps it for another `max-age`. The webhook receiver
 * empties it when content changes, so readers do not wait for `max-age` to see a change.
 */
import { LRUCache } from 'lru-cache'

type Entry = {
  body: string
  etag: string
  contentType: string
  /** Until when it is served without asking the API (ms since the epoch). */
  freshUntil: number
}

/** What happened to each request, for logs and tests. */
export type CacheOutcome = 'hit' | 'revalidated' | 'miss' | 'uncached' | 'stale'

export type ApiCache = {
  fetch: (request: Request) => Promise<Response>
  clear: () => void
  /** How many requests ended each way since the start. */
  counts: Record<CacheOutcome, number>
}

const maxAgeSeconds = (cacheControl: string | null): number => {
  if (!cacheControl || /no-store|no-cache|private/i.test(cacheControl)) {
    return 0
  }
  const match = /(?:^|,)\s*max-age=(\d+)/i.exec(cacheControl)
  return match?.[1] ? Number(match[1]) : 0
}

const toResponse = (entry: Entry, outcome: CacheOutcome): Response =>
  new Response(entry.body, {
    status: 200,
    headers: { 'content-type': entry.contentType, etag: entry.etag, 'x-site-cache': outcome },
  })

export const createApiCache = ({
  maxEntries = 1000,
  timeoutMs = 10_000,
  fetch: send = globalThis.fetch,
  now = Date.now,
}: {
  maxEntries?: number
  timeoutMs?: number
  fetch?: (request: Request) => Promise<Response>
  now?: () => number
} = {}): ApiCache => {
  const entries = new LRUCache<string, Entry>({ max: maxEntries })
  const counts: Record<CacheOutcome, number> = {
    hit: 0,
    revalidated: 0,
    miss: 0,
    uncached: 0,
    stale: 0,
  }
  const done = (outcome: CacheOutcome, response: Response) => {
    counts[outcome] += 1
    return response
  }

  const cachedFetch = async (request: Request): Promise<Response> => {
    if (request.method !== 'GET') {
      return send(request)
    }
    const key = request.url
    const cached = entries.get(key)
    if (cached && cached.freshUntil > now()) {
      return done('hit', toResponse(cached, 'hit'))
    }
    const headers = new Headers(request.headers)
    if (cached) {
      headers.set('if-none-match', cached.etag)
    }
    let response: Response
    try {
      response = await send(
        new Request(request, { headers, signal: AbortSignal.timeout(timeoutMs) }),
      )
    } catch (error) {
      // The API cannot be reached: the last good answer is better than an error page.
      if (cached) {
        return done('stale', toResponse(cached, 'stale'))
      }
      throw error
    }
    const freshFor = maxAgeSeconds(response.headers.get('cache-control')) * 1000
    if (response.status === 304 && cached) {
      cached.freshUntil = now() + freshFor
      return done('revalidated', toResponse(cached, 'revalidated'))
    }
    const etag = response.headers.get('etag')
    if (response.status !== 200 || !etag) {
      if (response.status >= 500 && cached) {
        return done('stale', toResponse(cached, 'stale'))
      }
      return done('uncached', response)
    }
    const entry: Entry = {
      body: await response.text(),
      etag,
      contentType: response.headers.get('content-type') ?? 'application/json',
      freshUntil: now() + freshFor,
    }
    entries.set(key, entry)
    return done('miss', toResponse(entry, 'miss'))
  }

  return { fetch: cachedFetch, clear: () => entries.clear(), counts }
}
