import express from 'express'
import type { Router } from 'express'
import type { Payload } from 'payload'

import { DEFAULT_CACHE_MAX_MB } from '@/config/delivery'
import type { DeliveryOptions } from '@/config/delivery'
import { serverUrl } from '@/config/env'
import { publicSite } from '@/config/publicSite'
import { onContentChange } from './contentEvents'
import { cachedHandler } from './http/cached'
import { canonicalUrl } from './http/canonical'
import { cors } from './http/cors'
import { badRequest, databaseUnavailable, notFound } from './http/errors'
import { articleBySlug, articleList } from './resources/articles'
import { openApi } from './resources/openapi'
import { personProfile } from './resources/people'
import { preview } from './resources/preview'
import { topicList } from './resources/topics'
import { ResponseCache } from './responseCache'

/** The delivery API's in-process response cache, emptied whenever content changes. */
export const deliveryCache = (options: DeliveryOptions): ResponseCache => {
  const cache = new ResponseCache({
    ttlMs: options.cacheTtlMs,
    maxBytes: options.cacheMaxBytes ?? DEFAULT_CACHE_MAX_MB * 1024 * 1024,
  })
  onContentChange(() => cache.clear())
  return cache
}

/**
 * The public content API, mounted at /content/v1. Lists and profiles read through the Local API as
 * an anonymous visitor (`overrideAccess: false`), so only live published versions can come out; an
 * article by slug is its live version as rendered when it was published (src/delivery/readModel/).
 */
export const deliveryRouter = ({
  payload,
  options,
  secret,
  cache: sharedCache,
}: {
  payload: Payload
  options: DeliveryOptions
  secret: string
  /** The response cache, when the fast article path shares it. */
  cache?: ResponseCache
}): Router => {
  const origin = serverUrl()
  const site = publicSite()
  const { cacheControl } = options
  const cache = sharedCache ?? deliveryCache(options)
  const cached = cachedHandler({ cache, cacheControl })

  const router = express.Router()
  router.use(cors({ origins: options.corsOrigins }))
  router.use(canonicalUrl({ cacheControl }))
  router.get('/articles', cached(articleList({ payload, site })))
  router.get('/articles/:slug', cached(articleBySlug({ payload, site })))
  router.get('/topics', cached(topicList({ payload, site })))
  router.get('/authors/:slug', cached(personProfile({ payload, collection: 'authors', site })))
  router.get(
    '/reviewers/:slug',
    cached(personProfile({ payload, collection: 'medical-reviewers', site })),
  )
  router.get('/openapi.json', openApi({ origin, cacheControl }))
  router.get('/preview/articles/:id', preview({ payload, site, secret }))
  router.use(notFound)
  router.use(badRequest)
  router.use(databaseUnavailable({ payload }))
  return router
}
