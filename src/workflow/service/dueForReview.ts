import type { Payload, PayloadRequest } from 'payload'

import { LIVE } from '@/workflow/live'
import { dueSoonWhere, reviewDueList } from '@/workflow/reviewDates'

/**
 * The live articles whose medical review is overdue or due soon at `now`, most urgent first, as
 * `access` lets the caller read them. Only those are read, by due date: in Payload's default order
 * (created) the dashboard read every live article, 7-9 s at 100,000.
 */
export const dueForReview = async ({
  payload,
  now,
  access,
}: {
  payload: Payload
  now: Date
  /** `overrideAccess: true`, or the person's `user` and `req` with `overrideAccess: false`. */
  access: { overrideAccess: boolean; user?: PayloadRequest['user']; req?: PayloadRequest }
}) => {
  const { docs } = await payload.find({
    collection: 'articles',
    where: { and: [LIVE, dueSoonWhere(now)] },
    select: { title: true, slug: true, nextReviewDue: true },
    sort: 'nextReviewDue',
    pagination: false,
    depth: 0,
    ...access,
  })
  return reviewDueList({ articles: docs, now })
}
