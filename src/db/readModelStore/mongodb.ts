import type { MongooseAdapter } from '@payloadcms/db-mongodb'
import type { Payload } from 'payload'

import { PUBLISHED_ARTICLES } from '@/shared/collections'
import { literalPattern } from '@/shared/literalPattern'

import type { SnapshotStore } from './types'
import { bodyColumns, decodeVariants, encodeVariants, storedBody } from './variants'

type MongoSnapshot = {
  article?: unknown
  body?: string | null
  bodyBr?: string | null
  bodyGzip?: string | null
  bodyLz4?: string | null
  etag?: string
  origin?: string
  isStale?: boolean
  servableWhileStale?: boolean
  reviewStatusChangesAt?: Date | string | null
  updatedAt?: Date | string | null
}

/** Every word, literally and case ignored, in `field`. */
const allWordsIn = (field: 'title' | 'summary', words: string[]) => ({
  $and: words.map((word) => ({ [field]: { $regex: literalPattern(word), $options: 'i' } })),
})

/** The native driver's findOne on Payload's Mongoose model; Payload's adapter (one call each) for writes. */
export const mongoStore = ({
  adapter,
  payload,
}: {
  adapter: MongooseAdapter
  payload: Payload
}): SnapshotStore => {
  const store: Omit<SnapshotStore, 'lendBySlug'> = {
    findBySlug: async (slug, wanted = 'all') => {
      const doc = (await adapter.collections[PUBLISHED_ARTICLES]?.collection.findOne(
        { slug },
        {
          projection: {
            article: 1,
            body: 1,
            ...(wanted === 'all' || wanted === 'br' ? { bodyBr: 1 } : {}),
            ...(wanted === 'all' || wanted === 'gzip' ? { bodyGzip: 1 } : {}),
            // Read for every encoding: a body stored compressed only takes its length from it.
            bodyLz4: 1,
            etag: 1,
            origin: 1,
            isStale: 1,
            servableWhileStale: 1,
            reviewStatusChangesAt: 1,
            updatedAt: 1,
          },
        },
      )) as MongoSnapshot | null
      if (!doc || doc.article === null || doc.article === undefined) {
        return null
      }
      const changesAt = doc.reviewStatusChangesAt
      return {
        articleId: String(doc.article),
        body: doc.body === null || doc.body === undefined ? null : Buffer.from(doc.body),
        variants: decodeVariants({ br: doc.bodyBr, gzip: doc.bodyGzip, lz4: doc.bodyLz4 }),
        etag: doc.etag ?? '',
        origin: doc.origin ?? '',
        isStale: Boolean(doc.isStale),
        servableWhileStale: Boolean(doc.isStale) && Boolean(doc.servableWhileStale),
        reviewStatusChangesAt: changesAt ? new Date(changesAt).toISOString() : null,
        renderedAt: doc.updatedAt ? new Date(doc.updatedAt).toISOString() : null,
      }
    },
    articleIdsToRefresh: async ({ now, otherThan }) => {
      const otherSettings = otherThan === undefined ? [] : [{ origin: { $ne: otherThan } }]
      const docs = await adapter.collections[PUBLISHED_ARTICLES]?.collection
        .find(
          {
            $or: [{ isStale: true }, { reviewStatusChangesAt: { $lte: now } }, ...otherSettings],
          },
          { projection: { article: 1 } },
        )
        .toArray()
      return (docs ?? []).flatMap((doc) =>
        doc.article === null || doc.article === undefined ? [] : [String(doc.article)],
      )
    },
    oldestOrigin: async () => {
      const [doc] =
        (await adapter.collections[PUBLISHED_ARTICLES]?.collection
          .find({ article: { $ne: null } }, { projection: { origin: 1 } })
          .sort({ updatedAt: 1 })
          .limit(1)
          .toArray()) ?? []
      return doc ? String(doc.origin ?? '') : null
    },
    searchLive: async ({ words, topicId, page, limit }) => {
      const rows = adapter.collections[PUBLISHED_ARTICLES]?.collection
      const articles = adapter.collections.articles?.collection
      if (!rows || !articles) {
        return { ids: [], totalDocs: 0 }
      }
      // Payload keeps relationships as ObjectIds.
      // (isValidObjectId would take a number, which ObjectId then refuses.)
      const { isObjectIdOrHexString, Types } = adapter.connection.base
      const inTopic =
        topicId === undefined
          ? []
          : [
              {
                article: {
                  $in: await articles.distinct('_id', {
                    topics: isObjectIdOrHexString(topicId)
                      ? new Types.ObjectId(String(topicId))
                      : topicId,
                  }),
                },
              },
            ]
      const filter = {
        $and: [
          { article: { $ne: null } },
          // No word: every live article, as text that contains every one of no words.
          ...(words.length === 0
            ? []
            : [{ $or: [allWordsIn('title', words), allWordsIn('summary', words)] }]),
          ...inTopic,
        ],
      }
      const [found, totalDocs] = await Promise.all([
        rows
          // The article's id alone (no _id): what the search index holds, so MongoDB may answer from it.
          .find(filter, { projection: { _id: 0, article: 1 } })
          .sort({ publishedAt: -1, article: -1 })
          .skip((page - 1) * limit)
          .limit(limit)
          .toArray(),
        rows.countDocuments(filter),
      ])
      return { ids: found.map((doc) => String(doc.article)), totalDocs }
    },
    save: async ({ articleId, rendered: { variants, ...rendered }, req }) => {
      const stored = encodeVariants(variants)
      await payload.db.upsert({
        collection: PUBLISHED_ARTICLES,
        where: { article: { equals: articleId } },
        data: {
          ...rendered,
          body: storedBody(rendered.body, stored),
          ...bodyColumns(stored),
          article: articleId,
          needsReview: rendered.reviewFlags.length > 0,
          isStale: false,
          servableWhileStale: false,
          // Payload's operations set it; this write goes to the adapter directly.
          updatedAt: new Date().toISOString(),
        },
        req,
        returning: false,
      })
    },
    saveVariants: async ({ articleId, etag, variants, req }) => {
      await payload.db.updateMany({
        collection: PUBLISHED_ARTICLES,
        where: { and: [{ article: { equals: articleId } }, { etag: { equals: etag } }] },
        data: bodyColumns(encodeVariants(variants), { dropsBody: true }),
        req,
        returning: false,
      })
    },
    markStale: async ({ articleIds, servable = false, req }) => {
      if (articleIds !== 'all' && articleIds.length === 0) {
        return
      }
      const scope = articleIds === 'all' ? [] : [{ article: { in: articleIds } }]
      await payload.db.updateMany({
        collection: PUBLISHED_ARTICLES,
        where: { and: [...scope, { isStale: { not_equals: true } }] },
        data: { isStale: true, servableWhileStale: servable },
        req,
        returning: false,
      })
      if (!servable) {
        // Already stale for presentation: now stale for a reason readers must not see past.
        await payload.db.updateMany({
          collection: PUBLISHED_ARTICLES,
          where: { and: [...scope, { servableWhileStale: { equals: true } }] },
          data: { servableWhileStale: false },
          req,
          returning: false,
        })
      }
    },
  }
  // The driver hands over bytes of its own: lending is reading.
  return {
    ...store,
    lendBySlug: async (slug, wanted, use) => use(await store.findBySlug(slug, wanted)),
  }
}
