import type { CollectionAfterChangeHook } from 'payload'

import type { ReviewComment } from '@payload-types'
import { idOf } from '@/shared/idOf'
import { notifyComment } from '@/notifications/notifyComment'

/**
 * Tells the other side of the conversation about a new comment or reply (through the
 * notifications queue, after the request). Comments that ride with a request-changes decision
 * are announced by that decision's own e-mail.
 */
export const announceComment: CollectionAfterChangeHook<ReviewComment> = async ({
  doc,
  operation,
  req,
  context,
}) => {
  const article = idOf(doc.article)
  const author = idOf(doc.author)
  if (operation !== 'create' || context.withDecision || article === null || author === null) {
    return doc
  }
  const parentId = idOf(doc.parent)
  const parent =
    parentId === null
      ? null
      : await req.payload.findByID({
          collection: 'review-comments',
          id: parentId,
          depth: 0,
          overrideAccess: true,
          req,
          disableErrors: true,
        })
  await notifyComment({
    payload: req.payload,
    req,
    comment: {
      article,
      author,
      parent: parentId === null ? null : { author: idOf(parent?.author) },
    },
  })
  return doc
}
