import type { PayloadRequest, Where } from 'payload'

import { idOf } from '@/shared/idOf'
import { LIVE } from '@/workflow/live'
import { dueSoonWhere, reviewStatusOf } from '@/workflow/reviewDates'

export const RE_REVIEW_SORTS = ['nextReviewDue', '-nextReviewDue', 'title', '-title'] as const
export type ReReviewSort = (typeof RE_REVIEW_SORTS)[number]

/**
 * The editors' re-review queue: live articles whose medical review is due within 30 days or past,
 * by due date (or title), optionally of one topic or one reviewer. Criteria are editorial only.
 */
export const reReviewQueue = async ({
  req,
  sort = 'nextReviewDue',
  topic,
  reviewer,
  page = 1,
  limit = 50,
  now = new Date(),
}: {
  req: PayloadRequest
  sort?: ReReviewSort
  topic?: string
  reviewer?: string
  page?: number
  limit?: number
  now?: Date
}) => {
  const and: Where[] = [LIVE, dueSoonWhere(now)]
  if (topic) {
    and.push({ topics: { in: [topic] } })
  }
  if (reviewer) {
    and.push({
      or: [{ medicalReviewer: { equals: reviewer } }, { reReviewer: { equals: reviewer } }],
    })
  }
  const found = await req.payload.find({
    collection: 'articles',
    where: { and },
    sort,
    page,
    limit,
    depth: 1,
    select: {
      title: true,
      slug: true,
      nextReviewDue: true,
      lastReviewedAt: true,
      medicalReviewer: true,
      reReviewer: true,
      topics: true,
    },
    draft: false,
    overrideAccess: true,
    req,
  })
  const person = (value: unknown) => {
    const id = idOf(value)
    return id === null ? null : { id, name: (value as { name?: string } | null)?.name ?? null }
  }
  return {
    totalDocs: found.totalDocs,
    page: found.page ?? page,
    totalPages: found.totalPages,
    docs: found.docs.map((doc) => ({
      id: doc.id,
      title: doc.title,
      slug: doc.slug ?? null,
      lastReviewedAt: doc.lastReviewedAt ?? null,
      nextReviewDue: doc.nextReviewDue ?? null,
      reviewStatus: doc.nextReviewDue
        ? reviewStatusOf({ nextReviewDue: new Date(doc.nextReviewDue), now })
        : null,
      medicalReviewer: person(doc.medicalReviewer),
      reReviewer: person(doc.reReviewer),
      topics: (doc.topics ?? []).map((topic) => ({
        id: idOf(topic),
        name: (topic as { name?: string } | null)?.name ?? null,
      })),
    })),
  }
}
