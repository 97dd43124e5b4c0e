import type { MongooseAdapter } from '@payloadcms/db-mongodb'
import { sql } from '@payloadcms/db-sqlite'
import type { SQLiteAdapter } from '@payloadcms/db-sqlite'
import Database from 'libsql'
import type { Payload, PayloadRequest } from 'payload'

import { PUBLISHED_ARTICLES } from '@/shared/collections'
import type { RenderedArticle } from '@/readModel/render'
import { sqliteFile } from '@/config/database'

/** One stored rendering of a live article, as the delivery API needs it. */
export type StoredSnapshot = {
  articleId: number | string
  /** The response body's bytes, ready to send. */
  body: Buffer
  etag: string
  origin: string
  isStale: boolean
  reviewStatusChangesAt: string | null
}

type ArticleIds = (number | string)[] | 'all'

/**
 * The operations on the read model that run often enough for Payload's per-call overhead to
 * matter: the delivery API's lookup by slug, storing a rendering (every publish, every article of
 * an import), and marking many renderings stale at once. Writes take `req` to join its transaction.
 */
export type SnapshotStore = {
  findBySlug: (slug: string) => Promise<StoredSnapshot | null>
  /** Inserts or replaces the article's rendering, no longer stale. */
  save: (args: {
    articleId: number | string
    rendered: RenderedArticle
    req?: Partial<PayloadRequest>
  }) => Promise<void>
  markStale: (args: { articleIds: ArticleIds; req?: Partial<PayloadRequest> }) => Promise<void>
}

// SQLite allows at most 32,766 bound values per statement; stay far below.
const CHUNK = 500

const chunks = <T>(items: T[]): T[][] =>
  Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, i) =>
    items.slice(i * CHUNK, (i + 1) * CHUNK),
  )

type Statement = ReturnType<typeof sql>

/** Runs a statement on the request's transaction when it has one, as Payload's own writes do. */
const runIn = async ({
  adapter,
  req,
  statement,
}: {
  adapter: SQLiteAdapter
  req?: Partial<PayloadRequest>
  statement: Statement
}): Promise<void> => {
  const transactionId = req?.transactionID ? await req.transactionID : undefined
  const db =
    (transactionId !== undefined && adapter.sessions?.[transactionId]?.db) || adapter.drizzle
  await (db as unknown as { run: (s: Statement) => Promise<unknown> }).run(statement)
}

// As a blob, the body arrives as bytes: no string to build, encode again and collect.
const BY_SLUG =
  'SELECT article_id, CAST(body AS BLOB), etag, origin, is_stale, review_status_changes_at FROM published_articles WHERE slug = ? LIMIT 1'

type Row = [number | null, Buffer | ArrayBuffer, string, string, number, string | null]

const lookups = new WeakMap<SQLiteAdapter, Database.Statement<[string]>>()

/**
 * The lookup by slug, prepared once on a read connection of its own: Payload's client prepares
 * every statement again and builds a row object per column, several times what the read costs.
 * WAL lets that connection read while others write. It closes when Payload's client closes.
 */
const slugLookup = (adapter: SQLiteAdapter): Database.Statement<[string]> | null => {
  const known = lookups.get(adapter)
  if (known) {
    return known
  }
  const file = sqliteFile(adapter.clientConfig.url)
  if (!file) {
    return null
  }
  const connection = new Database(file, { fileMustExist: true, timeout: 5000 })
  const closeClient = adapter.client.close.bind(adapter.client)
  adapter.client.close = () => {
    connection.close()
    closeClient()
  }
  const lookup = connection.prepare<[string]>(BY_SLUG).raw(true)
  lookups.set(adapter, lookup)
  return lookup
}

