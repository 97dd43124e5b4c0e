import type { CollectionBeforeChangeHook } from 'payload'

import type { Article } from '../../../payload-types'
import { reviewIntervalMonths } from '../../../src/config/env'
import { contentFingerprint } from '../../../src/workflow/fingerprint'
import { WORKFLOW_FIELDS } from '../../../src/workflow/stages'
import { editorialTransition } from '../../../src/workflow/transitions'
import { toActor, toWorkflowArticle } from '../workflowState'
import { WorkflowRefusedError } from '../WorkflowRefusedError'

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

  if (data._status === 'published') {
    const isUnchangedLive =
      originalDoc?._status === 'published' &&
      originalDoc.stage === 'published' &&
      contentFingerprint(merged) === contentFingerprint(originalDoc)
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
    const isLive = originalDoc.stage === 'published'
    const voidsApproval =
      originalDoc.stage === 'approved' &&
      contentFingerprint(merged) !== originalDoc.approvedFingerprint
    if (isLive || voidsApproval) {
      return { ...next, stage: 'draft', approvedFingerprint: null }
    }
  }
  return next
}
