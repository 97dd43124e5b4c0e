import { afterAll, beforeAll, expect, it } from '@jest/globals'

import { sweepReviewStatus } from '@/reviewDue/sweep'
import { seedBenchArticles, seedBenchFixtures } from '../../bench/seedArticles'
import { startTestPayload } from '../helpers/testPayload'
import type { TestPayload } from '../helpers/testPayload'

// More than one of the sweep's batches (250) fall due: the second batch must be read too.
const ARTICLES = 560
const FALLING_DUE = 260

const DAY_MS = 24 * 60 * 60 * 1000

let t: TestPayload
let ids: number[]

beforeAll(async () => {
  t = await startTestPayload()
  const fixtures = await seedBenchFixtures({ payload: t.payload })
  await seedBenchArticles({ payload: t.payload, fixtures, count: ARTICLES, onProgress: () => {} })
  const { docs } = await t.payload.find({
    collection: 'articles',
    select: { slug: true },
    sort: 'id',
    pagination: false,
    overrideAccess: true,
  })
  ids = docs.map((doc) => doc.id)
}, 120_000)

afterAll(async () => {
  await t?.close()
})

const store = (id: number, data: { nextReviewDue?: string; reviewStatus?: string | null }) =>
  t.payload.db.updateOne({ collection: 'articles', id, data })

const statuses = async (): Promise<Record<string, number>> => {
  const { docs } = await t.payload.find({
    collection: 'articles',
    select: { reviewStatus: true },
    pagination: false,
    overrideAccess: true,
    context: { storedReviewStatus: true },
  })
  const counts: Record<string, number> = {}
  for (const doc of docs) {
    counts[String(doc.reviewStatus)] = (counts[String(doc.reviewStatus)] ?? 0) + 1
  }
  return counts
}

it('a library whose reviews are all far off is swept without reading it', async () => {
  expect(ids).toHaveLength(ARTICLES)
  expect(await statuses()).toEqual({ current: ARTICLES })
  const result = await sweepReviewStatus({ payload: t.payload })
  expect(result).toEqual({ checked: 0, changed: [], archived: [] })
})

it('every article that falls due is marked, past the first batch read, and nothing else', async () => {
  const now = new Date()
  const soon = new Date(now.getTime() + 10 * DAY_MS).toISOString()
  const dueNow = ids.slice(0, FALLING_DUE)
  for (const id of dueNow) {
    await store(id, { nextReviewDue: soon })
  }
  const result = await sweepReviewStatus({ payload: t.payload, now })
  expect(result.checked).toBe(FALLING_DUE)
  expect(result.changed.map((c) => c.id).sort((a, b) => Number(a) - Number(b))).toEqual(dueNow)
  expect(new Set(result.changed.map((c) => c.reviewStatus))).toEqual(new Set(['due-soon']))
  expect(await statuses()).toEqual({ current: ARTICLES - FALLING_DUE, 'due-soon': FALLING_DUE })
  // Once stored, a second sweep changes nothing.
  expect((await sweepReviewStatus({ payload: t.payload, now })).changed).toEqual([])
})

it('a status stored for an old due date, or none stored, goes back to current', async () => {
  const far = new Date(Date.now() + 400 * DAY_MS).toISOString()
  const reviewedAgain = ids[ARTICLES - 1] as number
  const neverSwept = ids[ARTICLES - 2] as number
  // A new review moved the due date on; the stored status is the old one's.
  await store(reviewedAgain, { nextReviewDue: far, reviewStatus: 'overdue' })
  await store(neverSwept, { reviewStatus: null })
  const { changed } = await sweepReviewStatus({ payload: t.payload })
  expect(changed).toEqual(
    expect.arrayContaining([
      { id: reviewedAgain, reviewStatus: 'current' },
      { id: neverSwept, reviewStatus: 'current' },
    ]),
  )
  expect(changed).toHaveLength(2)
})
