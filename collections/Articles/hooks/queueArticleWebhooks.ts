import type { CollectionAfterChangeHook } from 'payload'

import { queueWebhooks } from '@/webhooks/webhooks'

/** Tells subscribers when an article goes live (first time or again) and when it is archived. */
export const queueArticleWebhooks: CollectionAfterChangeHook = async ({
  doc,
  previousDoc,
  req,
  context,
}) => {
  // A version restore writes the live document back as it was: nothing went live or offline.
  if (context.isRestoringVersion) {
    return doc
  }
  const wasLive = previousDoc?._status === 'published' && previousDoc?.stage === 'published'
  if (doc._status === 'published' && doc.stage === 'published' && !wasLive) {
    await queueWebhooks({ payload: req.payload, req, event: 'article.published', article: doc })
  } else if (doc.stage === 'archived' && previousDoc?.stage !== 'archived') {
    await queueWebhooks({ payload: req.payload, req, event: 'article.archived', article: doc })
  }
  return doc
}
