import type { CollectionAfterChangeHook } from 'payload'

/** The content of a version restored onto a live article, saved as its next draft (see restoreAsDraft). */
export const saveRestoredDraft: CollectionAfterChangeHook = async ({ doc, req }) => {
  const restored = req.context.restoredDraft as Record<string, unknown> | undefined
  if (!restored) {
    return doc
  }
  delete req.context.restoredDraft
  // The nested save is the draft itself: restoreAsDraft then keeps it as it is.
  req.context.isRestoringAsDraft = true
  await req.payload.update({
    collection: 'articles',
    id: doc.id,
    data: restored,
    draft: true,
    depth: 0,
    overrideAccess: true,
    req,
  })
  return doc
}
