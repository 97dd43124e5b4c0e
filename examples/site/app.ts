/**
 * The reference public site: an Express app that renders HTML from Signoff's delivery API, read
 * through the typed client (examples/client) and a small ETag cache. It never touches the CMS's
 * database or code: only `/content/v1`.
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import express from 'express'
import type { NextFunction, Request, RequestHandler, Response } from 'express'
import helmet from 'helmet'

import { createSignoffClient } from '../client'
import { createApiCache } from './apiCache'
import type { SiteConfig } from './config'
import { ApiUnavailable, contentFrom } from './content'
import type { Html } from './html'
import { articlePage } from './pages/article'
import { notFoundPage, unavailablePage } from './pages/errors'
import { homePage, topicPage, topicsPage } from './pages/home'
import { authorPage, reviewerPage } from './pages/person'
import { sitemap } from './pages/sitemap'
import { webhookReceiver } from './webhook'

const PUBLIC_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'public')
// The API's slug pattern (see its OpenAPI document): anything else cannot be a page.
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

export const createSite = ({
  config,
  log = console,
}: {
  config: SiteConfig
  log?: Pick<Console, 'warn' | 'info' | 'error'>
}) => {
  const cache = createApiCache()
  const client = createSignoffClient(config.signoffUrl, { fetch: cache.fetch })
  const content = contentFrom({ client })
  const site = { name: config.siteName, url: config.siteUrl }
  const app = express()
  app.disable('x-powered-by')

  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'none'"],
          // The JSON-LD is data, not a script that runs: no script needs to run at all.
          scriptSrc: ["'none'"],
          styleSrc: ["'self'"],
          // Hero images come from the CMS's media files (or a CDN in front of them).
          imgSrc: ["'self'", new URL(config.signoffUrl).origin, 'https:'],
          baseUri: ["'none'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
      xFrameOptions: { action: 'deny' },
      strictTransportSecurity: config.isProduction,
    }),
  )

  // Pages are revalidated (Express answers 304 to a matching ETag): a purge reaches readers at once.
  const send = (res: Response, page: Html, status = 200, cacheControl = 'no-cache') => {
    res.status(status).set('Cache-Control', cacheControl).type('html').send(page.value)
  }
  const notFound = (res: Response) => send(res, notFoundPage({ site }), 404)
  /** A page whose slug cannot exist is a 404 without asking the API. */
  const withSlug =
    (render: (slug: string, res: Response) => Promise<void>): RequestHandler =>
    async (req, res) => {
      const slug = String(req.params.slug)
      if (!SLUG.test(slug)) {
        notFound(res)
        return
      }
      await render(slug, res)
    }

  app.use(
    express.static(PUBLIC_DIR, { maxAge: '1h', index: false, redirect: false, dotfiles: 'ignore' }),
  )

  app.get('/', async (_req, res) => {
    const [latest, topics] = await Promise.all([
      content.latestArticles({ limit: 10 }),
      content.topics(),
    ])
    send(res, homePage({ site, articles: latest.docs, topics }))
  })

  app.get(
    '/articles/:slug',
    withSlug(async (slug, res) => {
      const article = await content.article(slug)
      if (!article) {
        notFound(res)
        return
      }
      send(res, articlePage({ site, article }))
    }),
  )

  app.get('/topics', async (_req, res) => {
    send(res, topicsPage({ site, topics: await content.topics() }))
  })

  app.get(
    '/topics/:slug',
    withSlug(async (slug, res) => {
      const topic = (await content.topics()).find((each) => each.slug === slug)
      if (!topic) {
        notFound(res)
        return
      }
      const articles = await content.articlesOnTopic({ topic: slug })
      send(res, topicPage({ site, topic, articles: articles.docs }))
    }),
  )

  app.get(
    '/authors/:slug',
    withSlug(async (slug, res) => {
      const author = await content.author(slug)
      if (!author) {
        notFound(res)
        return
      }
      send(res, authorPage({ site, author }))
    }),
  )

  app.get(
    '/reviewers/:slug',
    withSlug(async (slug, res) => {
      const reviewer = await content.reviewer(slug)
      if (!reviewer) {
        notFound(res)
        return
      }
      send(res, reviewerPage({ site, reviewer }))
    }),
  )

  app.get('/sitemap.xml', async (_req, res) => {
    const [articles, topics] = await Promise.all([content.allArticles(), content.topics()])
    res
      .set('Cache-Control', 'no-cache')
      .type('application/xml')
      .send(sitemap({ siteUrl: config.siteUrl, articles, topics }))
  })

  app.get('/robots.txt', (_req, res) => {
    res.type('text/plain').send(`User-agent: *\nAllow: /\nSitemap: ${config.siteUrl}/sitemap.xml\n`)
  })

  app.post(
    '/webhooks/signoff',
    ...webhookReceiver({
      secret: config.webhookSecret,
      onContentChange: () => cache.clear(),
      log,
    }),
  )

  app.use((_req, res) => notFound(res))

  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (error instanceof ApiUnavailable || error instanceof TypeError) {
      // TypeError: fetch could not reach the CMS.
      log.error(`The delivery API could not answer: ${(error as Error).message}`)
    } else {
      log.error(error)
    }
    res.set('Retry-After', '30')
    send(res, unavailablePage({ site }), 503, 'no-store')
  })

  return { app, cache }
}
