import { commitTransaction, initTransaction, killTransaction } from 'payload'
import type { Endpoint } from 'payload'

import { jsonAnswer } from '@/shared/jsonAnswer'
import { refusalResponse } from '@/shared/refusals'
import {
  MAX_INTERVAL_MONTHS,
  MIN_INTERVAL_MONTHS,
  isIntervalMonths,
} from '@/workflow/reviewInterval'
import { loadArticleForUser } from '@/workflow/service/loadArticleForUser'
import { maySetInterval, setReviewInterval } from '@/workflow/service/setReviewInterval'

/**
 * POST /api/articles/:id/review-interval {"months": 6} (or null for the topic's or default
 * interval): how long this article's medical review stays current. Editors, admins and its medical
 * reviewer; not a content edit, so no draft; on a live article `nextReviewDue` follows at once.
 */
export const reviewIntervalEndpoint: Endpoint = {
  path: '/:id/review-interval',
  method: 'post',
  handler: async (req) => {
    const loaded = await loadArticleForUser(req)
    if (loaded.response) {
      return loaded.response
    }
    const body = (await req.json?.().catch(() => null)) as { months?: unknown } | null
    const months = body?.months
    if (!body || typeof body !== 'object' || (months !== null && !isIntervalMonths(months))) {
      return refusalResponse({
        code: 'INVALID_BODY',
        message: `Send {"months": a whole number from ${MIN_INTERVAL_MONTHS} to ${MAX_INTERVAL_MONTHS}}, or {"months": null} for the topic's or default interval.`,
      })
    }
    if (!maySetInterval(loaded.user, loaded.doc)) {
      return refusalResponse({
        code: 'ROLE_NOT_ALLOWED',
        message: "An article's review interval is set by editors and its medical reviewer.",
      })
    }
    const shouldCommit = await initTransaction(req)
    try {
      const article = await setReviewInterval({ req, article: loaded.doc, months })
      if (shouldCommit) {
        await commitTransaction(req)
      }
      return jsonAnswer({
        id: article.id,
        reviewIntervalMonths: article.reviewIntervalMonths ?? null,
        nextReviewDue: article.nextReviewDue ?? null,
      })
    } catch (error) {
      await killTransaction(req)
      throw error
    }
  },
}
