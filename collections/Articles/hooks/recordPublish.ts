import type { CollectionAfterChangeHook } from 'payload'

import { fingerprintOf } from '@/workflow/transitions'
import { recordDecision } from '@/workflow/service/recordDecision'
import type { PendingPublish } from './enforceEditorialWorkflow'

/** A publish through Payload's own doors leaves the same review record as one through the workflow endpoint. */
export const recordPublish: CollectionAfterChangeHook = async ({ doc, req }) => {
  const pending = req.context.pendingPublish as PendingPublish | undefined
  if (pending) {
    delete req.context.pendingPublish
    await recordDecision({
      req,
      articleId: doc.id,
      title: pending.title,
      article: pending.article,
      action: 'publish',
      to: 'published',
      fingerprint: fingerprintOf(pending.article),
      at: pending.at,
    })
  }
  return doc
}
