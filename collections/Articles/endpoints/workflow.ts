import type { Endpoint } from 'payload'

import { refusalResponse } from '@/shared/refusals'
import { takeAction } from '@/workflow/service/takeAction'

const readBody = async (req: Parameters<Endpoint['handler']>[0]): Promise<unknown> => {
  try {
    return await req.json?.()
  } catch {
    return null
  }
}

/** POST /api/articles/:id/workflow {"action": "...", "note": "..."}: one editorial decision. */
export const workflowEndpoint: Endpoint = {
  path: '/:id/workflow',
  method: 'post',
  handler: async (req) => {
    if (!req.user) {
      return refusalResponse({
        code: 'UNAUTHENTICATED',
        message: 'Log in to take workflow actions.',
      })
    }
    const body = (await readBody(req)) as { action?: unknown; note?: unknown } | null
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      return refusalResponse({
        code: 'INVALID_BODY',
        message: 'Send a JSON object: {"action": "submit", "note": "optional"}.',
      })
    }
    if (body.note !== undefined && typeof body.note !== 'string') {
      return refusalResponse({ code: 'INVALID_BODY', message: '"note" must be a string.' })
    }
    const outcome = await takeAction({ req, action: body.action, note: body.note ?? '' })
    if (!outcome.ok) {
      return 'response' in outcome
        ? outcome.response
        : Response.json({ errors: outcome.refusals }, { status: outcome.status })
    }
    const { article } = outcome
    return Response.json({
      id: article.id,
      action: body.action,
      stage: article.stage,
      _status: article._status,
      publishedAt: article.publishedAt ?? null,
      lastReviewedAt: article.lastReviewedAt ?? null,
      nextReviewDue: article.nextReviewDue ?? null,
      reviewStatus: article.reviewStatus ?? null,
      medicalReviewer: article.medicalReviewer ?? null,
    })
  },
}
