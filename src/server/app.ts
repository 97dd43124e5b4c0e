import type { IncomingMessage, ServerResponse } from 'node:http'

import express from 'express'
import type { Express, Request, Response } from 'express'
import type { Payload } from 'payload'
import proxyAddr from 'proxy-addr'

import type { DatabaseChoice } from '@/config/database'
import { deliveryOptionsFromEnv } from '@/config/delivery'
import type { DeliveryOptions } from '@/config/delivery'
import { BENCH_STATIC_PATH, benchStaticDir, isProduction, trustProxy } from '@/config/env'
import { limitsFromEnv } from '@/config/limits'
import type { Limits } from '@/config/limits'
import { rateLimitStore } from '@/db/rateLimitStore'
import { deliveryCache, deliveryRouter } from '@/delivery/router'

import { passClientAddress } from './clientAddress'
import { healthHandler } from './health'
import { bodySizeLimit, clientKeyOf, rateLimit } from './rateLimit'
import { boundedListQueries, supportedBody } from './requestGuards'
import { jsonAnswerHeaders, securityHeaders } from './securityHeaders'
import { fastArticle } from '@/delivery/http/fastArticle'
import type { EarlyHandler } from '@/delivery/http/fastArticle'
import { snapshotStore } from '@/db/readModelStore'
import { renderingKey } from '@/delivery/readModel/render'
import { publicSite } from '@/config/publicSite'
import { RETRACTIONS } from '@/shared/collections'

type NextHandler = (req: Request, res: Response) => Promise<void>

type Handle = (req: IncomingMessage, res: ServerResponse, callback?: unknown) => void

/**
 * `first` sees each request before Express does anything with it (Express 5's `app.handle` gives
 * every request its prototype, `res.locals` and its router's bookkeeping); what it leaves goes on
 * to Express unchanged.
 */
const answerBeforeExpress = (app: Express, first: EarlyHandler): void => {
  const expressApp = app as unknown as { handle: Handle }
  const handle = expressApp.handle.bind(app)
  expressApp.handle = (req, res, callback) => first(req, res, () => handle(req, res, callback))
}

/** The Express app: health, the delivery API, then Next (admin, REST, GraphQL). */
export const createApp = ({
  payload,
  adapter,
  handleNext,
  delivery = deliveryOptionsFromEnv(),
  limits = limitsFromEnv(),
  isDev = false,
  isProduction: production = isProduction(),
  fastArticles = true,
  renderThread = () => 'off',
  lookupThread = () => 'off',
  readModelCache = () => ({ state: 'off' }),
}: {
  payload: Payload
  adapter: DatabaseChoice['adapter']
  handleNext?: NextHandler
  delivery?: DeliveryOptions
  limits?: Limits
  /** Next in development mode: the admin's CSP then allows eval. */
  isDev?: boolean
  /** Adds HSTS. Next changes NODE_ENV as it prepares: pass the value from before. */
  isProduction?: boolean
  /** Articles by slug answered before the router (see fastArticle); off only to compare. */
  fastArticles?: boolean
  /** The render thread's state, for /health: 'off' when the server has none. */
  renderThread?: () => string
  /** The lookup thread's state (src/db/readModelStore/lookupThread.ts), for /health. */
  lookupThread?: () => string
  /** Whether the read model is kept cached (src/db/readModelStore/keepWarm.ts), for /health. */
  readModelCache?: () => { state: string }
}): Express => {
  const app = express()
  const deliveryLimitStore = rateLimitStore({ payload, prefix: 'delivery:' })
  const deliveryLimiter = rateLimit({
    max: limits.deliveryPerMinute,
    windowMs: 60_000,
    message: 'Too many requests; slow down and retry after the number of seconds in Retry-After.',
    store: deliveryLimitStore,
  })
  const cache = deliveryCache(delivery)
  if (fastArticles) {
    // First of all: the most frequent request, answered as the router below would answer it.
    answerBeforeExpress(
      app,
      fastArticle({
        store: snapshotStore(payload),
        cache,
        key: renderingKey(publicSite()),
        cacheControl: delivery.cacheControl,
        corsOrigins: delivery.corsOrigins,
        jsonHeaders: jsonAnswerHeaders({ isProduction: production }),
        limit: {
          max: limits.deliveryPerMinute,
          store: deliveryLimitStore,
          // The address Express's req.ip gives, under the same TRUST_PROXY setting.
          keyOf: (req) => clientKeyOf(proxyAddr(req, app.get('trust proxy fn'))),
        },
      }),
    )
  }
  // `npm run bench` compares the delivery API with a file served by express.static in this process.
  const staticDir = benchStaticDir()
  // First, so every answer has them: 404s, 429s and 413s included.
  app.use(
    securityHeaders({
      isDev,
      isProduction: production,
      uploadSlugs: payload.config.collections
        .filter((collection) => collection.upload)
        .map((collection) => collection.slug),
      filePrefixes: staticDir ? [`${BENCH_STATIC_PATH}/`] : [],
    }),
  )
  app.disable('x-powered-by')
  // The delivery API sets strong ETags of its own.
  app.set('etag', false)
  // Behind proxies, TRUST_PROXY says how many (or which) may name the client's address.
  app.set('trust proxy', trustProxy())
  app.use(passClientAddress)
  app.get(
    '/health',
    healthHandler({ payload, adapter, renderThread, lookupThread, readModelCache }),
  )
  if (staticDir) {
    app.use(BENCH_STATIC_PATH, express.static(staticDir, { etag: true }))
  }
  app.use(
    '/content/v1',
    deliveryLimiter,
    deliveryRouter({ payload, options: delivery, secret: payload.secret, cache }),
  )
  const uploadPaths = [
    ...payload.config.collections
      .filter((collection) => collection.upload)
      .map((collection) => `/${collection.slug}`),
    // A retraction list arrives as a file too (docs/governance.md).
    `/${RETRACTIONS}/import`,
  ]
  app.use(
    '/api',
    bodySizeLimit({
      maxBytes: limits.maxBodyBytes,
      maxUploadBytes: limits.maxUploadBytes,
      uploadPaths,
    }),
    supportedBody,
    boundedListQueries,
  )
  // Signoff has no public pages of its own: its address leads to the admin.
  app.get('/', (_req, res) => {
    res.redirect(302, '/admin')
  })
  if (handleNext) {
    app.all('/{*splat}', (req, res) => handleNext(req, res))
  }
  return app
}
