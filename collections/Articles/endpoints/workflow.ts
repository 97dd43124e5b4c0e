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
    const body = (await readBody(req)) as {
      action?: unknown
      note?: unknown
      fingerprint?: unknown
      attest?: unknown
    } | null
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      return refusalResponse({
        code: 'INVALID_BODY',
        message:
          'Send a JSON object: {"action": "approve", "fingerprint": "v2:…", "attest": true, "note": "optional"}.',
      })
    }
    const problem =
      body.note !== undefined && typeof body.note !== 'string'
        ? '"note" must be a string.'
        : body.fingerprint !== undefined && typeof body.fingerprint !== 'string'
          ? '"fingerprint" must be the string GET /api/articles/:id/workflow gave.'
          : body.attest !== undefined && typeof body.attest !== 'boolean'
            ? '"attest" must be true or false.'
            : null
    if (problem) {
      return refusalResponse({ code: 'INVALID_BODY', message: problem })
    }
    const outcome = await takeAction({
      req,
      action: body.action,
      note: (body.note as string | undefined) ?? '',
      viewedFingerprint: body.fingerprint as string | undefined,
      isAttested: body.attest === true,
    })
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
