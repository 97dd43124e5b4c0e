import type { CollectionAfterChangeHook, PayloadRequest } from 'payload'

import type { Article } from '@payload-types'
import { queueWebhooks } from '@/webhooks/webhooks'
import { evidenceChanges } from '@/workflow/evidence'
import type { Evidence } from '@/workflow/evidence'
import { fingerprintOf } from '@/workflow/transitions'
import { ARTICLE_FIELD } from './reviewedUse'
import type { EvidenceCollection } from './reviewedUse'
import { isLive } from '@/workflow/service/isLive'
import { toWorkflowArticle } from '@/workflow/service/loadWorkflowArticle'

const articlesCiting = async ({
  req,
  collection,
  id,
  isDraft,
  stage,
}: {
  req: PayloadRequest
  collection: EvidenceCollection
  id: number | string
  isDraft: boolean
  stage: Article['stage']
}): Promise<Article[]> =>
  (
    await req.payload.find({
      collection: 'articles',
      where: { and: [{ stage: { equals: stage } }, { [ARTICLE_FIELD[collection]]: { in: [id] } }] },
      draft: isDraft,
      depth: 0,
      pagination: false,
      overrideAccess: true,
      req,
    })
  ).docs

/**
 * A source or image changed. An approval that covered its old content is void, as an edit of the
 * text would make it: the article goes back to draft. Live articles that cite it keep showing the
 * evidence that was signed (the read model renders from it); subscribers hear
 * `article.evidence_changed`, and editors see the article flagged for re-review.
 */
export const evidenceChanged: CollectionAfterChangeHook = async ({ doc, req, collection }) => {
  const slug = collection.slug as EvidenceCollection
  const approved = await articlesCiting({
    req,
    collection: slug,
    id: doc.id,
    isDraft: true,
    stage: 'approved',
  })
  for (const article of approved) {
    if (
      fingerprintOf(await toWorkflowArticle({ doc: article, req })) === article.approvedFingerprint
    ) {
      continue
    }
    await req.payload.update({
      collection: 'articles',
      id: article.id,
      data: { stage: 'draft', approvedFingerprint: null },
      draft: await isLive({ id: article.id, req }),
      depth: 0,
      overrideAccess: true,
      context: { editorialTransition: 'void-approval' },
      req,
    })
  }
  const live = await articlesCiting({
    req,
    collection: slug,
    id: doc.id,
    isDraft: false,
    stage: 'published',
  })
  for (const article of live) {
    const signed = article.signedEvidence as Evidence | null | undefined
    if (!signed) {
      continue
    }
    const { evidence } = await toWorkflowArticle({ doc: article, req })
    const changes = evidenceChanges({ signed, current: evidence })
    if (changes.length) {
      await queueWebhooks({
        payload: req.payload,
        req,
        event: 'article.evidence_changed',
        article,
        changes,
      })
    }
  }
  return doc
}
