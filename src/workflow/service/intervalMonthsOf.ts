import type { PayloadRequest } from 'payload'

import type { Article } from '@payload-types'
import { reviewIntervalMonths } from '@/config/env'
import { idOf } from '@/shared/idOf'
import { effectiveIntervalMonths } from '@/workflow/reviewInterval'

/** The review interval in force for an article: its own, its riskiest topic's, or the default. */
export const intervalMonthsOf = async ({
  req,
  doc,
}: {
  req: PayloadRequest
  doc: Partial<Article>
}): Promise<number> => {
  const topicIds = (doc.topics ?? []).map(idOf).filter((id) => id !== null)
  const { docs: topics } = topicIds.length
    ? await req.payload.find({
        collection: 'topics',
        where: { id: { in: topicIds } },
        select: { reviewIntervalMonths: true },
        limit: topicIds.length,
        pagination: false,
        depth: 0,
        overrideAccess: true,
        req,
      })
    : { docs: [] }
  return effectiveIntervalMonths({
    article: doc.reviewIntervalMonths,
    topics: topics.map((topic) => topic.reviewIntervalMonths),
    fallback: reviewIntervalMonths(),
  })
}
