import type { Config, Plugin } from 'payload'

import { withCollectionHooks, withGlobalHooks } from '@/shared/configHooks'

import {
  markAllStale,
  markDependentsStale,
  markDependentsStaleOnDelete,
} from './markDependentsStale'
import { RENDERED_GLOBALS, renderedRelations } from './relations'
import { removeRendering, renderLiveArticle } from './renderLiveArticle'

/**
 * Keeps the read model true: every saved article is rendered again (or its rendering removed),
 * and a change to anything a rendered article shows (the collections its fields point at, and the
 * publisher) marks those renderings stale for the refresh job.
 */
export const readModelPlugin: Plugin = (config: Config): Config => {
  const articles = withCollectionHooks({
    collections: config.collections ?? [],
    slugs: ['articles'],
    hooks: { afterChange: [renderLiveArticle], afterDelete: [removeRendering] },
  })
  return {
    ...config,
    collections: withCollectionHooks({
      collections: articles,
      slugs: renderedRelations(articles),
      // Before a delete: afterwards SQLite has already cleared the references to it.
      hooks: { afterChange: [markDependentsStale], beforeDelete: [markDependentsStaleOnDelete] },
    }),
    globals: withGlobalHooks({
      globals: config.globals ?? [],
      slugs: RENDERED_GLOBALS,
      hooks: { afterChange: [markAllStale] },
    }),
  }
}
