import express from 'express'
import type { NextFunction, Request, RequestHandler, Response, Router } from 'express'
import type { Payload, Where } from 'payload'

import { SLUG_PATTERN } from '@fields/slugField'
import type { Article, Author, MedicalReviewer } from '@payload-types'
import { serverUrl } from '@/config/env'
import { onContentChange } from './contentEvents'
import { openApiDocument } from './openapi'
import { isValidPreviewToken } from './previewToken'
import { isCurrent } from '@/readModel/render'
import { refreshSnapshotNow } from '@/readModel/refresh'
import { snapshotStore } from '@/db/readModelStore'
import { ResponseCache, strongEtag } from './responseCache'
import type { CachedResponse, Rendered } from './responseCache'
import {
  reviewerDisplayName,
  toArticleDetail,
  toArticleSummary,
  toTopicRef,
} from './serializers/article'
import { DEFAULT_CACHE_MAX_MB } from '@/config/delivery'
import type { DeliveryOptions } from '@/config/delivery'

const NOT_FOUND = { status: 404, json: { error: 'Not found' } }
const MAX_PAGE = 10_000

class BadRequest extends Error {}

/** A positive whole number from the query string, or the default; anything else is a 400. */
const intParam = (
  value: unknown,
  { name, fallback, max }: { name: string; fallback: number; max: number },
) => {
  if (value === undefined) {
    return fallback
  }
  const number = typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : NaN
  if (!Number.isInteger(number) || number < 1 || number > max) {
    throw new BadRequest(`"${name}" must be a whole number from 1 to ${max}.`)
  }
  return number
}

const textParam = (value: unknown, name: string): string | undefined => {
  if (value === undefined) {
    return undefined
  }
  if (typeof value !== 'string' || value.length > 200) {
    throw new BadRequest(`"${name}" must be a single text value of at most 200 characters.`)
  }
  return value.trim() || undefined
}

/**
 * The public content API, mounted at /content/v1. Lists and profiles read through the Local API as
 * an anonymous visitor (`overrideAccess: false`), so only live published versions can come out; an
 * article by slug is its live version as rendered when it was published (src/delivery/readModel).
 */
