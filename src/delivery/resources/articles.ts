import type { Payload, Where } from 'payload'

import type { Article } from '@payload-types'
import type { PublicSite } from '@/config/publicSite'
import { snapshotStore } from '@/db/readModelStore'
import { NOT_FOUND } from '@/delivery/http/cached'
import type { Render } from '@/delivery/http/cached'
import { intParam, onlyParams, textParam } from '@/delivery/http/params'
import { newestChange } from '@/delivery/lastModified'
import type { Rendered } from '@/delivery/responseCache'
import { toArticleSummary } from '@/delivery/serializers/article'
import { isCurrent, renderingKey } from '@/delivery/readModel/render'
import { renderOnRead } from '@/delivery/readModel/renderOnRead'
import { SLUG_PATTERN } from '@/shared/slugs'
import { LIVE } from '@/workflow/live'

const MAX_PAGE = 10_000

const LIST_PARAMS = ['topic', 'q', 'page', 'limit'] as const

// What a list of summaries shows: a change to any of them can change the list.
const SHOWN_IN_LISTS = ['articles', 'authors', 'topics'] as const

const liveArticles = (where: Where): Where => ({
  and: [LIVE, where],
})

// What a summary shows, read with Payload's access rules.
const SUMMARY_FIELDS = {
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
} as const

/** A page of live articles as summaries, newest first; profiles list a person's articles with it. */
export const listArticles = async ({
  payload,
  where,
  page,
  limit,
  site,
}: {
  payload: Payload
  where: Where
  page: number
  limit: number
  site: PublicSite
}) => {
  const result = await payload.find({
    collection: 'articles',
    where: liveArticles(where),
    sort: ['-publishedAt', '-id'],
    page,
    limit,
    ...SUMMARY_FIELDS,
  })
  return {
    docs: result.docs.map((doc) => toArticleSummary({ doc: doc as Article, site })),
    page: result.page ?? page,
    limit,
    totalDocs: result.totalDocs,
    totalPages: result.totalPages,
  }
}

/**
 * A page of `q`'s results: the read model's search gives the page's ids and the count (its own
 * index, not a scan of the articles' rows), Payload the summaries, in that order.
 */
const searchArticles = async ({
  payload,
  words,
  topicId,
  page,
  limit,
  site,
}: {
  payload: Payload
  words: string[]
  topicId?: number | string
  page: number
  limit: number
  site: PublicSite
}) => {
  const { ids, totalDocs } = await snapshotStore(payload).searchLive({
    words,
    topicId,
    page,
    limit,
  })
  const found =
    ids.length === 0
      ? []
      : (
          await payload.find({
            collection: 'articles',
            where: liveArticles({ id: { in: ids } }),
            limit: ids.length,
            pagination: false,
            ...SUMMARY_FIELDS,
          })
        ).docs
  const byId = new Map(found.map((doc) => [String(doc.id), doc as Article]))
  return {
    docs: ids.flatMap((id) => {
      const doc = byId.get(String(id))
      return doc ? [toArticleSummary({ doc, site })] : []
    }),
    page,
    limit,
    totalDocs,
    totalPages: Math.ceil(totalDocs / limit),
  }
}

/** GET /articles: live articles, optionally of one topic (by slug) or with `q` in the title or summary. */
export const articleList =
  ({ payload, site }: { payload: Payload; site: PublicSite }): Render =>
  async (req) => {
    onlyParams({ query: req.query, allowed: LIST_PARAMS })
    const page = intParam({ value: req.query.page, name: 'page', fallback: 1, max: MAX_PAGE })
    const limit = intParam({ value: req.query.limit, name: 'limit', fallback: 20, max: 100 })
    const topicSlug = textParam({ value: req.query.topic, name: 'topic' })
    const q = textParam({ value: req.query.q, name: 'q' })
    const words = (q ?? '').split(/\s+/).filter(Boolean)
    const lastModified = await newestChange({ payload, collections: [...SHOWN_IN_LISTS] })
    let topicId: number | string | undefined
    if (topicSlug) {
      const { docs } = await payload.find({
        collection: 'topics',
        where: { slug: { equals: topicSlug } },
        limit: 1,
        depth: 0,
        overrideAccess: false,
      })
      if (!docs[0]) {
        return {
          status: 200,
          json: { docs: [], page, limit, totalDocs: 0, totalPages: 0 },
          lastModified,
        }
      }
      topicId = docs[0].id
    }
    return {
      status: 200,
      json:
        words.length > 0
          ? await searchArticles({ payload, words, topicId, page, limit, site })
          : await listArticles({
              payload,
              where: topicId === undefined ? {} : { topics: { contains: topicId } },
              page,
              limit,
              site,
            }),
      lastModified,
    }
  }

/** A rendering as a response, cached no longer than its review status holds. */
export const fromRendering = (rendering: {
  /** Null: stored compressed only, the packed variant unpacked when identity is asked for. */
  body: Buffer | string | null
  variants?: Rendered['variants'] | null
  etag: string
  reviewStatusChangesAt: string | null
  renderedAt?: string | null
  /**
   * Sent while stale (presentation only): not kept in the memory cache, where nothing would tell
   * it when the refresh job has rendered the article again.
   */
  isStale?: boolean
}): Rendered => ({
  status: 200,
  body: rendering.body,
  ...(rendering.variants ? { variants: rendering.variants } : {}),
  etag: rendering.etag,
  // Made just now when the store did not say: Last-Modified is when these bytes were rendered.
  lastModified: rendering.renderedAt ? new Date(rendering.renderedAt).getTime() : Date.now(),
  ...(rendering.reviewStatusChangesAt
    ? { expiresAt: new Date(rendering.reviewStatusChangesAt).getTime() }
    : {}),
  ...(rendering.isStale ? { keep: false } : {}),
})

/**
 * GET /articles/:slug: the live article as stored in the read model when it was published,
 * rendered again first when that rendering went stale or was never made.
 */
export const articleBySlug = ({
  payload,
  site,
}: {
  payload: Payload
  site: PublicSite
}): Render => {
  const store = snapshotStore(payload)
  const renderNow = renderOnRead(payload)
  // A rendering made for other settings (or an older format) is rendered again when read.
  const key = renderingKey(site)

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

  return async (req) => {
    onlyParams({ query: req.query, allowed: [] })
    const slug = String(req.params.slug)
    if (!SLUG_PATTERN.test(slug)) {
      return NOT_FOUND
    }
    const stored = await store.findBySlug(slug)
    if (stored && isCurrent({ snapshot: stored, key, now: new Date() })) {
      return fromRendering(stored)
    }
    const articleId = stored?.articleId ?? (await liveArticleId(slug))
    const rendered = articleId === null ? null : await renderNow(articleId)
    return rendered?.slug === slug ? fromRendering(rendered) : NOT_FOUND
  }
}
