import type { Where } from 'payload'

import type { User } from '../payload-types'
import { idOf } from '../src/utilities/idOf'

/** An article is a writer's own when they created it or it is credited to their author profile. */
export const ownArticles = (user: Pick<User, 'id' | 'author'>): Where[] => {
  const own: Where[] = [{ createdBy: { equals: user.id } }]
  const author = idOf(user.author)
  if (author !== null) {
    own.push({ author: { equals: author } })
  }
  return own
}

/** A reviewer reads articles waiting for review and the ones assigned to them. */
export const reviewableArticles = (user: Pick<User, 'medicalReviewer'>): Where[] => {
  const reviewable: Where[] = [{ stage: { equals: 'in_review' } }]
  const reviewer = idOf(user.medicalReviewer)
  if (reviewer !== null) {
    reviewable.push({ medicalReviewer: { equals: reviewer } })
  }
  return reviewable
}