export const deliveryRouter = ({
  payload,
  options,
  secret,
}: {
  payload: Payload
  options: DeliveryOptions
  secret: string
}): Router => {
  const router = express.Router()
  const origin = serverUrl()
  const cache = new ResponseCache({
    ttlMs: options.cacheTtlMs,
    maxBytes: options.cacheMaxBytes ?? DEFAULT_CACHE_MAX_MB * 1024 * 1024,
  })
  onContentChange(() => cache.clear())
  const store = snapshotStore(payload)

  const publisherName = async () =>
    (await payload.findGlobal({ slug: 'publisher', depth: 0, overrideAccess: false })).name ?? null

  const liveArticles = (where: Where): Where => ({
    and: [{ _status: { equals: 'published' } }, where],
  })

  const listArticles = async ({
    where,
    page,
    limit,
  }: {
    where: Where
    page: number
    limit: number
  }) => {
    const result = await payload.find({
      collection: 'articles',
      where: liveArticles(where),
      sort: ['-publishedAt', '-id'],
      page,
      limit,
      depth: 1,
      draft: false,
      overrideAccess: false,
      select: {
        title: true,
        slug: true,
        summary: true,
        topics: true,
        author: true,
        publishedAt: true,
        lastReviewedAt: true,
        nextReviewDue: true,
        reviewStatus: true,
      },
      populate: { authors: { name: true, slug: true }, topics: { name: true, slug: true } },
    })
    return {
      docs: result.docs.map((doc) => toArticleSummary(doc as Article)),
      page: result.page ?? page,
      limit,
      totalDocs: result.totalDocs,
      totalPages: result.totalPages,
    }
  }

  const cors: RequestHandler = (req, res, next) => {
    const requestOrigin = req.get('origin')
    if (options.corsOrigins === '*') {
      res.set('Access-Control-Allow-Origin', '*')
    } else if (requestOrigin && options.corsOrigins.includes(requestOrigin)) {
      res.set('Access-Control-Allow-Origin', requestOrigin)
      res.vary('Origin')
    }
    res.set('Access-Control-Allow-Methods', 'GET, HEAD, OPTIONS')
    res.set('Access-Control-Allow-Headers', 'If-None-Match')
    res.set('Access-Control-Expose-Headers', 'ETag')
    if (req.method === 'OPTIONS') {
      res.status(204).end()
      return
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.status(405).set('Allow', 'GET, HEAD, OPTIONS').json({ error: 'Method not allowed' })
      return
    }
    next()
  }

  const send = (
    req: Request,
    res: Response,
    entry: Pick<CachedResponse, 'status' | 'etag'> & { body: Buffer | string },
  ) => {
    res.status(entry.status).type('application/json')
    if (entry.status === 200) {
      res.set('Cache-Control', options.cacheControl).set('ETag', entry.etag)
      const match = req.get('if-none-match')
      if (
        match &&
        match.split(',').some((tag) => tag.trim() === entry.etag || tag.trim() === '*')
      ) {
        res.status(304).end()
        return
      }
    } else {
      res.set('Cache-Control', 'public, max-age=10')
    }
    res.send(entry.body)
  }

  /** Cached, ETagged GET; bad parameters are a 400, a database failure serves the last good answer. */
  const cached =
    (render: (req: Request) => Promise<Rendered>): RequestHandler =>
    async (req: Request, res: Response, next: NextFunction) => {
      const key = req.originalUrl
      try {
        send(req, res, await cache.get({ key, render: () => render(req) }))
      } catch (error) {
        if (error instanceof BadRequest) {
          res.status(400).set('Cache-Control', 'no-store').json({ error: error.message })
          return
        }
        const stale = cache.stale(key)
        if (stale) {
          res.set('Warning', '110 - "Response is stale"')
          send(req, res, stale)
          return
        }
        next(error)
      }
    }

  router.use(cors)

  router.get(
    '/articles',
    cached(async (req) => {
      const page = intParam(req.query.page, { name: 'page', fallback: 1, max: MAX_PAGE })
      const limit = intParam(req.query.limit, { name: 'limit', fallback: 20, max: 100 })
      const topicSlug = textParam(req.query.topic, 'topic')
      const q = textParam(req.query.q, 'q')
      const where: Where[] = []
      if (topicSlug) {
        const { docs } = await payload.find({
          collection: 'topics',
          where: { slug: { equals: topicSlug } },
          limit: 1,
          depth: 0,
          overrideAccess: false,
        })
        if (!docs[0]) {
          return { status: 200, json: { docs: [], page, limit, totalDocs: 0, totalPages: 0 } }
        }
        where.push({ topics: { contains: docs[0].id } })
      }
      if (q) {
        where.push({ or: [{ title: { like: q } }, { summary: { like: q } }] })
      }
      return { status: 200, json: await listArticles({ where: { and: where }, page, limit }) }
    }),
  )

  /** A live article's id by slug, for an article published before the read model existed. */
  const liveArticleId = async (slug: string) =>
    (
      await payload.find({
        collection: 'articles',
        where: liveArticles({ slug: { equals: slug } }),
        select: { slug: true },
        limit: 1,
        pagination: false,
        depth: 0,
        draft: false,
        overrideAccess: false,
      })
    ).docs[0]?.id ?? null

  /** A rendering as a response, cached no longer than its review status holds. */
  const fromRendering = (rendering: {
    body: Buffer | string
    etag: string
    reviewStatusChangesAt: string | null
  }): Rendered => ({
    status: 200,
    body: rendering.body,
    etag: rendering.etag,
    ...(rendering.reviewStatusChangesAt
      ? { expiresAt: new Date(rendering.reviewStatusChangesAt).getTime() }
      : {}),
  })

  /** The stored rendering, rendered again first when it went stale or was never made. */
  const articleBySlug = async (slug: string): Promise<Rendered> => {
    if (!SLUG_PATTERN.test(slug)) {
      return NOT_FOUND
    }
    const stored = await store.findBySlug(slug)
    if (stored && isCurrent({ snapshot: stored, origin, now: new Date() })) {
      return fromRendering(stored)
    }
    const articleId = stored?.articleId ?? (await liveArticleId(slug))
    const rendered = articleId === null ? null : await refreshSnapshotNow({ payload, articleId })
    return rendered?.slug === slug ? fromRendering(rendered) : NOT_FOUND
  }

  router.get(
    '/articles/:slug',
    cached((req) => articleBySlug(String(req.params.slug))),
  )

  router.get(
    '/topics',
    cached(async () => {
      const { docs } = await payload.find({
        collection: 'topics',
        sort: 'name',
        pagination: false,
        depth: 0,
        overrideAccess: false,
      })
      return { status: 200, json: { docs: docs.map(toTopicRef) } }
    }),
  )

  /** A person's public profile plus the live articles that credit them. */
  const profile = (
    find: (
      slug: string,
    ) => Promise<{ id: number | string; fields: Record<string, unknown> } | null>,
    articleField: 'author' | 'medicalReviewer',
  ) =>
    cached(async (req) => {
      const slug = String(req.params.slug)
      const person = SLUG_PATTERN.test(slug) ? await find(slug) : null
      if (!person) {
        return NOT_FOUND
      }
      const articles = await listArticles({
        where: { [articleField]: { equals: person.id } },
        page: 1,
        limit: 100,
      })
      return { status: 200, json: { ...person.fields, articles: articles.docs } }
    })

  const findOne = async (collection: 'authors' | 'medical-reviewers', slug: string) =>
    (
      await payload.find({
        collection,
        where: { slug: { equals: slug } },
        limit: 1,
        depth: 0,
        overrideAccess: false,
      })
    ).docs[0]

  router.get(
    '/authors/:slug',
    profile(async (slug) => {
      const author = (await findOne('authors', slug)) as Author | undefined
      return author
        ? {
            id: author.id,
            fields: {
              name: author.name,
              slug: author.slug ?? null,
              affiliation: author.affiliation ?? null,
              profession: author.profession ?? null,
              bio: author.bio ?? null,
            },
          }
        : null
    }, 'author'),
  )
  router.get(
    '/reviewers/:slug',
    profile(async (slug) => {
      const reviewer = (await findOne('medical-reviewers', slug)) as MedicalReviewer | undefined
      return reviewer
        ? {
            id: reviewer.id,
            fields: {
              name: reviewerDisplayName(reviewer),
              slug: reviewer.slug ?? null,
              affiliation: reviewer.affiliation ?? null,
              honorific: reviewer.honorific ?? null,
              position: reviewer.position ?? null,
              qualifications: reviewer.qualifications ?? null,
            },
          }
        : null
    }, 'medicalReviewer'),
  )

  router.get('/openapi.json', (req, res) => {
    const body = JSON.stringify(openApiDocument({ origin }))
    send(req, res, { status: 200, body, etag: strongEtag(body) })
  })

  /** The latest draft, for an editor's signed link: never cached, by us or anyone else. */
  router.get('/preview/articles/:id', async (req, res, next) => {
    res.set('Cache-Control', 'no-store')
    const id = String(req.params.id)
    if (!isValidPreviewToken({ id, token: req.query.token, secret })) {
      res.status(401).json({
        error: 'The preview link is invalid or has expired; get a new one from the admin.',
      })
      return
    }
    try {
      const doc = await payload.findByID({
        collection: 'articles',
        id,
        draft: true,
        depth: 1,
        overrideAccess: true,
        disableErrors: true,
      })
      if (!doc) {
        res.status(404).json({ error: 'Not found' })
        return
      }
      res.json(toArticleDetail({ doc, origin, publisherName: await publisherName() }))
    } catch (error) {
      next(error)
    }
  })

  router.use((_req, res) => {
    res.status(404).json({ error: 'Not found' })
  })

  // Reached only when the database failed and nothing was cached for this URL.
  router.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    payload.logger.error({ err: error, msg: 'Delivery API: the database did not answer.' })
    res
      .status(503)
      .set('Retry-After', '5')
      .set('Cache-Control', 'no-store')
      .json({ error: 'Content is temporarily unavailable; retry shortly.' })
  })

  return router
}
