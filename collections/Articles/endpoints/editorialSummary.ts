import type { Endpoint } from 'payload'

import { refusalResponse } from '@/shared/refusals'
import { editorialSummary } from '@/workflow/service/editorialSummary'

/** GET /api/articles/editorial-summary: the dashboard's editorial desk. */
export const editorialSummaryEndpoint: Endpoint = {
  path: '/editorial-summary',
  method: 'get',
  handler: async (req) =>
    req.user
      ? Response.json(await editorialSummary({ req }))
      : refusalResponse({ code: 'UNAUTHENTICATED', message: 'Log in first.' }),
}
