import type { Config, Plugin } from 'payload'

import {
  markAllStale,
  markDependentsStale,
  markDependentsStaleOnDelete,
} from './markDependentsStale'
import { RENDERED_GLOBALS, renderedRelations } from './relations'
import { removeRendering, renderLiveArticle } from './renderLiveArticle'

/**
 * Keeps the read model true (src/readModel/): every saved article is rendered again (or its
 * rendering removed), and a change to anything a rendered article shows (the collections its
 * fields point at, and the publisher) marks those renderings stale for the refresh job.
 */
export const readModelPlugin: Plugin = (config: Config): Config => {
  const shown = renderedRelations(config.collections ?? [])
  return {
    ...config,
    collections: (config.collections ?? []).map((collection) => {
      const hooks = collection.hooks ?? {}
      if (collection.slug === 'articles') {
        return {
          ...collection,
          hooks: {
            ...hooks,
            afterChange: [...(hooks.afterChange ?? []), renderLiveArticle],
            afterDelete: [...(hooks.afterDelete ?? []), removeRendering],
          },
        }
      }
      if (!shown.includes(collection.slug)) {
        return collection
      }
      return {
        ...collection,
        hooks: {
          ...hooks,
          afterChange: [...(hooks.afterChange ?? []), markDependentsStale],
          // Before the delete: afterwards SQLite has already cleared the references to it.
          beforeDelete: [...(hooks.beforeDelete ?? []), markDependentsStaleOnDelete],
        },
      }
    }),
    globals: (config.globals ?? []).map((global) =>
      (RENDERED_GLOBALS as readonly string[]).includes(global.slug)
        ? {
            ...global,
            hooks: {
              ...global.hooks,
              afterChange: [...(global.hooks?.afterChange ?? []), markAllStale],
            },
          }
        : global,
    ),
  }
}
