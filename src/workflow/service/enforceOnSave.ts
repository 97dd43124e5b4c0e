import type { PayloadRequest, RequestContext } from 'payload'

import type { Article } from '@payload-types'
import { RefusedError } from '@/shared/RefusedError'
import { contentFingerprint } from '@/workflow/fingerprint'
import { WORKFLOW_FIELDS } from '@/workflow/stages'
import { fingerprintOf } from '@/workflow/transitions'

import { decide } from './decide'
import type { Decision } from './decide'
import { toWorkflowArticle } from './loadWorkflowArticle'
import { recordDecision } from './recordDecision'
import { supersedeSchedules } from './supersedeSchedules'
import { restoreAsDraft } from './restoreAsDraft'

const NEW_ARTICLE = {
  stage: 'draft',
  publishedAt: null,
  lastReviewedAt: null,
  nextReviewDue: null,
  reviewStatus: null,
  approvedFingerprint: null,
  signedEvidence: null,
} as const

type PendingPublish = { title: string | null | undefined; decision: Decision }

/**
 * Payload's own doors obey the workflow table: workflow fields keep their stored values, a publish
 * (`_status: 'published'`, the admin's Publish button) succeeds only when the `publish` transition
 * would, editing approved or live content sends the new draft back to `draft`, and a version
 * restore becomes a new draft. Returns the data to save.
 */
export const enforceOnSave = async ({
  data,
  originalDoc,
  operation,
  req,
  context,
}: {
  data: Partial<Article>
  originalDoc: Article | undefined
  operation: 'create' | 'update'
  req: PayloadRequest
  context: RequestContext
}): Promise<Partial<Article>> => {
  if (context.editorialTransition) {
    return data
  }
  const kept =
    operation === 'create' || !originalDoc
      ? NEW_ARTICLE
      : Object.fromEntries(WORKFLOW_FIELDS.map((field) => [field, originalDoc[field] ?? null]))
  const next = { ...data, ...kept } as Partial<Article>
  const merged = { ...originalDoc, ...next }

  if (context.isRestoringVersion && originalDoc) {
    return restoreAsDraft({ id: originalDoc.id, restored: next, stage: originalDoc.stage, req })
  }

  if (data._status === 'published') {
    const isUnchangedLive =
      originalDoc?._status === 'published' &&
      originalDoc.stage === 'published' &&
      contentFingerprint({ content: merged, evidence: null }) ===
        contentFingerprint({ content: originalDoc, evidence: null })
    if (isUnchangedLive) {
      return next
    }
    const decision = await decide({ req, doc: merged, action: 'publish' })
    if (!decision.result.ok) {
      throw new RefusedError(decision.result.refusals)
    }
    // recordPendingPublish (after the change) writes the review record once the version exists.
    req.context.pendingPublish = { title: merged.title, decision } satisfies PendingPublish
    return { ...next, ...(decision.result.changes as Partial<Article>) }
  }

  if (operation === 'update' && originalDoc) {
    const isLiveStage = originalDoc.stage === 'published'
    const voidsApproval =
      originalDoc.stage === 'approved' &&
      fingerprintOf(await toWorkflowArticle({ doc: merged, req })) !==
        originalDoc.approvedFingerprint
    if (isLiveStage || voidsApproval) {
      return { ...next, stage: 'draft', approvedFingerprint: null }
    }
  }
  return next
}

/** A publish through Payload's own doors leaves the same review record as the workflow endpoint's. */
export const recordPendingPublish = async ({
  articleId,
  req,
}: {
  articleId: number | string
  req: PayloadRequest
}): Promise<void> => {
  const pending = req.context.pendingPublish as PendingPublish | undefined
  if (pending) {
    delete req.context.pendingPublish
    await recordDecision({ req, articleId, title: pending.title, decision: pending.decision })
    await supersedeSchedules({
      req,
      articleId,
      actions: ['publish'],
      reason: 'The article was published first',
    })
  }
}
