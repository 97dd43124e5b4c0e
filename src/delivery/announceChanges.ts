import type {
  CollectionAfterChangeHook,
  CollectionAfterDeleteHook,
  Config,
  GlobalAfterChangeHook,
  Plugin,
} from 'payload'

import { RENDERED_GLOBALS, renderedRelations } from './readModel/relations'
import { withCollectionHooks, withGlobalHooks } from '@/shared/configHooks'

import { emitContentChange } from './contentEvents'

/** Published content changed: caches drop what they hold. Draft saves of articles do not count. */
const announceChange: CollectionAfterChangeHook = ({ doc, previousDoc, collection }) => {
  const touchesLive =
    collection.slug !== 'articles' ||
    doc._status === 'published' ||
    previousDoc?._status === 'published'
  if (touchesLive) {
    emitContentChange({ collection: collection.slug, id: doc.id, slug: doc.slug ?? null })
  }
  return doc
}

const announceDelete: CollectionAfterDeleteHook = ({ doc, collection }) => {
  emitContentChange({ collection: collection.slug, id: doc.id, slug: doc.slug ?? null })
  return doc
}

const announceGlobalChange: GlobalAfterChangeHook = ({ doc, global }) => {
  emitContentChange({ collection: global.slug, id: global.slug })
  return doc
}

/**
 * Tells the delivery API's caches when published content changes: articles, everything a rendered
 * article shows (read from the articles collection's fields), and the publisher.
 */
export const announceChangesPlugin: Plugin = (config: Config): Config => ({
  ...config,
  collections: withCollectionHooks({
    collections: config.collections ?? [],
    slugs: ['articles', ...renderedRelations(config.collections ?? [])],
    hooks: { afterChange: [announceChange], afterDelete: [announceDelete] },
  }),
  globals: withGlobalHooks({
    globals: config.globals ?? [],
    slugs: RENDERED_GLOBALS,
    hooks: { afterChange: [announceGlobalChange] },
  }),
})
