import { createHash } from 'node:crypto'

import type { Article } from '@payload-types'
import type { PublicSite } from '@/config/publicSite'
import type { RenderedSnapshot } from '@/db/readModelStore'
import { reviewStatusChangesAt, reviewStatusOf } from '@/workflow/reviewDates'
import type { ReviewFlag } from '@/workflow/reviewFlags'
import { strongEtag } from '@/delivery/responseCache'
import { toArticleDetail } from '@/delivery/serializers/article'
import type { PublisherInfo } from '@/delivery/serializers/jsonLd'

export type RenderedArticle = RenderedSnapshot & {
  /** Why the live article needs a reviewer's attention. */
  reviewFlags: ReviewFlag[]
}

/**
 * The shape of a rendering: raise it when the JSON changes, and every stored rendering is made again
 * on its next read. 2: public URLs, dateModified, typed topics and citations, plain reviewer names.
 * 3: the people's disclosures and the publisher block.
 */
export const RENDERING_FORMAT = 3

/**
 * What a rendering was made for, stored beside it (the `origin` column): the format and the public
 * site settings (URLs, media origin, language). Another key means render again before sending.
 */
export const renderingKey = (site: PublicSite): string =>
  `v${RENDERING_FORMAT}:${createHash('sha256').update(JSON.stringify(site)).digest('base64url').slice(0, 22)}`

/**
 * The exact bytes `GET /content/v1/articles/:slug` sends for a live article (populated at depth 1),
 * with the review status as of `now` and the moment that status stops being true.
 */
export const renderArticle = ({
  doc,
  site,
  publisher,
  liveSince,
  now,
  reviewFlags = [],
}: {
  doc: Article & { slug: string }
  site: PublicSite
  publisher: PublisherInfo
  /** When the live version was published. */
  liveSince: string | null
  now: Date
  reviewFlags?: ReviewFlag[]
}): RenderedArticle => {
  const due = doc.nextReviewDue ? new Date(doc.nextReviewDue) : null
  const reviewStatus = due ? reviewStatusOf({ nextReviewDue: due, now }) : doc.reviewStatus
  const body = JSON.stringify(
    toArticleDetail({ doc: { ...doc, reviewStatus }, site, publisher, liveSince }),
  )
  return {
    slug: doc.slug,
    body,
    etag: strongEtag(body),
    origin: renderingKey(site),
    reviewStatusChangesAt: due
      ? (reviewStatusChangesAt({ nextReviewDue: due, now })?.toISOString() ?? null)
      : null,
    reviewFlags,
    title: doc.title,
    summary: doc.summary ?? null,
    publishedAt: doc.publishedAt ?? null,
  }
}

/**
 * Whether a stored rendering may be sent as it is, or must be rendered again first. One stale in
 * presentation only (`servableWhileStale`) is sent while the refresh job renders it again; one
 * stale for what it says (people, evidence), for other settings or with a review status that has
 * ended is not.
 */
export const isCurrent = ({
  snapshot,
  key,
  now,
}: {
  snapshot: {
    isStale: boolean
    servableWhileStale?: boolean
    origin: string
    reviewStatusChangesAt: string | null
  }
  /** `renderingKey()` of this process's settings. */
  key: string
  now: Date
}): boolean =>
  (!snapshot.isStale || snapshot.servableWhileStale === true) &&
  snapshot.origin === key &&
  (snapshot.reviewStatusChangesAt === null ||
    new Date(snapshot.reviewStatusChangesAt).getTime() > now.getTime())
