/** `npm run review:due`: published articles whose medical review is overdue or due within 30 days. */
import { sweepReviewStatus } from '@/reviewDue/sweep'
import { startPayload } from '@/server/start'
import { dueForReview } from '@/workflow/service/dueForReview'

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
    const due = await dueForReview({ payload, now, access: { overrideAccess: true } })
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
