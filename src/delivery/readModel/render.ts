import type { Article } from '@payload-types'
import type { RenderedSnapshot } from '@/db/readModelStore'
import { reviewStatusChangesAt, reviewStatusOf } from '@/workflow/reviewDates'
import type { ReviewFlag } from '@/workflow/reviewFlags'
import { strongEtag } from '@/delivery/responseCache'
import { toArticleDetail } from '@/delivery/serializers/article'

export type RenderedArticle = RenderedSnapshot & {
  /** Why the live article needs a reviewer's attention. */
  reviewFlags: ReviewFlag[]
}

/**
 * The exact bytes `GET /content/v1/articles/:slug` sends for a live article (populated at depth 1),
 * with the review status as of `now` and the moment that status stops being true.
 */
export const renderArticle = ({
  doc,
  origin,
  publisherName,
  now,
  reviewFlags = [],
}: {
  doc: Article & { slug: string }
  origin: string
  publisherName: string | null
  now: Date
  reviewFlags?: ReviewFlag[]
}): RenderedArticle => {
  const due = doc.nextReviewDue ? new Date(doc.nextReviewDue) : null
  const reviewStatus = due ? reviewStatusOf({ nextReviewDue: due, now }) : doc.reviewStatus
  const body = JSON.stringify(
    toArticleDetail({ doc: { ...doc, reviewStatus }, origin, publisherName }),
  )
  return {
    slug: doc.slug,
    body,
    etag: strongEtag(body),
    origin,
    reviewStatusChangesAt: due
      ? (reviewStatusChangesAt({ nextReviewDue: due, now })?.toISOString() ?? null)
      : null,
    reviewFlags,
  }
}

/** Whether a stored rendering may be sent as it is, or must be rendered again first. */
export const isCurrent = ({
  snapshot,
  origin,
  now,
}: {
  snapshot: { isStale: boolean; origin: string; reviewStatusChangesAt: string | null }
  origin: string
  now: Date
}): boolean =>
  !snapshot.isStale &&
  snapshot.origin === origin &&
  (snapshot.reviewStatusChangesAt === null ||
    new Date(snapshot.reviewStatusChangesAt).getTime() > now.getTime())
