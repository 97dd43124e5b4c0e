import type { AnyBulkWriteOperation } from 'mongodb'
import type { MigrateDownArgs, MigrateUpArgs, MongooseAdapter } from '@payloadcms/db-mongodb'

import { PUBLISHED_ARTICLES } from '@/shared/collections'

const BATCH = 500

/**
 * The public search reads the read model: each rendering keeps its live version's title, summary
 * and publication date. Existing renderings take them from their article; a live article without
 * a rendering (published before the read model) gets a stale, empty one, which its first reader or
 * the refresh job renders. As the SQLite migration of the same name does.
 *
 * Written outside the migration's transaction: MongoDB ends a transaction after 60 s by default,
 * and a library of 100,000 articles may take longer, which would stop a production start. Every
 * step can be run again (fields set again, no rendering made twice), so a run cut short is
 * finished by the next one.
 */
export async function up({ payload }: MigrateUpArgs): Promise<void> {
  const adapter = payload.db as unknown as MongooseAdapter
  const rows = adapter.collections[PUBLISHED_ARTICLES]?.collection
  const articles = adapter.collections.articles?.collection
  if (!rows || !articles) {
    return
  }
  let batch: AnyBulkWriteOperation[] = []
  let done = 0
  const write = async () => {
    if (batch.length === 0) {
      return
    }
    await rows.bulkWrite(batch, { ordered: false })
    done += batch.length
    batch = []
    payload.logger.info(`Search fields for the read model: ${done} live articles`)
  }
  // A slug another row holds (one left by an article since renamed or removed) is not taken
  // again: the slug is unique, and the SQLite migration skips such an article too.
  const slugOwners = new Map<unknown, string>()
  for await (const row of rows.find({}, { projection: { _id: 0, slug: 1, article: 1 } })) {
    slugOwners.set(row.slug, String(row.article))
  }
  const live = articles.find(
    { _status: 'published', slug: { $nin: [null, ''] } },
    { projection: { slug: 1, title: 1, summary: 1, publishedAt: 1 } },
  )
  for await (const article of live) {
    const owner = slugOwners.get(article.slug)
    const now = new Date()
    batch.push({
      updateOne: {
        filter: { article: article._id },
        update: {
          $set: {
            title: article.title ?? null,
            summary: article.summary ?? null,
            publishedAt: article.publishedAt ?? null,
          },
          $setOnInsert: {
            slug: article.slug,
            etag: '',
            origin: '',
            isStale: true,
            servableWhileStale: false,
            needsReview: false,
            createdAt: now,
            updatedAt: now,
          },
        },
        upsert: owner === undefined || owner === String(article._id),
      },
    })
    if (batch.length === BATCH) {
      await write()
    }
  }
  await write()
}

/** The fields stay (older code ignores them); the stale, empty renderings made going up go. */
export async function down({ payload, session }: MigrateDownArgs): Promise<void> {
  const adapter = payload.db as unknown as MongooseAdapter
  await adapter.collections[PUBLISHED_ARTICLES]?.collection.deleteMany(
    // null matches a missing field too.
    { etag: '', body: null, bodyLz4: null },
    { session },
  )
}
