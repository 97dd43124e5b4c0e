import { createHash } from 'node:crypto'

import { LRUCache } from 'lru-cache'
import type { Perf } from 'lru-cache'

import { packedLength, unpack } from '@/shared/packed'

import { MIN_COMPRESSED_BYTES } from './http/encoding'
import type { Encoding } from './http/encoding'

export type CachedResponse = {
  status: number
  /** The body's length in bytes (the identity body's), known without reading `body`. */
  length: number
  /**
   * The body as sent without Content-Encoding. A rendering stored compressed only unpacks its
   * packed body each time this is read, and keeps only the packed one: a brotli or gzip answer
   * never reads it, and the fast article path unpacks into buffers it reuses.
   */
  readonly body: Buffer
  /** A rendering stored compressed only: its packed body, which `body` unpacks. */
  packed?: Buffer
  /**
   * The bytes the entry holds, when known when it is made (a rendering stored compressed only:
   * its packed body and its encodings); otherwise the body's length and an allowance for the
   * encodings made later count.
   */
  heldBytes?: number
  etag: string
  /** When what the body shows last changed (ms since the epoch), sent as Last-Modified. */
  lastModified?: number
  /** The body compressed, each encoding made on its first request and kept with the entry. */
  variants: Partial<Record<Encoding, Promise<Buffer>>>
}

/**
 * What a route renders: JSON to serialize, or a body already serialized with its ETag (null for a
 * rendering stored compressed only: its packed variant, `lz4`, holds the body).
 */
export type Rendered = (
  { status: number; json: unknown } | { status: number; body: Buffer | string | null; etag: string }
) & {
  expiresAt?: number
  lastModified?: number
  /**
   * The body already compressed (a stored rendering's): by encoding, sent as they are, and packed
   * (`lz4`), unpacked when the body is needed.
   */
  variants?: Partial<Record<Encoding | 'lz4', Buffer>>
  /** False: sent, never kept (nothing would tell the cache when it is replaced). */
  keep?: false
}

/** A strong ETag from the exact bytes of the body. */
export const strongEtag = (body: Buffer | string): string =>
  `"${createHash('sha1').update(body).digest('base64url')}"`

// Map entry, key and ETag: a rough allowance so many small entries are counted too.
const ENTRY_OVERHEAD_BYTES = 200

// JSON compresses four to six times: the brotli and gzip variants together take under half the body.
const variantsAllowance = (length: number): number =>
  length >= MIN_COMPRESSED_BYTES ? Math.ceil(length / 2) : 0

const sizeOf = ({ key, entry }: { key: string; entry: CachedResponse }): number =>
  (entry.heldBytes ?? entry.length + variantsAllowance(entry.length)) +
  key.length +
  entry.etag.length +
  ENTRY_OVERHEAD_BYTES

export const toCached = (rendered: Rendered): CachedResponse => {
  const { lz4: packed, ...encoded } = rendered.variants ?? {}
  const variants = Object.fromEntries(
    Object.entries(encoded).map(([encoding, bytes]) => [encoding, Promise.resolve(bytes)]),
  )
  const lastModified =
    rendered.lastModified === undefined ? {} : { lastModified: rendered.lastModified }
  if ('body' in rendered && rendered.body === null) {
    if (!packed) {
      throw new Error('A rendering stored compressed only came without its packed body.')
    }
    // Unpacked each time, not kept: an entry then holds about a quarter of the bytes, and those
    // for as long as it is cached (a body kept beside it, 30 KB an article, turned over with the
    // cache and left the old generation that much to collect).
    return {
      status: rendered.status,
      length: packedLength(packed),
      packed,
      get body() {
        return unpack(packed)
      },
      heldBytes: Object.values(encoded).reduce((sum, bytes) => sum + bytes.length, packed.length),
      etag: rendered.etag,
      ...lastModified,
      variants,
    }
  }
  // A null body went above.
  const text =
    'json' in rendered ? JSON.stringify(rendered.json) : (rendered.body as Buffer | string)
  // Bytes off the V8 heap: the bound counts what they take, and sockets write them as they are.
  const body = typeof text === 'string' ? Buffer.from(text) : text
  return {
    status: rendered.status,
    length: body.length,
    body,
    etag: 'etag' in rendered ? rendered.etag : strongEtag(body),
    ...lastModified,
    variants,
  }
}

/** Two entries that send the same bytes with the same headers (one made from the same rendering). */
const isSameAnswer = (a: CachedResponse, b: CachedResponse): boolean =>
  a.status === b.status &&
  a.etag === b.etag &&
  a.length === b.length &&
  a.lastModified === b.lastModified &&
  Boolean(a.packed) === Boolean(b.packed)

// Date.now looked up on each call, so a test that fakes Date moves the cache's clock too.
const wallClock: Perf = { now: () => Date.now() }

export type ResponseCacheOptions = {
  ttlMs: number
  maxBytes: number
  admissionsPerSecond?: number
  /** Milliseconds since the epoch, the unit of `expiresAt`; tests pass a clock they move. */
  clock?: Perf
}

