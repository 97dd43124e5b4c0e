import type {
  CollectionAfterChangeHook,
  CollectionAfterDeleteHook,
  Config,
  GlobalAfterChangeHook,
  Plugin,
} from 'payload'

import { RENDERED_GLOBALS, renderedRelations } from '@/readModel/relations'

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
export const announceChangesPlugin: Plugin = (config: Config): Config => {
  const announced = ['articles', ...renderedRelations(config.collections ?? [])]
  return {
    ...config,
    collections: (config.collections ?? []).map((collection) =>
      announced.includes(collection.slug)
        ? {
            ...collection,
            hooks: {
              ...collection.hooks,
              afterChange: [...(collection.hooks?.afterChange ?? []), announceChange],
              afterDelete: [...(collection.hooks?.afterDelete ?? []), announceDelete],
            },
          }
        : collection,
    ),
    globals: (config.globals ?? []).map((global) =>
      (RENDERED_GLOBALS as readonly string[]).includes(global.slug)
        ? {
            ...global,
            hooks: {
              ...global.hooks,
              afterChange: [...(global.hooks?.afterChange ?? []), announceGlobalChange],
            },
          }
        : global,
    ),
  }
}
