import type { Payload, PayloadRequest, TaskConfig } from 'payload'

import { notifyReviewDue } from '@/notifications/reviewDue'
import { queueWebhooks } from '@/webhooks/webhooks'
import { dueSoonWhere, reviewStatusOf } from '@/workflow/reviewDates'
import { LIVE } from '@/workflow/live'
import { REVIEW_STATUSES } from '@/workflow/stages'
import { nextTurn } from '@/shared/nextTurn'
import { overdueGraceDays, overduePolicy } from '@/config/env'
import { archiveAsSignoff } from '@/workflow/service/archiveAsSignoff'
import { DAY_MS } from '@/shared/time'

export const REVIEW_DUE_QUEUE = 'review-due'

const NOT_CURRENT = REVIEW_STATUSES.filter((status) => status !== 'current')

/** Articles read per query: memory and each query's time stay the same at any library size. */
const SWEEP_BATCH = 250

type SweptArticle = {
  id: number | string
  slug?: string | null
  nextReviewDue?: string | null
  reviewStatus?: string | null
}

/**
 * The live articles a sweep at `now` can have something to do for, in batches by id: those due
 * soon or overdue (a status to store, notices to send, the overdue policy) and
 * those whose stored status is not `current` (it may have to go back to `current`). Every other
 * live article is `current` and stays so. Read all at once, 100,000 live articles took 14 s and
 * 700 MB more memory each hour, to change nothing.
 */
async function* articlesToSweep({
  payload,
  now,
  req,
}: {
  payload: Payload
  now: Date
  req?: PayloadRequest
}): AsyncGenerator<SweptArticle & { nextReviewDue: string }> {
  let after: number | string | null = null
  for (;;) {
    const found = await payload.find({
      collection: 'articles',
      where: {
        and: [
          LIVE,
          { nextReviewDue: { exists: true } },
          {
            or: [
              dueSoonWhere(now),
              // `in`, not `not_equals`: each of the three is an index lookup; `!=` read every row.
              { reviewStatus: { in: NOT_CURRENT } },
              { reviewStatus: { exists: false } },
            ],
          },
          ...(after === null ? [] : [{ id: { greater_than: after } }]),
        ],
      },
      select: { slug: true, nextReviewDue: true, reviewStatus: true },
      sort: 'id',
      limit: SWEEP_BATCH,
      pagination: false,
      depth: 0,
      overrideAccess: true,
      context: { storedReviewStatus: true },
      req,
    })
    const docs: SweptArticle[] = found.docs
    for (const { nextReviewDue, ...doc } of docs) {
      if (nextReviewDue) {
        yield { ...doc, nextReviewDue }
      }
    }
    const last: SweptArticle | undefined = docs[docs.length - 1]
    if (!last || docs.length < SWEEP_BATCH) {
      return
    }
    after = last.id
  }
}

/**
 * Stores each published article's review currency (`current`, `due-soon`, `overdue`) so lists can
 * filter on it. It writes the live document's own row only: a sweep must neither create a version
 * nor touch a newer draft. The reviewer and editors hear once when a review is due soon and once
 * when it is overdue. Only the articles that can need it are read (`articlesToSweep`). Returns how
 * many it checked and which changed status.
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
  const changed: { id: number | string; reviewStatus: string }[] = []
  let checked = 0
  for await (const doc of articlesToSweep({ payload, now, req })) {
    checked += 1
    // Requests are answered in between (SQLite calls never yield).
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
  return { checked, changed, archived }
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
