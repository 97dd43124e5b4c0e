import type { PayloadRequest } from 'payload'

import type { Article, User } from '@payload-types'
import { liveVersionChanged } from '@/delivery/readModel/refresh'
import { idOf } from '@/shared/idOf'
import { hasRole } from '@/shared/roles'
import { nextReviewDue, reviewStatusOf } from '@/workflow/reviewDates'

import { intervalMonthsOf } from './intervalMonthsOf'
import { isLive } from './isLive'
import { writeLiveVersion } from './writeLiveVersion'

/** Editors, admins, and the article's own (or asked) medical reviewer set its review interval. */
export const maySetInterval = (user: User, article: Partial<Article>): boolean => {
  if (hasRole(user, 'admin', 'editor')) {
    return true
  }
  const mine = idOf(user.medicalReviewer)
  return (
    hasRole(user, 'reviewer') &&
    mine !== null &&
    [idOf(article.medicalReviewer), idOf(article.reReviewer)].some(
      (id) => String(id) === String(mine),
    )
  )
}

/**
 * Sets an article's own review interval (null: its topics or the default decide) without making a
 * draft. On a live article the review date follows at once: `nextReviewDue` is the last review
 * plus the interval now in force, and the delivery API shows it.
 */
export const setReviewInterval = async ({
  req,
  article,
  months,
  now = new Date(),
}: {
  req: PayloadRequest
  article: Article
  months: number | null
  now?: Date
}): Promise<Article> => {
  const { db } = req.payload
  const { docs: latest } = await db.findVersions({
    collection: 'articles',
    where: { parent: { equals: article.id } },
    sort: '-updatedAt',
    limit: 1,
    pagination: false,
    req,
  })
  if (latest[0]) {
    await db.updateVersion({
      collection: 'articles',
      id: latest[0].id,
      versionData: { version: { reviewIntervalMonths: months } } as never,
      returning: false,
      req,
    })
  }
  if (!(await isLive({ id: article.id, req }))) {
    await db.updateOne({
      collection: 'articles',
      id: article.id,
      data: { reviewIntervalMonths: months },
      req,
    })
    return { ...article, reviewIntervalMonths: months }
  }
  const live = await req.payload.findByID({
    collection: 'articles',
    id: article.id,
    draft: false,
    depth: 0,
    overrideAccess: true,
    req,
  })
  const interval = await intervalMonthsOf({ req, doc: { ...live, reviewIntervalMonths: months } })
  const due = live.lastReviewedAt
    ? nextReviewDue({ lastReviewedAt: new Date(live.lastReviewedAt), months: interval })
    : null
  await writeLiveVersion({
    req,
    id: article.id,
    data: {
      reviewIntervalMonths: months,
      ...(due
        ? {
            nextReviewDue: due.toISOString(),
            reviewStatus: reviewStatusOf({ nextReviewDue: due, now }),
          }
        : {}),
    },
  })
  await liveVersionChanged({ req, articleId: article.id })
  return {
    ...live,
    reviewIntervalMonths: months,
    nextReviewDue: due?.toISOString() ?? live.nextReviewDue,
  }
}
