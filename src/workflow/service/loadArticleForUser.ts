import type { PayloadRequest } from 'payload'

import type { Article, User } from '@payload-types'
import { refusalResponse } from '@/shared/refusals'

/**
 * The latest version of the article in the route (or its live version, for decisions on what is
 * live), as the signed-in user may see it, or the answer
 * to give instead (401 when nobody is signed in, 404 when the article does not exist for them).
 */
export const loadArticleForUser = async (
  req: PayloadRequest,
  {
    version = 'latest',
    id: articleId,
  }: {
    version?: 'latest' | 'live'
    /** The article (default: the `:id` in the route). */
    id?: number | string
  } = {},
): Promise<{ doc: Article; user: User; response?: never } | { response: Response }> => {
  const user = req.user as User | null
  if (!user) {
    return { response: refusalResponse({ code: 'UNAUTHENTICATED', message: 'Log in first.' }) }
  }
  const id = String(articleId ?? req.routeParams?.id ?? '')
  const doc = /^[0-9a-f]{1,24}$/i.test(id)
    ? await req.payload.findByID({
        collection: 'articles',
        id,
        draft: version === 'latest',
        depth: 0,
        overrideAccess: false,
        user,
        req,
        disableErrors: true,
      })
    : null
  if (!doc) {
    return {
      response: refusalResponse({
        code: 'NOT_FOUND',
        message: 'No article with that id that you can see.',
      }),
    }
  }
  return { doc, user }
}
