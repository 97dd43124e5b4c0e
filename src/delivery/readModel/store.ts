import type { MongooseAdapter } from '@payloadcms/db-mongodb'
import { sql } from '@payloadcms/db-sqlite'
import type { SQLiteAdapter } from '@payloadcms/db-sqlite'
import type { Payload, PayloadRequest } from 'payload'

import { PUBLISHED_ARTICLES } from '../../../collections/PublishedArticles'

/** One stored rendering of a live article, as the delivery API needs it. */
export type StoredSnapshot = {
  articleId: number | string
  body: string
  etag: string
  origin: string
  isStale: boolean
  reviewStatusChangesAt: string | null
}

type ArticleIds = (number | string)[] | 'all'

/**
 * The two operations on the read model that run often enough for Payload's per-call overhead to
 * matter: the delivery API's lookup by slug, and marking many renderings stale at once. Writes of
 * single renderings go through Payload's adapter API (src/delivery/readModel/refresh.ts).
 */
export type SnapshotStore = {
  findBySlug: (slug: string) => Promise<StoredSnapshot | null>
  /** In `req`'s transaction, so the change that made them stale and the mark commit together. */
  markStale: (args: { articleIds: ArticleIds; req?: Partial<PayloadRequest> }) => Promise<void>
}

// SQLite allows at most 32,766 bound values per statement; stay far below.
const CHUNK = 500

const chunks = <T>(items: T[]): T[][] =>
  Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, i) =>
    items.slice(i * CHUNK, (i + 1) * CHUNK),
  )

/** One prepared statement on libsql for reads; the transaction's drizzle session for writes. */
const sqliteStore = (adapter: SQLiteAdapter): SnapshotStore => ({
  findBySlug: async (slug) => {
    const { rows } = await adapter.client.execute({
      sql: 'SELECT article_id, body, etag, origin, is_stale, review_status_changes_at FROM published_articles WHERE slug = ? LIMIT 1',
      args: [slug],
    })
    const row = rows[0]
    if (!row || row.article_id === null) {
      return null
    }
    return {
      articleId: Number(row.article_id),
      body: String(row.body),
      etag: String(row.etag),
      origin: String(row.origin),
      isStale: Boolean(row.is_stale),
      reviewStatusChangesAt:
        row.review_status_changes_at === null ? null : String(row.review_status_changes_at),
    }
  },
  markStale: async ({ articleIds, req }) => {
    const transactionId = req?.transactionID ? await req.transactionID : undefined
    const db =
      (transactionId !== undefined && adapter.sessions?.[transactionId]?.db) || adapter.drizzle
    const run = (statement: ReturnType<typeof sql>) =>
      (db as unknown as { run: (s: ReturnType<typeof sql>) => Promise<unknown> }).run(statement)
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

/** The native driver's findOne on Payload's Mongoose model; Payload's updateMany (one call) for marks. */
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
      body: doc.body ?? '',
      etag: doc.etag ?? '',
      origin: doc.origin ?? '',
      isStale: Boolean(doc.isStale),
      reviewStatusChangesAt: changesAt ? new Date(changesAt).toISOString() : null,
    }
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
