import type { Endpoint } from 'payload'

import { loadArticleForUser } from '@/workflow/service/loadArticleForUser'
import { workflowPanel } from '@/workflow/service/workflowPanel'

/** GET /api/articles/:id/workflow: what the admin's workflow panel shows. */
export const workflowPanelEndpoint: Endpoint = {
  path: '/:id/workflow',
  method: 'get',
  handler: async (req) => {
    const loaded = await loadArticleForUser(req)
    if (loaded.response) {
      return loaded.response
    }
    return Response.json(await workflowPanel({ req, doc: loaded.doc, user: loaded.user }))
  },
}
