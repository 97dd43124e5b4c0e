import { commitTransaction, createLocalReq, initTransaction, killTransaction } from 'payload'
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
import { compressedVariants } from '@/delivery/http/encoding'
import { emitContentChange } from '../contentEvents'
import { retractionsOf } from '@/retractions/lookup'
import type { SourceRetraction } from '@/workflow/publishRules'

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
 * When the live version was published: its version's creation. Not the article's `updatedAt`,
 * which bookkeeping such as the review-due sweep moves too.
 */
const liveSince = async ({
  req,
  articleId,
}: {
  req: PayloadRequest
  articleId: number | string
}): Promise<string | null> => {
  const { docs } = await req.payload.findVersions({
    collection: 'articles',
    where: {
      and: [{ parent: { equals: articleId } }, { 'version._status': { equals: 'published' } }],
    },
    sort: '-createdAt',
    limit: 1,
    pagination: false,
    depth: 0,
    select: { createdAt: true },
    overrideAccess: true,
    req,
  })
  return docs[0]?.createdAt ?? null
}

/**
 * Makes an article's stored rendering match its live version, in `req`'s transaction: renders it
 * when the article is live, removes it when not (archived, deleted, never published). The one
 * place renderings are made; publish hooks, the refresh job and stale reads all call it.
 */
export const refreshSnapshot = async ({
  req,
  articleId,
  now = new Date(),
}: {
  req: PayloadRequest
  articleId: number | string
  now?: Date
}): Promise<RenderedArticle | null> => {
  const { payload } = req
  const { docs } = await payload.find({
    collection: 'articles',
    where: { and: [{ id: { equals: articleId } }, LIVE] },
    draft: false,
    depth: 1,
    limit: 1,
    pagination: false,
    select: { createdBy: false, approvedFingerprint: false },
    overrideAccess: true,
    req,
  })
  const doc = docs[0] as Article | undefined
  if (!doc?.slug) {
    await payload.db.deleteMany({
      collection: PUBLISHED_ARTICLES,
      where: { article: { equals: articleId } },
      req,
    })
    return null
  }
  const publisher = await payload.findGlobal({
    slug: 'publisher',
    depth: 0,
    overrideAccess: true,
    req,
  })
  const current = evidenceOf({
    sources: (doc.sources ?? []).map(populated).filter((source) => source !== null),
    heroImage: populated(doc.heroImage),
  })
  const retractions = await retractionsOf({
    payload,
    req,
    sources: current.sources.map((source) => ({
      doi: source.doi as string | null,
      pmid: source.pmid as string | null,
    })),
  })
  const { shown, flags } = asSigned({ doc, current, retractions })
  const rendered = renderArticle({
    doc: { ...shown, slug: doc.slug },
    site: publicSite(),
    publisher: publisherInfo(publisher),
    liveSince: await liveSince({ req, articleId }),
    now,
    reviewFlags: flags,
  })
  // Compressed once here, not on each request for an article outside the memory cache.
  const withVariants = {
    ...rendered,
    variants: compressedVariants(Buffer.from(rendered.body)),
  }
  await snapshotStore(payload).save({ articleId, rendered: withVariants, req })
  return withVariants
}

/** `refreshSnapshot` in a transaction of its own: for reads and jobs, which have none. */
export const refreshSnapshotNow = async ({
  payload,
  articleId,
}: {
  payload: Payload
  articleId: number | string
}): Promise<RenderedArticle | null> => {
  const req = await createLocalReq({}, payload)
  const shouldCommit = await initTransaction(req)
  try {
    const rendered = await refreshSnapshot({ req, articleId })
    if (shouldCommit) {
      await commitTransaction(req)
    }
    return rendered
  } catch (error) {
    await killTransaction(req)
    throw error
  }
}

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
