import type { CollectionBeforeChangeHook, PayloadRequest } from 'payload'

import type { Article } from '@payload-types'
import { reviewIntervalMonths } from '@/config/env'
import { CONTENT_FIELDS, contentFingerprint } from '@/workflow/fingerprint'
import { WORKFLOW_FIELDS } from '@/workflow/stages'
import { editorialTransition, fingerprintOf } from '@/workflow/transitions'
import { toActor, toWorkflowArticle } from '@/workflow/service/loadWorkflowArticle'
import { isLive } from '@/workflow/service/isLive'
import { WorkflowRefusedError } from '@/workflow/service/WorkflowRefusedError'

const NEW_ARTICLE = {
  stage: 'draft',
  publishedAt: null,
  lastReviewedAt: null,
  nextReviewDue: null,
  reviewStatus: null,
  approvedFingerprint: null,
} as const

export type PendingPublish = {
  title: string | null | undefined
  article: Awaited<ReturnType<typeof toWorkflowArticle>>
  at: Date
}

/**
 * Payload's version restore (REST, GraphQL, the admin's Restore button) gives a new draft that goes
 * through review again. Restoring onto a live article would replace the live document (and take it
 * offline when the version was a draft): the live document is written back as it is, and
 * saveRestoredDraft (afterChange) saves the restored content as the next draft. An archived article
 * comes back only through the workflow's own `restore`, so the same people decide.
 */
const restoreAsDraft = async ({
  id,
  restored,
  stage,
  req,
}: {
  id: number
  restored: Partial<Article>
  stage: Article['stage']
  req: PayloadRequest
}): Promise<Partial<Article>> => {
  if (stage === 'archived') {
    const result = editorialTransition({
      article: await toWorkflowArticle({ doc: restored, req }),
      action: 'restore',
      actor: await toActor({ user: req.user as never, req }),
      now: new Date(),
    })
    if (!result.ok) {
      throw new WorkflowRefusedError(result.refusals)
    }
  }
  const draft = {
    ...restored,
    _status: 'draft',
    stage: 'draft',
    approvedFingerprint: null,
  } as const
  if (req.context.isRestoringAsDraft || !(await isLive({ id, req }))) {
    return draft
  }
  req.context.restoredDraft = Object.fromEntries(CONTENT_FIELDS.map((f) => [f, restored[f]]))
  const live = await req.payload.findByID({
    collection: 'articles',
    id,
    draft: false,
    depth: 0,
    overrideAccess: true,
    req,
  })
  return { ...live, _status: 'published' }
}

/**
 * Payload's own doors obey the workflow table: workflow fields keep their stored values, a publish
 * (`_status: 'published'`, the admin's Publish button) succeeds only when the `publish` transition
 * would, and editing approved or live content sends the new draft back to `draft`.
 */
export const enforceEditorialWorkflow: CollectionBeforeChangeHook<Article> = async ({
  data,
  originalDoc,
  operation,
  req,
  context,
}) => {
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
    const now = new Date()
    const article = await toWorkflowArticle({ doc: merged, req })
    const result = editorialTransition({
      article,
      action: 'publish',
      actor: await toActor({ user: req.user as never, req }),
      now,
      reviewIntervalMonths: reviewIntervalMonths(),
    })
    if (!result.ok) {
      throw new WorkflowRefusedError(result.refusals)
    }
    // recordPublish (afterChange) writes the review record once the version exists. The hook's
    // `context` argument is a copy; only `req.context` reaches the afterChange hooks.
    req.context.pendingPublish = { title: merged.title, article, at: now } satisfies PendingPublish
    return { ...next, ...result.changes }
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
