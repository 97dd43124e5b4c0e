import type { Access, Where } from 'payload'

import { hasRole } from '@/shared/roles'
import { assignedArticles, ownArticles } from './ownArticles'

/** Version rows keep the article's fields under `version.`; constraints must say so. */
const underVersion = (where: Where): Where =>
  Object.fromEntries(
    Object.entries(where).map(([key, value]) =>
      key === 'and' || key === 'or'
        ? [key, (value as Where[]).map(underVersion)]
        : [`version.${key}`, value],
    ),
  )

/**
 * An article's history (every saved version, drafts and withdrawn ones included) is for the people
 * who work on it: editors, its writer and its medical reviewer. Readers get the live version only.
 */
export const readArticleVersions: Access = ({ req: { user } }) => {
  if (hasRole(user, 'admin', 'editor')) {
    return true
  }
  if (!user) {
    return false
  }
  const involved: Where[] = [
    ...(hasRole(user, 'writer') ? ownArticles(user) : []),
    ...(hasRole(user, 'reviewer') ? assignedArticles(user) : []),
  ]
  return involved.length ? underVersion({ or: involved }) : false
}
