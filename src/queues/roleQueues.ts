import type { PayloadRequest, Where } from 'payload'

import type { Article, User } from '@payload-types'
import { idOf } from '@/shared/idOf'
import { hasRole } from '@/shared/roles'
import { LIVE } from '@/workflow/live'
import { dueSoonWhere } from '@/workflow/reviewDates'
import type { EditorialStage } from '@/workflow/stages'
import { daysSince, enteredStageAt, latestNote } from './timeInStage'
import type { StageRecord } from './timeInStage'

/** How many articles one queue lists; counts beyond it are exact. */
const QUEUE_LIMIT = 100

export type QueueItem = {
  id: number | string
  title: string
  stage: EditorialStage
  /** When it entered its stage, and the whole days since. */
  since: string
  daysInStage: number
  latestNote: string | null
  openComments: number
  nextReviewDue?: string | null
}

type Loaded = Pick<Article, 'id' | 'title' | 'stage' | 'createdAt' | 'updatedAt' | 'nextReviewDue'>

const WAITING: EditorialStage[] = ['draft', 'in_review', 'changes_requested', 'approved']

/** The articles a where finds, with what the queues show about each. */
const itemsFor = async ({
  req,
  where,
  now,
}: {
  req: PayloadRequest
  where: Where
  now: Date
}): Promise<QueueItem[]> => {
  const { docs } = await req.payload.find({
    collection: 'articles',
    where,
    select: { title: true, stage: true, createdAt: true, updatedAt: true, nextReviewDue: true },
    sort: 'updatedAt',
    limit: QUEUE_LIMIT,
    depth: 0,
    draft: true,
    overrideAccess: true,
    req,
  })
  const articles = docs as Loaded[]
  if (!articles.length) {
    return []
  }
  const ids = articles.map((a) => a.id)
  const [{ docs: records }, { docs: comments }] = await Promise.all([
    req.payload.find({
      collection: 'review-records',
      where: { article: { in: ids } },
      select: { article: true, toStage: true, at: true, note: true },
      sort: '-at',
      pagination: false,
      depth: 0,
      overrideAccess: true,
      req,
    }),
    req.payload.find({
      collection: 'review-comments',
      where: {
        and: [
          { article: { in: ids } },
          { status: { equals: 'open' } },
          { parent: { exists: false } },
        ],
      },
      select: { article: true },
      pagination: false,
      depth: 0,
      overrideAccess: true,
      req,
    }),
  ])
  const recordsOf = new Map<string, StageRecord[]>()
  for (const record of records) {
    const key = String(idOf(record.article))
    recordsOf.set(key, [...(recordsOf.get(key) ?? []), record as StageRecord])
  }
  const openOf = new Map<string, number>()
  for (const comment of comments) {
    const key = String(idOf(comment.article))
    openOf.set(key, (openOf.get(key) ?? 0) + 1)
  }
  return articles.map((article) => {
    const history = recordsOf.get(String(article.id)) ?? []
    const stage = (article.stage ?? 'draft') as EditorialStage
    const since = enteredStageAt({
      stage,
      records: history,
      fallback: history.length ? article.updatedAt : article.createdAt,
    })
    return {
      id: article.id,
      title: article.title,
      stage,
      since,
      daysInStage: daysSince(since, now),
      latestNote: latestNote(history),
      openComments: openOf.get(String(article.id)) ?? 0,
      ...(article.nextReviewDue !== undefined ? { nextReviewDue: article.nextReviewDue } : {}),
    }
  })
}

const oldestFirst = (a: QueueItem, b: QueueItem) => a.since.localeCompare(b.since)

/** The writer's own articles that are not live, by stage, with the latest note and open comments. */
const writerQueue = async ({ req, user, now }: { req: PayloadRequest; user: User; now: Date }) => {
  const own: Where[] = [{ createdBy: { equals: user.id } }]
  const author = idOf(user.author)
  if (author !== null) {
    own.push({ author: { equals: author } })
  }
  const items = await itemsFor({
    req,
    where: { and: [{ or: own }, { stage: { in: WAITING } }] },
    now,
  })
  return {
    byStage: Object.fromEntries(
      WAITING.map((stage) => [stage, items.filter((i) => i.stage === stage).sort(oldestFirst)]),
    ),
  }
}

