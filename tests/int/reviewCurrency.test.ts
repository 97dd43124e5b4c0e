import { spawnSync } from 'node:child_process'

import { afterAll, beforeAll, expect, it } from '@jest/globals'

import { sweepReviewStatus } from '@/reviewDue/sweep'
import { seedDemo } from '@/seed/seedDemo'
import { startTestPayload } from '../helpers/testPayload'
import type { TestPayload } from '../helpers/testPayload'

let t: TestPayload
let seedId: number

beforeAll(async () => {
  t = await startTestPayload()
  const seeded = await seedDemo({
    payload: t.payload,
    demoPassword: 'review-currency-password',
    withDemoAccounts: false,
    reviewIntervalMonths: 24,
  })
  seedId = seeded.articleId as number
})

afterAll(async () => {
  await t?.close()
})

const storedStatus = async () =>
  (
    (await t.payload.db.findOne({
      collection: 'articles',
      where: { id: { equals: seedId } },
    })) as unknown as { reviewStatus: string }
  ).reviewStatus

it('the sweep stores the review currency so lists can filter on it', async () => {
  // As if the article had been marked long ago, before its review fell due.
  await t.payload.db.updateOne({
    collection: 'articles',
    id: seedId,
    data: { reviewStatus: 'current' },
  })
  expect(await storedStatus()).toBe('current')
  const versionsBefore = await t.payload.countVersions({ collection: 'articles' })

  const result = await sweepReviewStatus({ payload: t.payload })
  expect(result.changed).toEqual([{ id: seedId, reviewStatus: 'overdue' }])
  expect(await storedStatus()).toBe('overdue')
  expect(await t.payload.countVersions({ collection: 'articles' })).toEqual(versionsBefore)

  const { docs } = await t.payload.find({
    collection: 'articles',
    where: { reviewStatus: { equals: 'overdue' } },
    overrideAccess: false,
  })
  expect(docs.map((doc) => doc.slug)).toEqual(['causes-of-lower-back-spasms'])
  expect((await sweepReviewStatus({ payload: t.payload })).changed).toEqual([])
})

it('runs as a Payload job in the review-due queue', async () => {
  await t.payload.db.updateOne({
    collection: 'articles',
    id: seedId,
    data: { reviewStatus: 'current' },
  })
  await t.payload.jobs.queue({ task: 'reviewDueSweep', input: {}, queue: 'review-due' })
  await t.payload.jobs.run({ queue: 'review-due' })
  expect(await storedStatus()).toBe('overdue')
})

it('npm run review:due prints the overdue article', () => {
  const result = spawnSync('npx', ['tsx', 'src/cli/reviewDue.ts'], {
    env: { ...process.env, NODE_OPTIONS: '', DATABASE_PUSH: 'true', LOG_LEVEL: 'warn' },
    encoding: 'utf8',
  })
  expect(result.status).toBe(0)
  expect(result.stdout).toContain('1 of 1 published articles need medical review:')
  expect(result.stdout).toMatch(/overdue\s+due 2024-05-30\s+Causes of Lower Back Spasms/)
})
