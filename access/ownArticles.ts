import type { Where } from 'payload'

import type { User } from '@payload-types'
import { idOf } from '@/shared/idOf'

/** An article is a writer's own when they created it or it is credited to their author profile. */
export const ownArticles = (user: Pick<User, 'id' | 'author'>): Where[] => {
  const own: Where[] = [{ createdBy: { equals: user.id } }]
  const author = idOf(user.author)
  if (author !== null) {
    own.push({ author: { equals: author } })
  }
  return own
}

/** The articles a medical reviewer is assigned to (none without a reviewer profile). */
export const assignedArticles = (user: Pick<User, 'medicalReviewer'>): Where[] => {
  const reviewer = idOf(user.medicalReviewer)
  return reviewer === null ? [] : [{ medicalReviewer: { equals: reviewer } }]
}

/** A reviewer reads articles waiting for review and the ones assigned to them. */
export const reviewableArticles = (user: Pick<User, 'medicalReviewer'>): Where[] => [
  { stage: { equals: 'in_review' } },
  ...assignedArticles(user),
]
