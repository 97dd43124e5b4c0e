import type { PayloadRequest } from 'payload'

/**
 * A body compressed ahead of time: by HTTP encoding (brotli, gzip), sent as they are, and packed
 * (`lz4`, src/shared/packed.ts), the form the identity body is kept in once it is stored.
 */
export type BodyVariants = Partial<Record<'br' | 'gzip' | 'lz4', Buffer>>

/** A rendering to store: the exact response body and what decides when it must be made again. */
export type RenderedSnapshot = {
  slug: string
  body: string
  /** The body compressed, kept beside it (none for a body too small to compress). */
  variants?: BodyVariants | null
  etag: string
  origin: string
  reviewStatusChangesAt: string | null
  /** For editors, never sent to readers; a rendering with any needs review. */
  reviewFlags: readonly unknown[]
  /** The live version's, kept beside the rendering for the public search (`searchLive`). */
  title: string
  summary: string | null
  publishedAt: string | null
}

/** One stored rendering of a live article, as the delivery API needs it. */
export type StoredSnapshot = {
  articleId: number | string
  /**
   * The response body's bytes, ready to send; null once the rendering is stored compressed only:
   * `variants.lz4` unpacks to them.
   */
  body: Buffer | null
  /** The same bytes compressed, ready to send (empty for a rendering stored without them). */
  variants: BodyVariants
  etag: string
  origin: string
  isStale: boolean
  /**
   * Stale in presentation only (a disclaimer, a topic, the publisher changed): it may be sent as it
   * is while the refresh job renders it again.
   */
  servableWhileStale: boolean
  reviewStatusChangesAt: string | null
  /** When this rendering was saved (ISO), sent as Last-Modified; null if the store has none. */
  renderedAt: string | null
}

type ArticleIds = (number | string)[] | 'all'

/**
 * The bodies a lookup reads: every form (`all`), or the ones an answer in one encoding needs. The
 * identity body and its packed form are always read: the first is what a rendering holds until it
 * is compressed, the second gives the length of one kept compressed only. A row's bodies are most
 * of its pages.
 */
export type BodiesWanted = 'all' | 'identity' | 'br' | 'gzip'

/**
 * The operations on the read model that run often enough for Payload's per-call overhead to
 * matter: the delivery API's lookup by slug, storing a rendering (every publish, every article of
 * an import), and marking many renderings stale at once. Writes take `req` to join its transaction.
 */
export type SnapshotStore = {
  findBySlug: (slug: string, wanted?: BodiesWanted) => Promise<StoredSnapshot | null>
  /**
   * The rendering for `slug` (null if none) handed to `use`, its bytes lent until what `use`
   * returns settles: they may be memory the store reuses for a later lookup, so `use` copies or
   * unpacks what it keeps. For an answer sent at once, which then reads nothing the collector
   * must free (SQLite's lookup thread writes the bytes into memory shared with the server).
   */
  lendBySlug: <T>(
    slug: string,
    wanted: BodiesWanted,
    use: (snapshot: StoredSnapshot | null) => Promise<T>,
  ) => Promise<T>
  /**
   * Inserts or replaces the article's rendering, no longer stale; compressed only when it comes
   * with its packed body.
   */
  save: (args: {
    articleId: number | string
    rendered: RenderedSnapshot
    req?: Partial<PayloadRequest>
  }) => Promise<void>
  /**
   * Keeps the compressed bodies of the rendering with this ETag, if it is still the one stored (a
   * newer rendering, or none, is left as it is). With a packed body, the identity body goes: the
   * rendering is kept compressed only.
   */
  saveVariants: (args: {
    articleId: number | string
    etag: string
    variants: BodyVariants
    req?: Partial<PayloadRequest>
  }) => Promise<void>
  /**
   * Marks renderings stale. `servable` (a change to presentation only) lets readers have the
   * rendering meanwhile; a rendering already stale for another reason stays unservable.
   */
  markStale: (args: {
    articleIds: ArticleIds
    servable?: boolean
    req?: Partial<PayloadRequest>
  }) => Promise<void>
  /**
   * Articles whose rendering must be made again: stale ones, and ones whose rendered review status
   * is wrong from `now` on. Through the indexes on those two fields only: a rendering's row holds
   * its bodies, which a scan would read too.
   */
  articleIdsToRefresh: (args: {
    now: Date
    /**
     * With a `renderingKey()`: renderings made for other settings (or another format) too. That
     * reads every rendering's row, so only when `oldestOrigin` says one exists.
     */
    otherThan?: string
  }) => Promise<(number | string)[]>
  /**
   * The settings (`origin`) the rendering made longest ago was made for: '' when it has none, null
   * when there is no rendering. Through the index on when a rendering was saved; a rendering
   * whose article is gone (never rendered again) does not count.
   */
  oldestOrigin: () => Promise<string | null>
  /**
   * A page of the live articles whose title, or whose summary, contains every word as literal
   * text, case ignored (`_`, `%` and `\` included), newest first (by publication, then id), and how
   * many there are in all; of one topic when `topicId` is given. The delivery API's `q`.
   */
  searchLive: (args: {
    words: string[]
    topicId?: number | string
    page: number
    limit: number
  }) => Promise<{ ids: (number | string)[]; totalDocs: number }>
}
