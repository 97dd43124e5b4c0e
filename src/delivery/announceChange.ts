import type {
  CollectionAfterChangeHook,
  CollectionAfterDeleteHook,
  GlobalAfterChangeHook,
} from 'payload'

import { emitContentChange } from './contentEvents'

/** Published content changed: caches drop what they hold. Draft saves of articles do not count. */
export const announceChange: CollectionAfterChangeHook = ({ doc, previousDoc, collection }) => {
  const touchesLive =
    collection.slug !== 'articles' ||
    doc._status === 'published' ||
    previousDoc?._status === 'published'
  if (touchesLive) {
    emitContentChange({ collection: collection.slug, id: doc.id, slug: doc.slug ?? null })
  }
  return doc
}

export const announceDelete: CollectionAfterDeleteHook = ({ doc, collection }) => {
  emitContentChange({ collection: collection.slug, id: doc.id, slug: doc.slug ?? null })
  return doc
}

export const announceGlobalChange: GlobalAfterChangeHook = ({ doc, global }) => {
  emitContentChange({ collection: global.slug, id: global.slug })
  return doc
}
