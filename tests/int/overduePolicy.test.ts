/**
 * OVERDUE_POLICY: `flag` (the default) only flags; `notice` adds a reviewNotice readers see the
 * moment an article is overdue; `archive` takes it offline after OVERDUE_GRACE_DAYS, through the
 * workflow, recorded as Signoff's own decision.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { createLocalReq } from 'payload'
import request from 'supertest'
import type { Express } from 'express'

import { OVERDUE_NOTICE } from '@/delivery/serializers/article'
import { sweepReviewStatus } from '@/reviewDue/sweep'
import { startTestPayload } from '../helpers/testPayload'
import type { TestPayload } from '../helpers/testPayload'
import { deliveryApp } from '../helpers/deliveryApp'

const PASSWORD = 'overdue-policy-password'
const SLUG = 'causes-of-lower-back-spasms'
const DAY_MS = 24 * 60 * 60 * 1000
let t: TestPayload
let app: Express

/** The delivery API as a process started with the current environment (settings read at start). */
const startDelivery = () =>
  deliveryApp({
    payload: t.payload,
  })
let seedId: number

const page = async (slug = SLUG) => request(app).get(`/content/v1/articles/${slug}`)

beforeAll(async () => {
  t = await startTestPayload()
  seedId = await t.seedDemo(PASSWORD)
  app = startDelivery()
}, 90_000)

afterEach(() => {
  delete process.env.OVERDUE_POLICY
  delete process.env.OVERDUE_GRACE_DAYS
})

afterAll(async () => {
  await t?.close()
})

describe('OVERDUE_POLICY', () => {
  it('flag (the default): the seed article, overdue since 2024, is served as it is, without a notice', async () => {
    const res = await page()
    expect(res.status).toBe(200)
    expect(res.body.reviewStatus).toBe('overdue')
    expect(res.body).not.toHaveProperty('reviewNotice')
  })

  it('notice: the article carries a reviewNotice with the date its review fell due', async () => {
    process.env.OVERDUE_POLICY = 'notice'
    app = startDelivery()
    const res = await page()
    expect(res.status).toBe(200)
    const seed = await t.payload.findByID({ collection: 'articles', id: seedId, depth: 0 })
    expect(res.body.reviewNotice).toEqual({ text: OVERDUE_NOTICE, since: seed.nextReviewDue })
  })

  it('archive: past the grace period the article goes offline, recorded as the policy; within it, it stays', async () => {
    const recent = await t.publishLikeSeed({
      title: 'Overdue for ten days',
      tokens: {
        writer: await t.logIn('writer@example.com', PASSWORD),
        reviewer: await t.logIn('reviewer@example.com', PASSWORD),
        editor: await t.logIn('editor@example.com', PASSWORD),
      },
    })
    const tenDaysAgo = new Date(Date.now() - 10 * DAY_MS).toISOString()
    await t.payload.db.updateOne({
      collection: 'articles',
      id: recent.id,
      data: { nextReviewDue: tenDaysAgo },
    })
    process.env.OVERDUE_POLICY = 'archive'
    process.env.OVERDUE_GRACE_DAYS = '30'
    app = startDelivery()
    const req = await createLocalReq({}, t.payload)
    const { archived } = await sweepReviewStatus({ payload: t.payload, req })
    expect(archived).toEqual([seedId])

    const seed = await t.payload.findByID({ collection: 'articles', id: seedId, depth: 0 })
    expect(seed.stage).toBe('archived')
    expect((await page()).status).toBe(404)
    expect((await page(recent.slug as string)).status).toBe(200)
    const { docs } = await t.payload.find({
      collection: 'review-records',
      where: { article: { equals: seedId } },
      sort: '-at',
      limit: 1,
    })
    expect(docs[0]).toMatchObject({
      action: 'archive',
      fromStage: 'published',
      toStage: 'archived',
      actorName: 'Signoff (overdue policy)',
    })
    expect(docs[0]?.note).toMatch(/2024-05-30/)
  })
})
