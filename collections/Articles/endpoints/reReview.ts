import type { Endpoint, PayloadRequest } from 'payload'

import { RE_REVIEW_SORTS, reReviewQueue } from '@/queues/reReviewQueue'
import type { ReReviewSort } from '@/queues/reReviewQueue'
import { jsonAnswer } from '@/shared/jsonAnswer'
import { refusalResponse } from '@/shared/refusals'
import { hasRole } from '@/shared/roles'
import { takeAction } from '@/workflow/service/takeAction'

const MAX_BULK = 100
const ID = /^[0-9a-f]{1,24}$/i

const editorsOnly = (req: PayloadRequest): Response | null =>
  !req.user
    ? refusalResponse({ code: 'UNAUTHENTICATED', message: 'Log in first.' })
    : !hasRole(req.user, 'editor', 'admin')
      ? refusalResponse({
          code: 'ROLE_NOT_ALLOWED',
          message: 'The re-review queue is for editors.',
        })
      : null

const positive = (value: string | null, fallback: number, max: number): number | null => {
  if (value === null) {
    return fallback
  }
  const n = Number(value)
  return Number.isInteger(n) && n >= 1 && n <= max ? n : null
}

/**
 * GET /api/articles/re-review-queue?sort=nextReviewDue&topic=&reviewer=&page=&limit=: live
 * articles due for medical review within 30 days or overdue. Editors and admins.
 */
export const reReviewQueueEndpoint: Endpoint = {
  path: '/re-review-queue',
  method: 'get',
  handler: async (req) => {
    const refused = editorsOnly(req)
    if (refused) {
      return refused
    }
    const params = req.searchParams
    const sort = params.get('sort') ?? 'nextReviewDue'
    const topic = params.get('topic') ?? undefined
    const reviewer = params.get('reviewer') ?? undefined
    const page = positive(params.get('page'), 1, 10_000)
    const limit = positive(params.get('limit'), 50, 100)
    const problem = !RE_REVIEW_SORTS.includes(sort as ReReviewSort)
      ? `"sort" is one of ${RE_REVIEW_SORTS.join(', ')}.`
      : (topic !== undefined && !ID.test(topic)) || (reviewer !== undefined && !ID.test(reviewer))
        ? '"topic" and "reviewer" are ids.'
        : page === null || limit === null
          ? '"page" is a whole number from 1, "limit" from 1 to 100.'
          : null
    if (problem) {
      return refusalResponse({ code: 'INVALID_BODY', message: problem })
    }
    return Response.json(
      await reReviewQueue({
        req,
        sort: sort as ReReviewSort,
        topic,
        reviewer,
        page: page as number,
        limit: limit as number,
      }),
    )
  },
}

/**
 * POST /api/articles/re-review {"ids": [...], "reviewer"?: id, "note"?: "…"}: asks for the re-review
 * of several live articles at once, each a `request-re-review` decision of its own (recorded, and
 * the reviewer e-mailed). Answers each article's outcome.
 */
export const bulkReReviewEndpoint: Endpoint = {
  path: '/re-review',
  method: 'post',
  handler: async (req) => {
    const refused = editorsOnly(req)
    if (refused) {
      return refused
    }
    const body = (await req.json?.().catch(() => null)) as {
      ids?: unknown
      reviewer?: unknown
      note?: unknown
    } | null
    const ids = body?.ids
    if (
      !body ||
      !Array.isArray(ids) ||
      ids.length === 0 ||
      ids.length > MAX_BULK ||
      !ids.every(
        (id) => (typeof id === 'number' || typeof id === 'string') && ID.test(String(id)),
      ) ||
      (body.reviewer !== undefined && body.reviewer !== null && !ID.test(String(body.reviewer))) ||
      (body.note !== undefined && typeof body.note !== 'string')
    ) {
      return refusalResponse({
        code: 'INVALID_BODY',
        message: `Send {"ids": [up to ${MAX_BULK} article ids], "reviewer": a medical reviewer's id (optional), "note": "…" (optional)}.`,
      })
    }
    const results = []
    for (const id of ids as (number | string)[]) {
      // Each article is its own decision, in its own transaction.
      const outcome = await takeAction({
        req,
        articleId: id,
        action: 'request-re-review',
        note: (body.note as string | undefined) ?? '',
        reReviewer: (body.reviewer as number | string | null | undefined) ?? null,
      })
      results.push(
        outcome.ok
          ? { id, ok: true }
          : {
              id,
              ok: false,
              errors:
                'response' in outcome
                  ? ((await outcome.response.json()) as { errors: unknown[] }).errors
                  : outcome.refusals,
            },
      )
    }
    return jsonAnswer({ results })
  },
}