/** A prepared statement for reads by slug; one statement on the transaction's session for writes. */
const sqliteStore = (adapter: SQLiteAdapter): SnapshotStore => ({
  findBySlug: async (slug) => {
    // SQLite keeps a closed connection alive for its prepared statements: ask Payload's client.
    if (adapter.client.closed) {
      throw new Error('The database connection is closed.')
    }
    const lookup = slugLookup(adapter)
    const row = (
      lookup
        ? lookup.get(slug)
        : (await adapter.client.execute({ sql: BY_SLUG, args: [slug] })).rows[0]
    ) as Row | undefined
    if (!row || row[0] === null) {
      return null
    }
    const [articleId, body, etag, origin, isStale, reviewStatusChangesAt] = row
    return {
      articleId,
      body: Buffer.isBuffer(body) ? body : Buffer.from(body),
      etag,
      origin,
      isStale: Boolean(isStale),
      reviewStatusChangesAt,
    }
  },
  save: async ({ articleId, rendered, req }) => {
    const now = new Date().toISOString()
    await runIn({
      adapter,
      req,
      statement: sql`INSERT INTO published_articles
        (slug, article_id, body, etag, origin, review_status_changes_at, review_flags, needs_review,
          is_stale, updated_at, created_at)
        VALUES (${rendered.slug}, ${articleId}, ${rendered.body}, ${rendered.etag}, ${rendered.origin},
          ${rendered.reviewStatusChangesAt}, ${JSON.stringify(rendered.reviewFlags)},
          ${rendered.reviewFlags.length > 0 ? 1 : 0}, 0, ${now}, ${now})
        ON CONFLICT (article_id) DO UPDATE SET slug = excluded.slug, body = excluded.body,
          etag = excluded.etag, origin = excluded.origin,
          review_status_changes_at = excluded.review_status_changes_at,
          review_flags = excluded.review_flags, needs_review = excluded.needs_review, is_stale = 0,
          updated_at = excluded.updated_at`,
    })
  },
  markStale: async ({ articleIds, req }) => {
    const run = (statement: Statement) => runIn({ adapter, req, statement })
    if (articleIds === 'all') {
      await run(sql`UPDATE published_articles SET is_stale = 1 WHERE is_stale = 0`)
      return
    }
    for (const ids of chunks(articleIds)) {
      await run(
        sql`UPDATE published_articles SET is_stale = 1 WHERE article_id IN (${sql.join(
          ids.map((id) => sql`${id}`),
          sql`, `,
        )})`,
      )
    }
  },
})

type MongoSnapshot = {
  article?: unknown
  body?: string
  etag?: string
  origin?: string
  isStale?: boolean
  reviewStatusChangesAt?: Date | string | null
}

/** The native driver's findOne on Payload's Mongoose model; Payload's adapter (one call each) for writes. */
const mongoStore = ({
  adapter,
  payload,
}: {
  adapter: MongooseAdapter
  payload: Payload
}): SnapshotStore => ({
  findBySlug: async (slug) => {
    const doc = (await adapter.collections[PUBLISHED_ARTICLES]?.collection.findOne(
      { slug },
      {
        projection: {
          article: 1,
          body: 1,
          etag: 1,
          origin: 1,
          isStale: 1,
          reviewStatusChangesAt: 1,
        },
      },
    )) as MongoSnapshot | null
    if (!doc || doc.article === null || doc.article === undefined) {
      return null
    }
    const changesAt = doc.reviewStatusChangesAt
    return {
      articleId: String(doc.article),
      body: Buffer.from(doc.body ?? ''),
      etag: doc.etag ?? '',
      origin: doc.origin ?? '',
      isStale: Boolean(doc.isStale),
      reviewStatusChangesAt: changesAt ? new Date(changesAt).toISOString() : null,
    }
  },
  save: async ({ articleId, rendered, req }) => {
    await payload.db.upsert({
      collection: PUBLISHED_ARTICLES,
      where: { article: { equals: articleId } },
      data: {
        ...rendered,
        article: articleId,
        needsReview: rendered.reviewFlags.length > 0,
        isStale: false,
      },
      req,
      returning: false,
    })
  },
  markStale: async ({ articleIds, req }) => {
    if (articleIds !== 'all' && articleIds.length === 0) {
      return
    }
    await payload.db.updateMany({
      collection: PUBLISHED_ARTICLES,
      where:
        articleIds === 'all' ? { isStale: { equals: false } } : { article: { in: articleIds } },
      data: { isStale: true },
      req,
      returning: false,
    })
  },
})

/** The read model's store for the database Payload runs on. */
export const snapshotStore = (payload: Payload): SnapshotStore =>
  payload.db.name === 'mongoose'
    ? mongoStore({ adapter: payload.db as unknown as MongooseAdapter, payload })
    : sqliteStore(payload.db as unknown as SQLiteAdapter)
