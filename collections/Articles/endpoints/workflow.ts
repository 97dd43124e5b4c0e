import { commitTransaction, initTransaction, killTransaction } from 'payload'
import type { Endpoint, PayloadRequest } from 'payload'

import type { Article, User } from '@payload-types'
import { reviewIntervalMonths } from '@/config/env'
import { statusFor } from '@/workflow/refusals'
import { editorialTransition, fingerprintOf } from '@/workflow/transitions'
import { isLive } from '@/workflow/service/isLive'
import { loadArticleForUser, refusal } from '@/workflow/service/loadArticleForUser'
import { recordDecision } from '@/workflow/service/recordDecision'
import { toActor, toWorkflowArticle } from '@/workflow/service/loadWorkflowArticle'

const readBody = async (
  req: PayloadRequest,
): Promise<{ action?: unknown; note?: unknown } | null> => {
  try {
    const body: unknown = await req.json?.()
    return body && typeof body === 'object' && !Array.isArray(body)
      ? (body as { action?: unknown; note?: unknown })
      : null
  } catch {
    return null
  }
}

/**
 * POST /api/articles/:id/workflow {"action": "...", "note": "..."}: one editorial decision,
 * taken and recorded in one transaction.
 */
export const workflowEndpoint: Endpoint = {
  path: '/:id/workflow',
  method: 'post',
  handler: async (req) => {
    const user = req.user as User | null
    if (!user) {
      return refusal(401, 'UNAUTHENTICATED', 'Log in to take workflow actions.')
    }
    const body = await readBody(req)
    if (!body) {
      return refusal(
        400,
        'INVALID_BODY',
        'Send a JSON object: {"action": "submit", "note": "optional"}.',
      )
    }
    if (body.note !== undefined && typeof body.note !== 'string') {
      return refusal(400, 'INVALID_BODY', '"note" must be a string.')
    }
    const note = (body.note as string | undefined) ?? ''
    const shouldCommit = await initTransaction(req)
    try {
      // Read inside the transaction: a concurrent decision on this article waits for ours.
      const loaded = await loadArticleForUser(req)
      if (loaded.response) {
        await killTransaction(req)
        return loaded.response
      }
      const { doc } = loaded
      const now = new Date()
      const article = await toWorkflowArticle({ doc, req })
      const result = editorialTransition({
        article,
        action: body.action,
        actor: await toActor({ user, req }),
        now,
        note,
        reviewIntervalMonths: reviewIntervalMonths(),
      })
      if (!result.ok) {
        await killTransaction(req)
        return Response.json({ errors: result.refusals }, { status: statusFor(result.refusals) })
      }
      const isPublish = result.changes.stage === 'published'
      const isArchive = result.changes.stage === 'archived'
      // On a live article, decisions before publish belong to its new draft, not to the live version.
      const isDraftDecision = !isPublish && !isArchive && (await isLive({ id: doc.id, req }))
      const updated = await req.payload.update({
        collection: 'articles',
        id: doc.id,
        data: {
          ...(result.changes as Partial<Article>),
          ...(isPublish ? { _status: 'published' } : {}),
          ...(isPublish ? {} : { _status: 'draft' }),
        },
        draft: isDraftDecision,
        depth: 0,
        overrideAccess: true,
        context: { editorialTransition: result.action },
        req,
      })
      await recordDecision({
        req,
        articleId: doc.id,
        title: updated.title,
        article,
        action: result.action,
        to: result.changes.stage,
        note,
        fingerprint: result.changes.approvedFingerprint ?? fingerprintOf(article),
        at: now,
      })
      if (shouldCommit) {
        await commitTransaction(req)
      }
      return Response.json({
        id: updated.id,
        action: result.action,
        stage: updated.stage,
        _status: updated._status,
        publishedAt: updated.publishedAt ?? null,
        lastReviewedAt: updated.lastReviewedAt ?? null,
        nextReviewDue: updated.nextReviewDue ?? null,
        reviewStatus: updated.reviewStatus ?? null,
        medicalReviewer: updated.medicalReviewer ?? null,
      })
    } catch (error) {
      await killTransaction(req)
      throw error
    }
  },
}
