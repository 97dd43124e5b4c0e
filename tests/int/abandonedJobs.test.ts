/**
 * A job whose runner ended mid-run (a restart, a crash) stays `processing` in Payload for good, and
 * a scheduled task is not queued again while one of its jobs is active: one interrupted review-due
 * sweep stopped every later one. Abandoned jobs are released to run again; running ones are not.
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'

import { ABANDONED_AFTER_MS, releaseAbandonedJobs, watchAbandonedJobs } from '@/jobs/abandonedJobs'
import { startTestPayload } from '../helpers/testPayload'
import type { TestPayload } from '../helpers/testPayload'

let t: TestPayload
let seedId: number

beforeAll(async () => {
  t = await startTestPayload()
  seedId = await t.seedDemo('abandoned-jobs-password')
})

afterAll(async () => {
  await t?.close()
})

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** The seed article's stored review status (its review fell due in 2024). */
const reviewStatus = async () =>
  (
    (await t.payload.db.findOne({
      collection: 'articles',
      where: { id: { equals: seedId } },
    })) as unknown as { reviewStatus: string }
  ).reviewStatus

/** A scheduled review-due sweep, taken by a runner `agoMs` ago that never finished it. */
const sweepTakenAgo = async (agoMs: number) => {
  await t.payload.db.updateOne({
    collection: 'articles',
    id: seedId,
    data: { reviewStatus: 'current' },
  })
  const job = await t.payload.jobs.queue({
    task: 'reviewDueSweep',
    input: {},
    queue: 'review-due',
    meta: { scheduled: true },
  })
  const takenAt = new Date(Date.now() - agoMs).toISOString()
  await t.payload.db.updateOne({
    collection: 'payload-jobs',
    id: job.id,
    data: { processing: true, updatedAt: takenAt },
  })
  return job.id
}

const jobsWithId = async (id: number | string) =>
  (await t.payload.count({ collection: 'payload-jobs', where: { id: { equals: id } } })).totalDocs

const job = (id: number | string) =>
  t.payload.findByID({ collection: 'payload-jobs', id, depth: 0, overrideAccess: true })

describe('a job its runner abandoned', () => {
  it('is released and runs again: the overdue article is marked overdue', async () => {
    const id = await sweepTakenAgo(ABANDONED_AFTER_MS + 60_000)
    // As Payload leaves it: never run again, and the article stays "current".
    await t.payload.jobs.run({ queue: 'review-due' })
    expect(await reviewStatus()).toBe('current')
    expect((await job(id)).processing).toBe(true)

    const warn = jest.spyOn(t.payload.logger, 'warn')
    try {
      expect(await releaseAbandonedJobs({ payload: t.payload })).toBe(1)
      expect(warn.mock.calls.map((call) => String(call[0]))).toEqual([
        expect.stringMatching(
          new RegExp(`^Job ${id} \\(reviewDueSweep, queue review-due\\) was left processing since`),
        ),
      ])
    } finally {
      warn.mockRestore()
    }
    await t.payload.jobs.run({ queue: 'review-due' })
    expect(await reviewStatus()).toBe('overdue')
    // Payload deletes a job once it has completed.
    expect(await jobsWithId(id)).toBe(0)
  })

  it('is found by the watch a process that runs the queues keeps', async () => {
    const id = await sweepTakenAgo(2 * ABANDONED_AFTER_MS)
    const stop = watchAbandonedJobs({ payload: t.payload, everyMs: 60_000 })
    try {
      const deadline = Date.now() + 10_000
      while ((await job(id)).processing && Date.now() < deadline) {
        await sleep(50)
      }
      expect((await job(id)).processing).toBe(false)
    } finally {
      stop()
    }
    await t.payload.jobs.run({ queue: 'review-due' })
    expect(await reviewStatus()).toBe('overdue')
  })
})

describe('a job still running', () => {
  it('is left to its runner', async () => {
    const id = await sweepTakenAgo(60_000)
    expect(await releaseAbandonedJobs({ payload: t.payload })).toBe(0)
    expect((await job(id)).processing).toBe(true)
    // Until it has been quiet long enough.
    expect(
      await releaseAbandonedJobs({
        payload: t.payload,
        now: new Date(Date.now() + ABANDONED_AFTER_MS),
      }),
    ).toBe(1)
    expect((await job(id)).processing).toBe(false)
  })
})
