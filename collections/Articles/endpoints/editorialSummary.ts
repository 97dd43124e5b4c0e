import type { Endpoint } from 'payload'

import { EDITORIAL_STAGES } from '../../../src/workflow/stages'
import { reviewDueList } from '../../../src/workflow/reviewDates'

/** GET /api/articles/editorial-summary: counts per stage and reviews due, over what the caller may read. */
export const editorialSummaryEndpoint: Endpoint = {
  path: '/editorial-summary',
  method: 'get',
  handler: async (req) => {
    if (!req.user) {
      return Response.json(
        { errors: [{ code: 'UNAUTHENTICATED', message: 'Log in first.' }] },
        { status: 401 },
      )
    }
    const asUser = { overrideAccess: false, user: req.user, req } as const
    const counts = Object.fromEntries(
      await Promise.all(
        EDITORIAL_STAGES.map(async (stage) => {
          const { totalDocs } = await req.payload.count({
            collection: 'articles',
            where: { stage: { equals: stage } },
            ...asUser,
          })
          return [stage, totalDocs] as const
        }),
      ),
    )
    const { docs } = await req.payload.find({
      collection: 'articles',
      where: { _status: { equals: 'published' } },
      select: { title: true, slug: true, nextReviewDue: true },
      pagination: false,
      depth: 0,
      ...asUser,
    })
    return Response.json({ counts, due: reviewDueList({ articles: docs, now: new Date() }) })
  },
}
