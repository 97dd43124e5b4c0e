import type { Payload, PayloadRequest } from 'payload'

import type { Article } from '@payload-types'
import { snapshotStore } from '@/db/readModelStore'

import { readabilityOf } from './readability'

/**
 * For the migration that introduced readability: measures every article as stored (for a live
 * article, its live version) below Payload's hooks, and marks every rendering stale so the
 * delivery API shows the figures. A draft saved after this is measured on its save.
 */
export const measureExistingArticles = async ({
  payload,
  req,
}: {
  payload: Payload
  req?: PayloadRequest
}): Promise<void> => {
  // Only the body: later migrations may not have added the columns today's config has yet.
  const { docs } = await payload.db.find<Article>({
    collection: 'articles',
    pagination: false,
    select: { body: true },
    req,
  })
  for (const article of docs) {
    await payload.db.updateOne({
      collection: 'articles',
      id: article.id,
      data: { readability: readabilityOf(article.body) },
      returning: false,
      req,
    })
  }
  await snapshotStore(payload).markStale({ articleIds: 'all', req })
}