/**
 * Rendered responses by URL for `ttlMs` (less when a rendering says when it `expiresAt`), least
 * recently used dropped first once the bodies add up to more than `maxBytes`. Expired entries stay
 * (within the bound) so they can be served stale when the database is down. Concurrent misses for
 * one URL share one render.
 *
 * New URLs are admitted at most `admissionsPerSecond` a second (URLs already cached are always
 * refreshed). A crawl or a flat spread over thousands of articles would otherwise replace the whole
 * cache every few seconds: each entry outlives the young generation, so its eviction is work for
 * the old-generation collector, whose pauses showed as the article p99. Popular URLs still get in
 * within a second, and each article is one indexed lookup when it is not cached.
 */
export class ResponseCache {
  // Null when the TTL or the bound is 0: nothing is kept (lru-cache reads 0 as "no limit").
  private readonly entries: LRUCache<string, CachedResponse> | null
  // Not lru-cache's fetch(): it would keep every answer, and the admission limit decides that.
  private readonly pending = new Map<string, Promise<CachedResponse>>()
  // Bumped by clear(): a render that started before a content change must not be kept after it.
  private generation = 0
  private readonly clock: Perf
  private readonly admissionRate: number
  private admissions: { tokens: number; at: number }

  constructor({
    ttlMs,
    maxBytes,
    admissionsPerSecond = 100,
    clock = wallClock,
  }: ResponseCacheOptions) {
    this.clock = clock
    this.admissionRate = admissionsPerSecond
    this.admissions = { tokens: admissionsPerSecond, at: clock.now() }
    const maxSize = Math.floor(maxBytes)
    this.entries =
      ttlMs > 0 && maxSize > 0
        ? new LRUCache<string, CachedResponse>({
            maxSize,
            sizeCalculation: (entry, key) => sizeOf({ key, entry }),
            ttl: Math.max(1, Math.floor(ttlMs)),
            // A get past the TTL misses but keeps the entry: the stale answer for a database failure.
            noDeleteOnStaleGet: true,
            // The clock is read on each lookup, not cached behind a timer, so a moved test clock counts.
            ttlResolution: 0,
            perf: clock,
          })
        : null
  }

  /** The admissions in the bucket at `now`: it refills at `admissionsPerSecond`. */
  private tokensAt(now: number): number {
    const rate = this.admissionRate
    return Math.min(rate, this.admissions.tokens + ((now - this.admissions.at) / 1000) * rate)
  }

  /** Takes one admission from the bucket. */
  private canAdmit(now: number): boolean {
    const tokens = this.tokensAt(now)
    this.admissions = { tokens, at: now }
    if (tokens < 1) {
      return false
    }
    this.admissions.tokens -= 1
    return true
  }

  async get({
    key,
    render,
  }: {
    key: string
    render: () => Promise<Rendered>
  }): Promise<CachedResponse> {
    const hit = this.entries?.get(key)
    if (hit) {
      return hit
    }
    const inFlight = this.pending.get(key)
    if (inFlight) {
      return inFlight
    }
    const generation = this.generation
    const work = render()
      .then((rendered) => this.keep({ key, rendered, generation }))
      .finally(() => this.pending.delete(key))
    this.pending.set(key, work)
    return work
  }

  private store({
    key,
    entry,
    expiresAt = Infinity,
  }: {
    key: string
    entry: CachedResponse
    expiresAt?: number
  }): void {
    const entries = this.entries
    const now = this.clock.now()
    if (!entries || (!this.stale(key) && !this.canAdmit(now))) {
      return
    }
    const ttl = entries.ttl
    // Counted from a start moved back so the entry turns stale at `expiresAt` when that comes first.
    entries.set(key, entry, { ttl, start: Math.min(now, expiresAt - ttl) })
  }

  /** A cached response for `key` still within its TTL, or undefined: no render, no wait. */
  hit(key: string): CachedResponse | undefined {
    return this.entries?.get(key)
  }

  /**
   * Whether `keep` would keep a response for `key` now (within the admission limit, or in place of
   * its stale entry), taking nothing from the limit: a caller that reads less for a response that
   * is only sent asks first.
   */
  wouldKeep(key: string): boolean {
    return Boolean(this.entries && (this.stale(key) || this.tokensAt(this.clock.now()) >= 1))
  }

  /** Counts clear()s: read it before reading what `keep` is given. */
  get generationNow(): number {
    return this.generation
  }

  /**
   * `rendered` as a cached response, kept for `key` as `get` keeps what it renders (within the
   * admission limit), unless the cache was cleared since `generation`.
   */
  keep({
    key,
    rendered,
    generation,
  }: {
    key: string
    rendered: Rendered
    generation: number
  }): CachedResponse {
    const entry = toCached(rendered)
    if (generation !== this.generation || rendered.keep === false) {
      return entry
    }
    const kept = this.stale(key)
    if (kept && isSameAnswer(kept, entry)) {
      // The same answer read again once its entry went stale: the entry kept is kept on, counted
      // from now. A copy in its place would leave the old one, cached long enough to be in the
      // old generation, to a full collection: every cached URL turned over once a TTL.
      this.store({ key, entry: kept, expiresAt: rendered.expiresAt })
      return kept
    }
    this.store({ key, entry, expiresAt: rendered.expiresAt })
    return entry
  }

  /** The last good response for a key, however old: served when the database is down. */
  stale(key: string): CachedResponse | undefined {
    return this.entries?.peek(key, { allowStale: true })
  }

  clear(): void {
    this.entries?.clear()
    this.pending.clear()
    this.generation += 1
  }
}
