import type { Payload, PayloadRequest } from 'payload'

import type { ReviewStatus } from '@/workflow/stages'

import { queueNotification } from './queueNotification'
import { isFirstTime } from './remembered'

/**
 * Tells the reviewer and the editors once when an article's review is due soon and once when it
 * is overdue, per due date: a new review sets a new date and so new notices.
 */
export const notifyReviewDue = async ({
  payload,
  req,
  article,
  reviewStatus,
}: {
  payload: Payload
  req?: PayloadRequest
  article: { id: number | string; nextReviewDue: string }
  reviewStatus: ReviewStatus
}): Promise<void> => {
  const event =
    reviewStatus === 'overdue'
      ? 'reviewOverdue'
      : reviewStatus === 'due-soon'
        ? 'reviewDueSoon'
        : null
  if (!event) {
    return
  }
  try {
    const key = `${event}:${article.id}:${article.nextReviewDue.slice(0, 10)}`
    if (await isFirstTime({ payload, req, key })) {
      await queueNotification({
        payload,
        req,
        event,
        articleId: article.id,
        date: article.nextReviewDue,
      })
    }
  } catch (error) {
    payload.logger.error({
      err: error,
      msg: `Could not queue the ${event} notification for article ${article.id}.`,
    })
  }
}
