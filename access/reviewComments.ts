import type { Access, Where } from 'payload'

import type { User } from '@payload-types'
import { idOf } from '@/shared/idOf'
import { hasRole } from '@/shared/roles'

/** Matches no document: others' comments answer 404, as if they did not exist. */
const NO_COMMENTS: Where = { id: { exists: false } }

/**
 * The people in an article's review conversation: editors and admins, the article's writer (who
 * created it or is its credited author), and its medical reviewer (any reviewer while an article
 * in review has none assigned). Everyone else sees no comment, by any door.
 */
export const commentParticipants = (user: User | null | undefined): Where | true => {
  if (hasRole(user, 'admin', 'editor')) {
    return true
  }
  if (!user) {
    return NO_COMMENTS
  }
  const or: Where[] = []
  if (hasRole(user, 'writer')) {
    or.push({ 'article.createdBy': { equals: user.id } })
    const author = idOf(user.author)
    if (author !== null) {
      or.push({ 'article.author': { equals: author } })
    }
  }
  if (hasRole(user, 'reviewer')) {
    const reviewer = idOf(user.medicalReviewer)
    if (reviewer !== null) {
      or.push({ 'article.medicalReviewer': { equals: reviewer } })
    }
    or.push({
      and: [
        { 'article.stage': { equals: 'in_review' } },
        { 'article.medicalReviewer': { exists: false } },
      ],
    })
  }
  return or.length ? { or } : NO_COMMENTS
}

export const readReviewComments: Access = ({ req: { user } }) =>
  commentParticipants(user as User | null)

/** Anyone who may read a comment may resolve it; what else they may change the hooks decide. */
export const updateReviewComments: Access = ({ req: { user } }) =>
  user ? commentParticipants(user as User) : false

/** Only a comment's own author (or an admin) may try; a reviewed article keeps its comments. */
export const deleteReviewComments: Access = ({ req: { user } }) => {
  if (hasRole(user, 'admin')) {
    return true
  }
  return user ? { author: { equals: user.id } } : false
}

export const createReviewComments: Access = ({ req: { user } }) =>
  hasRole(user, 'admin', 'editor', 'reviewer', 'writer')
