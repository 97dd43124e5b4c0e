import { createHash } from 'node:crypto'

export type CachedResponse = { status: number; body: Buffer; etag: string; expiresAt: number }

/** What a route renders: JSON to serialize, or a body already serialized with its ETag. */
export type Rendered =
  | { status: number; json: unknown; expiresAt?: number }
  | { status: number; body: Buffer | string; etag: string; expiresAt?: number }

/** A strong ETag from the exact bytes of the body. */
export const strongEtag = (body: Buffer | string): string =>
  `"${createHash('sha1').update(body).digest('base64url')}"`

// Map entry, key and ETag: a rough allowance so many small entries are counted too.
const ENTRY_OVERHEAD_BYTES = 200

const sizeOf = (key: string, entry: CachedResponse): number =>
  entry.body.length + key.length + entry.etag.length + ENTRY_OVERHEAD_BYTES

/**
 * Rendered responses by URL for `ttlMs`, least recently used dropped first once the bodies add up
 * to more than `maxBytes`. Expired entries stay (within the bound) so they can be served stale when
 * the database is down. Concurrent misses for one URL share one render.
 *
 * New URLs are admitted at most `admissionsPerSecond` a second (URLs already cached are always
 * refreshed). A crawl or a flat spread over thousands of articles would otherwise replace the whole
 * cache every few seconds: each entry outlives the young generation, so its eviction is work for
 * the old-generation collector, whose pauses showed as the article p99. Popular URLs still get in
 * within a second, and each article is one indexed lookup when it is not cached.
 */
export class ResponseCache {
  private readonly entries = new Map<string, CachedResponse>()
  private readonly pending = new Map<string, Promise<CachedResponse>>()
  private bytes = 0
  // Bumped by clear(): a render that started before a content change must not be kept after it.
  private generation = 0

  private admissions: { tokens: number; at: number }

  constructor(
    private readonly options: { ttlMs: number; maxBytes: number; admissionsPerSecond?: number },
  ) {
    this.admissions = { tokens: this.admissionRate, at: Date.now() }
  }

  private get admissionRate(): number {
    return this.options.admissionsPerSecond ?? 100
  }

  /** Takes one admission from a bucket that refills at `admissionsPerSecond`. */
  private canAdmit(now: number): boolean {
    const rate = this.admissionRate
    const tokens = Math.min(
      rate,
      this.admissions.tokens + ((now - this.admissions.at) / 1000) * rate,
    )
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
    now = Date.now(),
  }: {
    key: string
    render: () => Promise<Rendered>
    now?: number
  }): Promise<CachedResponse> {
    const hit = this.entries.get(key)
    if (hit && hit.expiresAt > now) {
      // Most recently used goes last, so eviction takes the coldest first.
      this.entries.delete(key)
      this.entries.set(key, hit)
      return hit
    }
    const inFlight = this.pending.get(key)
    if (inFlight) {
      return inFlight
    }
    const generation = this.generation
    const work = render()
      .then((rendered) => {
        const text = 'json' in rendered ? JSON.stringify(rendered.json) : rendered.body
        // Bytes off the V8 heap: the bound counts what they take, and sockets write them as they are.
        const body = typeof text === 'string' ? Buffer.from(text) : text
        const entry = {
          status: rendered.status,
          body,
          etag: 'etag' in rendered ? rendered.etag : strongEtag(body),
          expiresAt: Math.min(Date.now() + this.options.ttlMs, rendered.expiresAt ?? Infinity),
        }
        if (generation === this.generation) {
          this.store(key, entry)
        }
        return entry
      })
      .finally(() => this.pending.delete(key))
    this.pending.set(key, work)
    return work
  }

  private store(key: string, entry: CachedResponse): void {
    if (!this.entries.has(key) && !this.canAdmit(Date.now())) {
      return
    }
    this.remove(key)
    const size = sizeOf(key, entry)
    if (this.options.ttlMs <= 0 || size > this.options.maxBytes) {
      return
    }
    this.entries.set(key, entry)
    this.bytes += size
    for (const [oldest, old] of this.entries) {
      if (this.bytes <= this.options.maxBytes) {
        break
      }
      this.entries.delete(oldest)
      this.bytes -= sizeOf(oldest, old)
    }
  }

  private remove(key: string): void {
    const old = this.entries.get(key)
    if (old) {
      this.entries.delete(key)
      this.bytes -= sizeOf(key, old)
    }
  }

  /** The last good response for a key, however old: served when the database is down. */
  stale(key: string): CachedResponse | undefined {
    return this.entries.get(key)
  }

  clear(): void {
    this.entries.clear()
    this.pending.clear()
    this.bytes = 0
    this.generation += 1
  }
}
