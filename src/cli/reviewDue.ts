/** `npm run review:due`: published articles whose medical review is overdue or due within 30 days. */
import { sweepReviewStatus } from '@/reviewDue/sweep'
import { startPayload } from '@/server/start'
import { dueSoonBy, reviewDueList } from '@/workflow/reviewDates'

import { loadConfig, main } from './main'
import { LIVE } from '@/workflow/live'

main({
  run: async () => {
    const { payload } = await startPayload({ loadConfig })
    const now = new Date()
    await sweepReviewStatus({ payload, now })
    const { totalDocs: checked } = await payload.count({
      collection: 'articles',
      where: LIVE,
      overrideAccess: true,
    })
    // Only those due soon or overdue are read: a library of 100,000 is not held in memory.
    const { docs } = await payload.find({
      collection: 'articles',
      where: { and: [LIVE, { nextReviewDue: { less_than_equal: dueSoonBy(now).toISOString() } }] },
      select: { title: true, slug: true, nextReviewDue: true },
      // By due date, the index it is found by: by Payload's default (created) it read every row.
      sort: 'nextReviewDue',
      pagination: false,
      depth: 0,
      overrideAccess: true,
    })
    const due = reviewDueList({ articles: docs, now })
    if (!due.length) {
      console.log(
        `No published article is due for medical review within 30 days (${checked} checked).`,
      )
    } else {
      console.log(`${due.length} of ${checked} published articles need medical review:`)
      for (const entry of due) {
        console.log(
          `  ${entry.reviewStatus.padEnd(8)}  due ${entry.nextReviewDue.slice(0, 10)}  ${entry.title}  (${entry.slug ?? entry.id})`,
        )
      }
    }
    await payload.destroy()
  },
})
