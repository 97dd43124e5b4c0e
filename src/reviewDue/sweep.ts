import type { Payload, PayloadRequest, TaskConfig } from 'payload'

import { notifyReviewDue } from '@/notifications/reviewDue'
import { queueWebhooks } from '@/webhooks/webhooks'
import { reviewStatusOf } from '@/workflow/reviewDates'
import { LIVE } from '@/workflow/live'
import { nextTurn } from '@/shared/nextTurn'
import { overdueGraceDays, overduePolicy } from '@/config/env'
import { archiveAsSignoff } from '@/workflow/service/archiveAsSignoff'

const DAY_MS = 24 * 60 * 60 * 1000

export const REVIEW_DUE_QUEUE = 'review-due'

/**
 * Stores each published article's review currency (`current`, `due-soon`, `overdue`) so lists can
 * filter on it. It writes the live document's own row only: a sweep must neither create a version
 * nor touch a newer draft. The reviewer and editors hear once when a review is due soon and once
 * when it is overdue. Returns how many articles changed status.
 */
export const sweepReviewStatus = async ({
  payload,
  now = new Date(),
  req,
}: {
  payload: Payload
  now?: Date
  req?: PayloadRequest
}): Promise<{
  checked: number
  changed: { id: number | string; reviewStatus: string }[]
  archived: (number | string)[]
}> => {
  const policy = overduePolicy()
  const graceDays = overdueGraceDays()
  const archived: (number | string)[] = []
  const { docs } = await payload.find({
    collection: 'articles',
    where: { and: [LIVE, { nextReviewDue: { exists: true } }] },
    select: { slug: true, nextReviewDue: true, reviewStatus: true },
    pagination: false,
    depth: 0,
    overrideAccess: true,
    context: { storedReviewStatus: true },
    req,
  })
  const changed: { id: number | string; reviewStatus: string }[] = []
  for (const doc of docs) {
    if (!doc.nextReviewDue) {
      continue
    }
    // Thousands of articles: requests are answered in between (SQLite calls never yield).
    await nextTurn()
    const reviewStatus = reviewStatusOf({ nextReviewDue: new Date(doc.nextReviewDue), now })
    if (reviewStatus !== doc.reviewStatus) {
      await payload.db.updateOne({
        collection: 'articles',
        id: doc.id,
        data: { reviewStatus },
        req,
      })
      changed.push({ id: doc.id, reviewStatus })
      if (reviewStatus === 'overdue') {
        await queueWebhooks({ payload, req, event: 'article.review_overdue', article: doc })
      }
    }
    await notifyReviewDue({
      payload,
      req,
      article: { id: doc.id, nextReviewDue: doc.nextReviewDue },
      reviewStatus,
    })
    const overdueDays = (now.getTime() - new Date(doc.nextReviewDue).getTime()) / DAY_MS
    if (policy === 'archive' && req && overdueDays > graceDays) {
      const note = `Archived by the overdue policy: its medical review fell due on ${doc.nextReviewDue.slice(0, 10)}, more than ${graceDays} days ago (OVERDUE_POLICY=archive).`
      if (await archiveAsSignoff({ req, id: doc.id, note })) {
        archived.push(doc.id)
      }
    }
  }
  return { checked: docs.length, changed, archived }
}

export const reviewDueSweepTask: TaskConfig<{
  input: object
  output: { checked: number; changed: number }
}> = {
  slug: 'reviewDueSweep',
  label: 'Mark reviews that are due or overdue',
  retries: 2,
  schedule: [{ cron: '15 * * * *', queue: REVIEW_DUE_QUEUE }],
  handler: async ({ req }) => {
    const { checked, changed, archived } = await sweepReviewStatus({ payload: req.payload, req })
    if (archived.length) {
      req.payload.logger.info(
        `Overdue policy: archived ${archived.length} article(s) past their review date and grace period.`,
      )
    }
    if (changed.length) {
      req.payload.logger.info(
        `Review sweep: ${changed.length} of ${checked} published articles changed review status.`,
      )
    }
    return { output: { checked, changed: changed.length } }
  },
}
