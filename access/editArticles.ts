import type { Access } from 'payload'

import { hasRole } from '@/shared/roles'
import { ownArticles } from './ownArticles'

/** Editors change any article, writers their own; reviewers act through the workflow only. */
export const editArticles: Access = ({ req: { user } }) => {
  if (hasRole(user, 'admin', 'editor')) {
    return true
  }
  if (user && hasRole(user, 'writer')) {
    return { or: ownArticles(user) }
  }
  return false
}
