import type { Access, Where } from 'payload'

import { idOf } from '@/shared/idOf'
import { hasRole } from '@/shared/roles'

/** Editors and reviewers read every decision; writers the decisions on their own articles. */
export const readReviewRecords: Access = ({ req: { user } }) => {
  if (hasRole(user, 'admin', 'editor', 'reviewer')) {
    return true
  }
  if (!user || !hasRole(user, 'writer')) {
    return false
  }
  const author = idOf(user.author)
  const own: Where[] = [{ articleWriter: { equals: user.id } }]
  if (author !== null) {
    own.push({ articleAuthor: { equals: author } })
  }
  return { or: own }
}
