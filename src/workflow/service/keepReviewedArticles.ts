import type { CollectionBeforeDeleteHook } from 'payload'

import { RefusedError } from '@/shared/RefusedError'

/**
 * Review records are permanent and point at their article, so an article that has been through
 * review is archived, never deleted. Articles nobody has submitted yet may be deleted.
 */
export const keepReviewedArticles: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const { totalDocs } = await req.payload.count({
    collection: 'review-records',
    where: { article: { equals: id } },
    req,
  })
  if (totalDocs > 0) {
    throw new RefusedError([
      {
        code: 'HAS_REVIEW_HISTORY',
        message: `This article has ${totalDocs} review record${totalDocs === 1 ? '' : 's'}, which are kept for good; archive it instead of deleting it.`,
      },
    ])
  }
}
