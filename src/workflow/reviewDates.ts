import type { Where } from 'payload'

import type { ReviewStatus } from './stages'
import { DAY_MS } from '@/shared/time'

export const DUE_SOON_DAYS = 30

/**
 * Due soon or overdue at `now`, as a query: a due date up to `DUE_SOON_DAYS` ahead. Later ones
 * are `current`.
 */
export const dueSoonWhere = (now: Date): Where => ({
  nextReviewDue: {
    less_than_equal: new Date(now.getTime() + DUE_SOON_DAYS * DAY_MS).toISOString(),
  },
})

/** `lastReviewedAt` plus the review interval, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export const nextReviewDue = ({
  lastReviewedAt,
  months,
}: {
  lastReviewedAt: Date
  months: number
}): Date => {
  const due = new Date(lastReviewedAt)
  const day = due.getUTCDate()
  due.setUTCDate(1)
  due.setUTCMonth(due.getUTCMonth() + months)
  const lastDay = new Date(Date.UTC(due.getUTCFullYear(), due.getUTCMonth() + 1, 0)).getUTCDate()
  due.setUTCDate(Math.min(day, lastDay))
  return due
}

/** `overdue` once the due date has passed, `due-soon` within 30 days of it, else `current`. */
export const reviewStatusOf = ({
  nextReviewDue: due,
  now,
}: {
  nextReviewDue: Date
  now: Date
}): ReviewStatus => {
  if (due.getTime() < now.getTime()) {
    return 'overdue'
  }
  return due.getTime() - now.getTime() <= DUE_SOON_DAYS * DAY_MS ? 'due-soon' : 'current'
}

/**
 * When `reviewStatusOf` will next give a different answer for this due date: the day it becomes
 * `due-soon`, then the moment after it is due. `null` once overdue, which lasts until a new review.
 */
export const reviewStatusChangesAt = ({
  nextReviewDue: due,
  now,
}: {
  nextReviewDue: Date
  now: Date
}): Date | null => {
  const dueSoonFrom = new Date(due.getTime() - DUE_SOON_DAYS * DAY_MS)
  if (now.getTime() < dueSoonFrom.getTime()) {
    return dueSoonFrom
  }
  return now.getTime() <= due.getTime() ? new Date(due.getTime() + 1) : null
}

type ReviewDueEntry = {
  id: number | string
  title: string
  slug: string | null
  nextReviewDue: string
  reviewStatus: ReviewStatus
}

/** Published articles whose review is overdue or due soon, most urgent first. */
export const reviewDueList = ({
  articles,
  now,
}: {
  articles: {
    id: number | string
    title: string
    slug?: string | null
    nextReviewDue?: string | null
  }[]
  now: Date
}): ReviewDueEntry[] =>
  articles
    .flatMap((article) => {
      if (!article.nextReviewDue) {
        return []
      }
      const reviewStatus = reviewStatusOf({ nextReviewDue: new Date(article.nextReviewDue), now })
      return reviewStatus === 'current'
        ? []
        : [
            {
              id: article.id,
              title: article.title,
              slug: article.slug ?? null,
              nextReviewDue: article.nextReviewDue,
              reviewStatus,
            },
          ]
    })
    .sort((a, b) => a.nextReviewDue.localeCompare(b.nextReviewDue))
