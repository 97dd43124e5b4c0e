import type { Access } from 'payload'

import { hasRole } from '@/shared/roles'
import { ownArticles, reviewableArticles } from './ownArticles'
import { LIVE } from '@/workflow/live'

/** Everyone reads what is live; writers also their own, reviewers what is theirs to review. */
export const readArticles: Access = ({ req: { user } }) => {
  if (hasRole(user, 'admin', 'editor')) {
    return true
  }
  if (!user) {
    return LIVE
  }
  return {
    or: [
      LIVE,
      ...(hasRole(user, 'writer') ? ownArticles(user) : []),
      ...(hasRole(user, 'reviewer') ? reviewableArticles(user) : []),
    ],
  }
}
