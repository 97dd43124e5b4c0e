import type { Payload, PayloadRequest } from 'payload'

import { LIVE } from '@/workflow/live'
import { PUBLISHED_ARTICLES } from '@/shared/collections'
import type { Article } from '@payload-types'
import { publicSite } from '@/config/publicSite'
import { publisherInfo } from '@/delivery/serializers/publisher'
import { evidenceOf } from '@/workflow/evidence'
import type { Evidence } from '@/workflow/evidence'
import { reviewFlagsOf } from '@/workflow/reviewFlags'
import type { ReviewFlag } from '@/workflow/reviewFlags'
import { renderArticle } from './render'
import type { RenderedArticle } from './render'
import { snapshotStore } from '@/db/readModelStore'
import { compressLater } from './compressLater'
import { emitContentChange } from '../contentEvents'
import { retractionsOf } from '@/retractions/lookup'
import { inOwnTransaction } from '@/shared/inOwnTransaction'
import { nextTurn } from '@/shared/nextTurn'
import { timeSlice } from '@/shared/timeSlice'
import type { SourceRetraction } from '@/workflow/publishRules'

/**
 * Rendering holds the event loop for about 2 ms an article: requests get a turn between articles
 * once this long has passed since their last one.
 */
export const RENDER_SLICE_MS = 8

const yieldToRequests = timeSlice(RENDER_SLICE_MS)

/**
 * Articles read (with their people, topics and sources) in one call: about 1 ms an article, all
 * of it holding the event loop. The request's loader keeps what the chunks share.
 */
const READ_CHUNK = 8

const populated = (value: unknown): ({ id: number | string } & Record<string, unknown>) | null =>
  value && typeof value === 'object' ? (value as { id: number | string }) : null

/**
 * The live article as readers see it: people, topics and the disclaimer as they are now, but the
 * sources and hero image as the reviewer signed them. Beside it, what needs a reviewer's attention:
 * evidence that changed since, and publish rules the article no longer passes.
 */
const asSigned = ({
  doc,
  current,
  retractions,
}: {
  doc: Article
  current: Evidence
  retractions: (SourceRetraction | null)[]
}): { shown: Article; flags: ReviewFlag[] } => {
  const signed = (doc.signedEvidence as Evidence | null | undefined) ?? null
  const flags = reviewFlagsOf({
    signed,
    current,
    candidate: {
      title: doc.title,
      slug: doc.slug,
      summary: doc.summary,
      body: doc.body,
      hasAuthor: populated(doc.author) !== null,
      hasMedicalReviewer: populated(doc.medicalReviewer) !== null,
      hasDisclaimer: populated(doc.disclaimer) !== null,
      sources: current.sources.map((source, index) => ({
        title: source.title as string | null,
        sourceType: source.sourceType as string | null,
        retraction: retractions[index] ?? null,
      })),
      heroImage: doc.heroImage ? { alt: current.heroImage?.alt ?? null } : null,
    },
  })
  const shown = signed
    ? ({ ...doc, sources: signed.sources, heroImage: signed.heroImage } as unknown as Article)
    : doc
  return { shown, flags }
}

/**
 * When each live version was published: its version's creation. Not the article's `updatedAt`,
 * which bookkeeping such as the review-due sweep moves too. One query for all the articles.
 */
const liveSinceOf = async ({
  req,
  articleIds,
}: {
  req: PayloadRequest
  articleIds: (number | string)[]
}): Promise<Map<string, string>> => {
  const { docs } = await req.payload.findVersions({
    collection: 'articles',
    where: {
      and: [{ parent: { in: articleIds } }, { 'version._status': { equals: 'published' } }],
    },
    sort: '-createdAt',
    pagination: false,
    depth: 0,
    select: { parent: true, createdAt: true },
    overrideAccess: true,
    req,
  })
  const since = new Map<string, string>()
  for (const version of docs) {
    const parent = String(populated(version.parent)?.id ?? version.parent)
    // Newest first: the first seen for an article is its live version.
    if (!since.has(parent)) {
      since.set(parent, version.createdAt)
    }
  }
  return since
}

/** Each article's sources' retractions, in order: one query for all the articles' sources. */
const retractionsByArticle = async ({
  req,
  evidence,
}: {
  req: PayloadRequest
  evidence: Evidence[]
}): Promise<(SourceRetraction | null)[][]> => {
  const all = await retractionsOf({
    payload: req.payload,
    req,
    sources: evidence.flatMap((current) =>
      current.sources.map((source) => ({
        doi: source.doi as string | null,
        pmid: source.pmid as string | null,
      })),
    ),
  })
  let offset = 0
  return evidence.map((current) => {
    const mine = all.slice(offset, offset + current.sources.length)
    offset += current.sources.length
    return mine
  })
}

/**
 * Makes the stored renderings of these articles match their live versions, in `req`'s
 * transaction: renders each article that is live, removes the rendering of each that is not
 * (archived, deleted, never published). The one place renderings are made; publish hooks, the
 * refresh job and stale reads all call it. However many articles, it asks the database the same
 * handful of questions (the articles with their people, topics and sources, the publisher, the
 * retractions, when each went live): a batch costs little more than one article.
 */
