import type { Endpoint } from 'payload'

import { readingView } from '@/delivery/readingView'
import { loadArticleForUser } from '@/workflow/service/loadArticleForUser'

/** GET /api/articles/:id/reading-view: the latest draft as readers will see it. */
export const readingViewEndpoint: Endpoint = {
  path: '/:id/reading-view',
  method: 'get',
  handler: async (req) => {
    const loaded = await loadArticleForUser(req)
    if (loaded.response) {
      return loaded.response
    }
    return Response.json(await readingView({ req, id: loaded.doc.id }))
  },
}
