import { afterAll, beforeAll, expect, it } from '@jest/globals'
import type { Express } from 'express'
import request from 'supertest'

import { seedDemo } from '@/seed/seedDemo'
import { startTestPayload } from '../helpers/testPayload'
import type { TestPayload } from '../helpers/testPayload'
import { deliveryApp } from '../helpers/deliveryApp'

const SLUG = '/content/v1/articles/causes-of-lower-back-spasms'
let t: TestPayload
let app: Express

beforeAll(async () => {
  t = await startTestPayload()
  await seedDemo({
    payload: t.payload,
    demoPassword: 'database-down-password',
    withDemoAccounts: false,
    reviewIntervalMonths: 24,
  })
  app = deliveryApp({
    payload: t.payload,
    delivery: { cacheControl: 'public, max-age=60', cacheTtlMs: 300, previewTtlSeconds: 60 },
  })
})

afterAll(async () => {
  await t?.close().catch(() => undefined)
})

it('keeps serving published content from cache when the database goes away, and /health says 503', async () => {
  const before = await request(app).get(SLUG)
  expect(before.status).toBe(200)
  expect((await request(app).get('/health')).status).toBe(200)

  // The database disappears under the running process.
  const db = t.payload.db as unknown as { client: { close: () => void } }
  db.client.close()

  const health = await request(app).get('/health')
  expect(health.status).toBe(503)
  expect(health.body).toMatchObject({
    status: 'unavailable',
    database: { adapter: 'sqlite', state: 'down' },
  })

  const cached = await request(app).get(SLUG)
  expect(cached.status).toBe(200)
  expect(cached.body.title).toBe('Causes of Lower Back Spasms')

  // Past the cache TTL the last good answer is still served, marked stale.
  await new Promise((resolve) => setTimeout(resolve, 400))
  const stale = await request(app).get(SLUG)
  expect(stale.status).toBe(200)
  expect(stale.headers.warning).toMatch(/stale/)
  expect(stale.headers.etag).toBe(before.headers.etag)

  // Something never fetched before cannot be made up: an error, not a wrong answer.
  const unknown = await request(app).get('/content/v1/articles/never-fetched')
  expect(unknown.status).toBe(503)
  expect(unknown.headers['retry-after']).toBe('5')
  expect(unknown.body).toEqual({ error: 'Content is temporarily unavailable; retry shortly.' })
})
