import type { CollectionAfterChangeHook } from 'payload'

import type { ReviewRecord } from '@payload-types'
import { idOf } from '@/shared/idOf'

import { eventOfAction } from './events'
import { queueNotification } from './queueNotification'

/**
 * After a decision is recorded, whichever door took it (the workflow endpoint, Payload's Publish
 * button, a job), tells the person whose turn it is. Queued in the decision's transaction.
 */
export const notifyDecision: CollectionAfterChangeHook<ReviewRecord> = async ({
  doc,
  operation,
  req,
}) => {
  const event = eventOfAction(doc.action)
  const articleId = idOf(doc.article)
  if (operation === 'create' && event && articleId !== null) {
    await queueNotification({
      payload: req.payload,
      req,
      event,
      articleId,
      actorId: idOf(doc.actor),
      actorName: doc.actorName ?? null,
    })
  }
  return doc
}
