import type { CollectionAfterChangeHook, CollectionAfterDeleteHook } from 'payload'

import { refreshSnapshot } from './refresh'
import { renderLater } from './renderAtEnd'

/**
 * Every saved article: its live version is rendered for the delivery API in the same transaction
 * (publish, republish), or its rendering removed (archive). A draft save re-renders the unchanged
 * live version, which costs one read and keeps this rule free of guesses about what changed.
 * In a batch (`renderAtEnd`), at the batch's end, still in its transaction.
 */
export const renderLiveArticle: CollectionAfterChangeHook = async ({ doc, req }) => {
  if (renderLater({ req, articleId: doc.id })) {
    return doc
  }
  await refreshSnapshot({ req, articleId: doc.id })
  return doc
}

export const removeRendering: CollectionAfterDeleteHook = async ({ id, req }) => {
  await refreshSnapshot({ req, articleId: id })
}