export const refreshSnapshots = async ({
  req,
  articleIds,
  now = new Date(),
}: {
  req: PayloadRequest
  articleIds: (number | string)[]
  now?: Date
}): Promise<Map<string, RenderedArticle>> => {
  const { payload } = req
  const renderedById = new Map<string, RenderedArticle>()
  if (articleIds.length === 0) {
    return renderedById
  }
  // A batch lets requests in between its steps; one article (a publish) keeps the loop to itself.
  const isBatch = articleIds.length > 1
  const docs: Article[] = []
  for (let start = 0; start < articleIds.length; start += READ_CHUNK) {
    const chunk = articleIds.slice(start, start + READ_CHUNK)
    const found = await payload.find({
      collection: 'articles',
      where: { and: [{ id: { in: chunk } }, LIVE] },
      draft: false,
      depth: 1,
      limit: chunk.length,
      pagination: false,
      select: { createdBy: false, approvedFingerprint: false },
      overrideAccess: true,
      req,
    })
    docs.push(...(found.docs as Article[]))
    if (isBatch) {
      await yieldToRequests()
    }
  }
  const live = docs.filter(
    (doc): doc is Article & { slug: string } => typeof doc.slug === 'string' && doc.slug !== '',
  )
  const liveIds = new Set(live.map((doc) => String(doc.id)))
  const gone = articleIds.filter((id) => !liveIds.has(String(id)))
  if (gone.length) {
    await payload.db.deleteMany({
      collection: PUBLISHED_ARTICLES,
      where: { article: { in: gone } },
      req,
    })
  }
  if (live.length === 0) {
    return renderedById
  }
  const publisher = publisherInfo(
    await payload.findGlobal({ slug: 'publisher', depth: 0, overrideAccess: true, req }),
  )
  const site = publicSite()
  const evidence = live.map((doc) =>
    evidenceOf({
      sources: (doc.sources ?? []).map(populated).filter((source) => source !== null),
      heroImage: populated(doc.heroImage),
    }),
  )
  const retractions = await retractionsByArticle({ req, evidence })
  const since = await liveSinceOf({ req, articleIds: live.map((doc) => doc.id) })
  const store = snapshotStore(payload)
  for (const [index, doc] of live.entries()) {
    const { shown, flags } = asSigned({
      doc,
      current: evidence[index] as Evidence,
      retractions: retractions[index] ?? [],
    })
    const rendered = renderArticle({
      doc: { ...shown, slug: doc.slug },
      site,
      publisher,
      liveSince: since.get(String(doc.id)) ?? null,
      now,
      reviewFlags: flags,
    })
    await store.save({ articleId: doc.id, rendered, req })
    // Compressed once, after this, not on each request for an article outside the memory cache.
    const variants = compressLater(payload).add({
      articleId: doc.id,
      etag: rendered.etag,
      body: Buffer.from(rendered.body),
    })
    if (variants) {
      await store.saveVariants({ articleId: doc.id, etag: rendered.etag, variants, req })
    }
    renderedById.set(String(doc.id), rendered)
    if (isBatch) {
      // Between articles of a batch, requests are answered (the batch keeps SQLite's writer).
      await yieldToRequests()
    }
  }
  return renderedById
}

/** `refreshSnapshots` for one article: its rendering, or null when it is not live. */
export const refreshSnapshot = async ({
  req,
  articleId,
  now = new Date(),
}: {
  req: PayloadRequest
  articleId: number | string
  now?: Date
}): Promise<RenderedArticle | null> =>
  (await refreshSnapshots({ req, articleIds: [articleId], now })).get(String(articleId)) ?? null

/** `refreshSnapshots` in a transaction of its own: for reads and jobs, which have none. */
export const refreshSnapshotsNow = ({
  payload,
  articleIds,
}: {
  payload: Payload
  articleIds: (number | string)[]
}): Promise<Map<string, RenderedArticle>> =>
  inOwnTransaction(payload, (req) => refreshSnapshots({ req, articleIds }))

/**
 * `refreshSnapshotsNow` for a batch; when the batch fails, each article alone, so one article
 * that cannot be rendered does not hold the others back. Per article: its rendering, null when it
 * is not live, or the error that stopped it.
 */
export const refreshEachNow = async ({
  payload,
  articleIds,
}: {
  payload: Payload
  articleIds: (number | string)[]
}): Promise<Map<string, RenderedArticle | null | Error>> => {
  const outcomes = new Map<string, RenderedArticle | null | Error>()
  try {
    const rendered = await refreshSnapshotsNow({ payload, articleIds })
    for (const id of articleIds) {
      outcomes.set(String(id), rendered.get(String(id)) ?? null)
    }
  } catch {
    for (const id of articleIds) {
      // Between articles, requests are answered.
      await nextTurn()
      try {
        const rendered = await refreshSnapshotsNow({ payload, articleIds: [id] })
        outcomes.set(String(id), rendered.get(String(id)) ?? null)
      } catch (error) {
        outcomes.set(String(id), error instanceof Error ? error : new Error(String(error)))
      }
    }
  }
  return outcomes
}

/** `refreshSnapshot` in a transaction of its own: for reads, which have none. */
export const refreshSnapshotNow = async ({
  payload,
  articleId,
}: {
  payload: Payload
  articleId: number | string
}): Promise<RenderedArticle | null> =>
  (await refreshSnapshotsNow({ payload, articleIds: [articleId] })).get(String(articleId)) ?? null

/**
 * The live version changed without a Payload save (review dates written by a re-review): render
 * it again in `req`'s transaction and tell the caches, as the save hooks would have.
 */
export const liveVersionChanged = async ({
  req,
  articleId,
}: {
  req: PayloadRequest
  articleId: number | string
}): Promise<void> => {
  const rendered = await refreshSnapshot({ req, articleId })
  emitContentChange({ collection: 'articles', id: articleId, slug: rendered?.slug ?? null })
}