/** What waits for this reviewer: reviews (oldest first) and live articles due for re-review. */
const reviewerQueue = async ({
  req,
  user,
  now,
}: {
  req: PayloadRequest
  user: User
  now: Date
}) => {
  const reviewer = idOf(user.medicalReviewer)
  const mine: Where[] = [{ medicalReviewer: { exists: false } }]
  if (reviewer !== null) {
    mine.push({ medicalReviewer: { equals: reviewer } })
  }
  const awaiting = await itemsFor({
    req,
    where: { and: [{ stage: { equals: 'in_review' } }, { or: mine }] },
    now,
  })
  const reReviews =
    reviewer === null
      ? []
      : await itemsFor({
          req,
          where: {
            and: [
              LIVE,
              {
                or: [
                  { medicalReviewer: { equals: reviewer } },
                  { reReviewer: { equals: reviewer } },
                ],
              },
              dueSoonWhere(now),
            ],
          },
          now,
        })
  return {
    awaitingMyReview: awaiting.sort(oldestFirst),
    reReviewsDue: reReviews.sort((a, b) =>
      String(a.nextReviewDue).localeCompare(String(b.nextReviewDue)),
    ),
  }
}

/** Ready to publish, stuck anywhere on the way, and how many reviews each reviewer holds. */
const editorQueue = async ({
  req,
  now,
  staleAfterDays,
}: {
  req: PayloadRequest
  now: Date
  staleAfterDays: number
}) => {
  const [ready, waiting] = await Promise.all([
    itemsFor({ req, where: { stage: { equals: 'approved' } }, now }),
    itemsFor({ req, where: { stage: { in: WAITING } }, now }),
  ])
  const { docs: inReview } = await req.payload.find({
    collection: 'articles',
    where: { stage: { equals: 'in_review' } },
    select: { medicalReviewer: true },
    pagination: false,
    depth: 0,
    overrideAccess: true,
    req,
  })
  const perReviewer = new Map<string, number>()
  for (const article of inReview) {
    const key = String(idOf(article.medicalReviewer) ?? '')
    perReviewer.set(key, (perReviewer.get(key) ?? 0) + 1)
  }
  const reviewerIds = [...perReviewer.keys()].filter(Boolean)
  const { docs: reviewers } = reviewerIds.length
    ? await req.payload.find({
        collection: 'medical-reviewers',
        where: { id: { in: reviewerIds } },
        select: { name: true },
        limit: reviewerIds.length,
        depth: 0,
        overrideAccess: true,
        req,
      })
    : { docs: [] }
  return {
    readyToPublish: ready.sort(oldestFirst),
    stuck: waiting.filter((item) => item.daysInStage >= staleAfterDays).sort(oldestFirst),
    staleAfterDays,
    reviewerWorkload: [...perReviewer.entries()]
      .map(([id, openReviews]) => ({
        reviewer: id ? (reviewers.find((r) => String(r.id) === id)?.name ?? id) : null,
        id: id || null,
        openReviews,
      }))
      .sort((a, b) => b.openReviews - a.openReviews),
  }
}

/** The queues for each of the person's roles: what the dashboard lists, as JSON. */
export const roleQueues = async ({
  req,
  now = new Date(),
  staleAfterDays,
}: {
  req: PayloadRequest
  now?: Date
  staleAfterDays: number
}) => {
  const user = req.user as User | null
  if (!user) {
    return {}
  }
  return {
    ...(hasRole(user, 'writer') ? { writer: await writerQueue({ req, user, now }) } : {}),
    ...(hasRole(user, 'reviewer') ? { reviewer: await reviewerQueue({ req, user, now }) } : {}),
    ...(hasRole(user, 'editor', 'admin')
      ? { editor: await editorQueue({ req, now, staleAfterDays }) }
      : {}),
  }
}

/** What the dashboard receives as `queues`. */
export type RoleQueuesAnswer = Awaited<ReturnType<typeof roleQueues>>
