import type { CollectionAfterChangeHook } from 'payload'

import { saveRestoredDraft as saveDraft } from '@/workflow/service/restoreAsDraft'

/** A version restored onto a live article becomes its next draft (see restoreAsDraft). */
export const saveRestoredDraft: CollectionAfterChangeHook = async ({ doc, req }) => {
  await saveDraft({ id: doc.id, req })
  return doc
}
