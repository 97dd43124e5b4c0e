import type { CollectionBeforeChangeHook, CollectionBeforeDeleteHook } from 'payload'

import type { ReviewComment, User } from '@payload-types'
import { RefusedError, refused } from '@/shared/RefusedError'
import { idOf } from '@/shared/idOf'

/**
 * A comment's text is its author's alone; anyone else who may read it may only resolve or reopen
 * it. Resolving records who and when.
 */
export const guardCommentChange: CollectionBeforeChangeHook<ReviewComment> = ({
  data,
  operation,
  originalDoc,
  req,
}) => {
  if (operation !== 'update' || !originalDoc) {
    return data
  }
  const user = req.user as User | null
  const isAuthor = user !== null && String(idOf(originalDoc.author)) === String(user.id)
  if (user && !isAuthor && data.body !== undefined && data.body !== originalDoc.body) {
    throw refused({
      code: 'COMMENT_NOT_YOURS',
      message: "Only a comment's author changes its text; you may resolve it or reply.",
    })
  }
  if (data.status !== undefined && data.status !== originalDoc.status) {
    const isResolved = data.status === 'resolved'
    return {
      ...data,
      resolvedBy: isResolved ? (user?.id ?? null) : null,
      resolvedAt: isResolved ? new Date().toISOString() : null,
    }
  }
  return data
}

/** Once its article has been through review, a comment is part of the record: resolved, never deleted. */
export const keepReviewedComments: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const comment = await req.payload.findByID({
    collection: 'review-comments',
    id,
    depth: 0,
    overrideAccess: true,
    req,
    disableErrors: true,
  })
  const article = idOf(comment?.article)
  if (article === null) {
    return
  }
  const { totalDocs } = await req.payload.count({
    collection: 'review-records',
    where: { article: { equals: article } },
    req,
  })
  if (totalDocs > 0) {
    throw new RefusedError([
      {
        code: 'HAS_REVIEW_HISTORY',
        message:
          'Comments on an article that has been through review are kept; resolve it instead.',
      },
    ])
  }
}

/**
 * An article that may be deleted (never submitted, so no review record) takes its comments with
 * it. Runs after the check that keeps reviewed articles.
 */
export const deleteCommentsOfArticle: CollectionBeforeDeleteHook = async ({ id, req }) => {
  await req.payload.delete({
    collection: 'review-comments',
    where: { article: { equals: id } },
    overrideAccess: true,
    req,
  })
}
