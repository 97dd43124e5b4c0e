import type { PayloadRequest } from 'payload'

import { hasRole } from '@/shared/roles'
import { idOf } from '@/shared/idOf'
import { PUBLISHED_ARTICLES } from '@/shared/collections'
import { EDITORIAL_STAGES } from '@/workflow/stages'
import { dueForReview } from './dueForReview'

/** Live articles whose evidence changed or that no longer pass the publish rules: for editors. */
const flaggedForReview = async (req: PayloadRequest) => {
  if (!hasRole(req.user as never, 'admin', 'editor')) {
    return []
  }
  const { docs: rows } = await req.payload.find({
    collection: PUBLISHED_ARTICLES,
    where: { needsReview: { equals: true } },
    select: { article: true, reviewFlags: true },
    limit: 100,
    depth: 0,
    overrideAccess: true,
    req,
  })
  const ids = rows.map((row) => idOf(row.article)).filter((id) => id !== null)
  const { docs: articles } = await req.payload.find({
    collection: 'articles',
    where: { id: { in: ids } },
    select: { title: true },
    limit: 100,
    depth: 0,
    overrideAccess: true,
    req,
  })
  return rows.map((row) => ({
    id: idOf(row.article),
    title: articles.find((a) => String(a.id) === String(idOf(row.article)))?.title ?? null,
    flags: ((row.reviewFlags as { code: string; message: string }[] | null) ?? []).map(
      ({ code, message }) => ({ code, message }),
    ),
  }))
}

/**
 * The editorial desk on the dashboard: articles per stage and reviews due, over what the person may
 * read, and (for editors) live articles flagged for re-review.
 */
export const editorialSummary = async ({ req }: { req: PayloadRequest }) => {
  const asUser = { overrideAccess: false, user: req.user, req } as const
  const counts = Object.fromEntries(
    await Promise.all(
      EDITORIAL_STAGES.map(async (stage) => {
        const { totalDocs } = await req.payload.count({
          collection: 'articles',
          where: { stage: { equals: stage } },
          ...asUser,
        })
        return [stage, totalDocs] as const
      }),
    ),
  )
  return {
    counts,
    due: await dueForReview({ payload: req.payload, now: new Date(), access: asUser }),
    flagged: await flaggedForReview(req),
  }
}
