import { createHmac } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'

import { afterAll, beforeAll, expect, it } from '@jest/globals'

import { sweepReviewStatus } from '@/reviewDue/sweep'
import { startTestPayload } from '../helpers/testPayload'
import type { TestPayload } from '../helpers/testPayload'
import { decide } from '../helpers/decision'

const SECRET = 'webhook-test-secret'
type Delivery = {
  path: string
  body: string
  signature: string | undefined
  event: string | undefined
}

let t: TestPayload
let receiver: http.Server
const deliveries: Delivery[] = []
let failuresLeft = 0
const tokens: Record<string, string> = {}
let seedId: number
let receiverUrl: string

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let body = ''
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString()
    })
    req.on('end', () => {
      if (req.url === '/flaky' && failuresLeft > 0) {
        failuresLeft -= 1
        res.writeHead(503).end()
        return
      }
      deliveries.push({
        path: req.url ?? '',
        body,
        signature: req.headers['x-signoff-signature'] as string | undefined,
        event: req.headers['x-signoff-event'] as string | undefined,
      })
      res.writeHead(204).end()
    })
  })
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
  const { port } = receiver.address() as AddressInfo
  receiverUrl = `http://127.0.0.1:${port}/hook`
  process.env.WEBHOOK_URLS = `${receiverUrl},http://127.0.0.1:${port}/flaky`
  process.env.WEBHOOK_SECRET = SECRET
  process.env.WEBHOOK_RETRY_DELAY_MS = '50'
  t = await startTestPayload()
  seedId = await t.seedDemo('webhook-password')
  for (const who of ['editor', 'writer', 'reviewer']) {
    tokens[who] = await t.logIn(`${who}@example.com`, 'webhook-password')
  }
})

afterAll(async () => {
  await t?.close()
  await new Promise((resolve) => receiver?.close(resolve))
})

const step = async (as: string, action: string) => {
  const res = await decide({ rest: t.rest, id: seedId, token: tokens[as], action })
  expect(res.status).toBe(200)
}

/** Runs the webhook queue until both receivers have the event, as the autorun cron would. */
const runQueueUntil = async (count: number) => {
  for (let attempt = 0; attempt < 40 && deliveries.length < count; attempt += 1) {
    await t.payload.jobs.run({ queue: 'webhooks' })
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

it('POSTs a signed event on archive and publish; a receiver that fails twice still gets it', async () => {
  // Seeding published the article: both receivers were told.
  await runQueueUntil(2)
  expect(deliveries.map((d) => d.event)).toEqual(['article.published', 'article.published'])
  deliveries.length = 0

  failuresLeft = 2
  await step('editor', 'archive')
  await runQueueUntil(2)
  expect(deliveries.map((d) => [d.path, d.event])).toEqual([
    ['/hook', 'article.archived'],
    ['/flaky', 'article.archived'],
  ])
  expect(failuresLeft).toBe(0)

  await step('editor', 'restore')
  await step('writer', 'submit')
  await step('reviewer', 'approve')
  await step('editor', 'publish')
  await runQueueUntil(4)
  const published = deliveries.slice(2)
  expect(published.map((d) => d.path).sort()).toEqual(['/flaky', '/hook'])
  for (const delivery of deliveries) {
    const expected = `sha256=${createHmac('sha256', SECRET).update(delivery.body).digest('hex')}`
    expect(delivery.signature).toBe(expected)
  }
  const body = JSON.parse(published[0]?.body ?? '{}')
  expect(body).toEqual({
    event: 'article.published',
    article: { id: seedId, slug: 'causes-of-lower-back-spasms' },
    at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
  })
})

it('a receiver that never answers does not block publishing, and the failure is kept for admins', async () => {
  process.env.WEBHOOK_URLS = 'http://127.0.0.1:9/unreachable'
  await step('editor', 'archive')
  const live = await t.payload.findByID({ collection: 'articles', id: seedId })
  expect(live.stage).toBe('archived')
  const failedJobs = async () =>
    (
      await t.payload.find({
        collection: 'payload-jobs',
        where: {
          and: [{ taskSlug: { equals: 'deliverWebhook' } }, { hasError: { equals: true } }],
        },
        limit: 50,
      })
    ).docs
  // Five attempts with exponential backoff from 50 ms, then the job is marked failed.
  for (let i = 0; i < 60 && (await failedJobs()).length === 0; i += 1) {
    await t.payload.jobs.run({ queue: 'webhooks' })
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  const failed = await failedJobs()
  expect(failed.length).toBeGreaterThan(0)
  expect(JSON.stringify(failed[0]?.log)).toMatch(/ECONNREFUSED|fetch failed/)
})

it('announces a review that has become overdue', async () => {
  process.env.WEBHOOK_URLS = receiverUrl
  deliveries.length = 0
  // Published long ago, as an import would bring it in; its review fell due in 2024.
  await t.payload.create({
    collection: 'articles',
    context: { editorialTransition: 'seed' },
    data: {
      title: 'Old but live',
      _status: 'published',
      stage: 'published',
      nextReviewDue: '2024-01-01T00:00:00.000Z',
      reviewStatus: 'current',
    },
  })
  await runQueueUntil(1)
  expect(deliveries.map((d) => d.event)).toEqual(['article.published'])
  deliveries.length = 0
  await sweepReviewStatus({ payload: t.payload })
  await runQueueUntil(1)
  expect(deliveries.map((d) => [d.path, d.event])).toEqual([['/hook', 'article.review_overdue']])
})
