/**
 * What the hourly jobs and the editors' desk read grows with what is due or waiting, not with the
 * library: a library of a few hundred articles, nearly all of them live and far from due.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals'

import { sweepReviewStatus } from '@/reviewDue/sweep'
import { seedBenchArticles, seedBenchFixtures } from '../../bench/seedArticles'
import { planOn, statementsOf } from '../helpers/sqlitePlans'
import type { Execute } from '../helpers/sqlitePlans'
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

type Client = { execute: Execute }

/** The SELECTs `run` makes, each with SQLite's plan for it on the server's client. */
const plansOf = async (run: () => Promise<unknown>): Promise<{ sql: string; plan: string[] }[]> => {
  const { client } = t.payload.db as unknown as { client: Client }
  // `where false` reads nothing, whatever SQLite's plan for the rest says.
  const reads = (await statementsOf(run)).filter(
    (sql) => /^\s*select/i.test(sql) && !/\bwhere false\b/i.test(sql),
  )
  const plans = []
  for (const sql of reads) {
    plans.push({ sql, plan: (await planOn(client.execute.bind(client), sql)).split(' | ') })
  }
  return plans
}

/**
 * A plan step that reads every article or every version: a scan, a walk of an index in its
 * order, or a search on `latest` alone (nearly every version is the latest).
 */
const readsTheLibrary = (step: string): boolean =>
  /^SCAN (articles|_articles_v)\b/.test(step) ||
  /INDEX _articles_v_latest_idx \(latest=\?\)$/.test(step)

// Plans are SQLite's: on the MongoDB of TEST_DATABASE_URI this one is skipped.
const sqliteOnly = process.env.TEST_DATABASE_URI ? it.skip : it

sqliteOnly(
  "the editors' desk and the sweep find what they list through indexes that narrow it",
  async () => {
    const people = await Promise.all(
      (['editor', 'reviewer', 'writer'] as const).map(async (role) => {
        const email = `${role}@library-scale.test`
        await t.addAccount({
          name: `Scale ${role}`,
          email,
          password: 'library-scale-pw',
          roles: [role],
        })
        return { role, token: await t.logIn(email, 'library-scale-pw') }
      }),
    )
    for (const { role, token } of people) {
      let status = 0
      const plans = await plansOf(async () => {
        status = (await t.rest('/articles/editorial-summary', { token })).status
      })
      expect({ role, status }).toEqual({ role, status: 200 })
      expect(plans.length).toBeGreaterThan(0)
      expect(plans.filter(({ plan }) => plan.some(readsTheLibrary))).toEqual([])
      // A stage's count under the access rule ("live, or their own") reads the status from the
      // index: through the stage's own index it read every live row.
      const stageCounts = plans.filter(({ sql }) =>
        /^select count\(\*\) from "articles" where \(?"articles"\."stage" = \?/.test(sql),
      )
      expect(stageCounts.length).toBeGreaterThan(0)
      expect(
        stageCounts.filter(
          ({ plan }) => !plan.some((step) => /INDEX stage__status_idx/.test(step)),
        ),
      ).toEqual([])
    }
    const sweep = await plansOf(() => sweepReviewStatus({ payload: t.payload }))
    expect(sweep.some(({ sql }) => /next_review_due/.test(sql))).toBe(true)
    expect(sweep.filter(({ plan }) => plan.some(readsTheLibrary))).toEqual([])
  },
)
