import type { Endpoint } from 'payload'

import { staleAfterDays } from '@/config/env'
import { roleQueues } from '@/queues/roleQueues'
import { refusalResponse } from '@/shared/refusals'
import { editorialSummary } from '@/workflow/service/editorialSummary'

/** GET /api/articles/editorial-summary: the dashboard's editorial desk and each role's queue. */
export const editorialSummaryEndpoint: Endpoint = {
  path: '/editorial-summary',
  method: 'get',
  handler: async (req) => {
    if (!req.user) {
      return refusalResponse({ code: 'UNAUTHENTICATED', message: 'Log in first.' })
    }
    const [summary, queues] = await Promise.all([
      editorialSummary({ req }),
      roleQueues({ req, staleAfterDays: staleAfterDays() }),
    ])
    return Response.json({ ...summary, queues })
  },
}
