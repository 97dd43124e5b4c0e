import { createHash } from 'node:crypto'

export type CachedResponse = { status: number; body: string; etag: string; expiresAt: number }

/** A strong ETag from the exact bytes of the body. */
export const strongEtag = (body: string): string =>
  `"${createHash('sha1').update(body).digest('base64url')}"`

/**
 * Rendered responses by URL for `ttlMs`, at most `maxEntries` (oldest dropped first). Concurrent
 * misses for one URL share one render, so a burst after a publish costs one database read.
 */
export class ResponseCache {
  private readonly entries = new Map<string, CachedResponse>()
  private readonly pending = new Map<string, Promise<CachedResponse>>()

  constructor(private readonly options: { ttlMs: number; maxEntries: number }) {}

  async get({
    key,
    render,
    now = Date.now(),
  }: {
    key: string
    render: () => Promise<{ status: number; json: unknown }>
    now?: number
  }): Promise<CachedResponse> {
    const hit = this.entries.get(key)
    if (hit && hit.expiresAt > now) {
      return hit
    }
    const inFlight = this.pending.get(key)
    if (inFlight) {
      return inFlight
    }
    const work = render()
      .then(({ status, json }) => {
        const body = JSON.stringify(json)
        const entry = {
          status,
          body,
          etag: strongEtag(body),
          expiresAt: Date.now() + this.options.ttlMs,
        }
        if (this.options.ttlMs > 0) {
          this.entries.delete(key)
          this.entries.set(key, entry)
          if (this.entries.size > this.options.maxEntries) {
            const oldest = this.entries.keys().next().value
            if (oldest !== undefined) {
              this.entries.delete(oldest)
            }
          }
        }
        return entry
      })
      .finally(() => this.pending.delete(key))
    this.pending.set(key, work)
    return work
  }

  /** The last good response for a key, however old: served when the database is down. */
  stale(key: string): CachedResponse | undefined {
    return this.entries.get(key)
  }

  clear(): void {
    this.entries.clear()
  }
}
