import type { CollectionAfterChangeHook, CollectionAfterDeleteHook } from 'payload'

import { refreshSnapshot } from './refresh'

/**
 * Every saved article: its live version is rendered for the delivery API in the same transaction
 * (publish, republish), or its rendering removed (archive). A draft save re-renders the unchanged
 * live version, which costs one read and keeps this rule free of guesses about what changed.
 */
export const renderLiveArticle: CollectionAfterChangeHook = async ({ doc, req }) => {
  await refreshSnapshot({ req, articleId: doc.id })
  return doc
}

export const removeRendering: CollectionAfterDeleteHook = async ({ id, req }) => {
  await refreshSnapshot({ req, articleId: id })
}
