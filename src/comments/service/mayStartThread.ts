import type { Article, User } from '@payload-types'
import { idOf } from '@/shared/idOf'
import { hasRole } from '@/shared/roles'

/**
 * Who may start a thread on a passage: editors, admins and the article's medical reviewer (any
 * reviewer while none is assigned). Writers reply and resolve.
 */
export const mayStartThread = ({
  user,
  article,
}: {
  user: User
  article: Pick<Article, 'medicalReviewer'>
}): boolean => {
  if (hasRole(user, 'admin', 'editor')) {
    return true
  }
  if (!hasRole(user, 'reviewer')) {
    return false
  }
  const assigned = idOf(article.medicalReviewer)
  return assigned === null || String(assigned) === String(idOf(user.medicalReviewer))
}
