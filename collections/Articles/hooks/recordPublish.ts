import type { CollectionAfterChangeHook } from 'payload'

import { recordPendingPublish } from '@/workflow/service/enforceOnSave'

/** A publish through Payload's own doors is recorded like one through the workflow endpoint. */
export const recordPublish: CollectionAfterChangeHook = async ({ doc, req }) => {
  await recordPendingPublish({ articleId: doc.id, req })
  return doc
}
