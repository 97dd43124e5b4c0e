import type { Endpoint } from 'payload'

import { refusalResponse } from '@/shared/refusals'
import { threadsOn } from '@/comments/service/threadsOn'
import type { CommentStatusFilter } from '@/comments/service/threadsOn'
import { loadArticleForUser } from '@/workflow/service/loadArticleForUser'

const FILTERS: CommentStatusFilter[] = ['open', 'resolved', 'all']

/**
 * GET /api/articles/:id/comments?status=open|resolved|all: the review conversation on an article,
 * each thread with where its passage is in the latest draft (or "outdated" when it is gone).
 */
export const commentsEndpoint: Endpoint = {
  path: '/:id/comments',
  method: 'get',
  handler: async (req) => {
    const loaded = await loadArticleForUser(req)
    if (loaded.response) {
      return loaded.response
    }
    const asked = req.searchParams.get('status') ?? 'all'
    if (!FILTERS.includes(asked as CommentStatusFilter)) {
      return refusalResponse({
        code: 'INVALID_BODY',
        message: '"status" is one of open, resolved or all.',
      })
    }
    return Response.json(
      await threadsOn({
        req,
        user: loaded.user,
        article: loaded.doc,
        status: asked as CommentStatusFilter,
      }),
    )
  },
}
