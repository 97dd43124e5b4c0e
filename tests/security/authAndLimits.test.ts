import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Express } from 'express'
import request from 'supertest'

import { seedDemo } from '@/seed/seedDemo'
import { createApp } from '@/server/app'
import { startTestPayload } from '../helpers/testPayload'
import type { TestPayload } from '../helpers/testPayload'

const PASSWORD = 'auth-limits-password'
let t: TestPayload
let app: Express

beforeAll(async () => {
  t = await startTestPayload()
  await seedDemo({
    payload: t.payload,
    demoPassword: PASSWORD,
    withDemoAccounts: true,
    reviewIntervalMonths: 24,
  })
  app = createApp({
    payload: t.payload,
    adapter: 'sqlite',
    // Stands in for Next: anything that gets past the limits is answered 200.
    handleNext: async (_req, res) => {
      res.status(200).json({ passedTo: 'next' })
    },
    limits: { deliveryPerMinute: 5, maxBodyBytes: 1024 * 1024 },
  })
})

afterAll(async () => {
  await t?.close()
})

describe('rate limits and body size', () => {
  it('limits the delivery API per address', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 7; i += 1) {
      statuses.push((await request(app).get('/content/v1/topics')).status)
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429])
  })

  it('refuses bodies over 1 MB with 413 before they reach Payload', async () => {
    const res = await request(app)
      .post('/api/articles')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ title: 'x'.repeat(1024 * 1024 + 10) }))
    expect(res.status).toBe(413)
    expect(res.body.errors[0].message).toMatch(/limit is 1048576 bytes/)
  })
})

describe('authentication', () => {
  it('sets an HttpOnly, SameSite=Lax session cookie', async () => {
    const res = await t.rest('/users/login', {
      method: 'POST',
      json: { email: 'writer@example.com', password: PASSWORD },
    })
    expect(res.status).toBe(200)
    const cookie = res.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(/payload-token=/)
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/SameSite=Lax/i)
  })

  it('ignores the session cookie on requests from an origin that is not allowed (CSRF)', async () => {
    const res = await t.rest('/users/login', {
      method: 'POST',
      json: { email: 'editor@example.com', password: PASSWORD },
    })
    const token = ((await res.json()) as { token: string }).token
    const me = async (origin: string) => {
      const answer = await t.rest('/users/me', {
        headers: { cookie: `payload-token=${token}`, origin },
      })
      return ((await answer.json()) as { user: { email: string } | null }).user?.email ?? null
    }
    expect(await me('http://localhost:3000')).toBe('editor@example.com')
    expect(await me('https://evil.example')).toBeNull()
  })

  it('allows cross-origin API calls with credentials from SERVER_URL only (CORS)', async () => {
    const allowed = await t.rest('/articles', { headers: { origin: 'http://localhost:3000' } })
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:3000')
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true')
    const evil = await t.rest('/articles', { headers: { origin: 'https://evil.example' } })
    expect(evil.headers.get('access-control-allow-origin')).toBeNull()
    const preflight = async (origin: string) =>
      (
        await t.rest('/articles', {
          method: 'OPTIONS',
          headers: { origin, 'access-control-request-method': 'PATCH' },
        })
      ).headers.get('access-control-allow-origin')
    expect(await preflight('http://localhost:3000')).toBe('http://localhost:3000')
    expect(await preflight('https://evil.example')).toBeNull()
  })

  it('refuses passwords shorter than 12 characters', async () => {
    await expect(
      t.payload.create({
        collection: 'users',
        data: {
          name: 'Short',
          email: 'short@example.com',
          password: 'elevenchars',
          roles: ['writer'],
        },
      }),
    ).rejects.toThrow(/at least 12 characters/)
  })

  it('locks an account after 5 failed logins, even for the right password', async () => {
    const attempt = (password: string) =>
      t.rest('/users/login', { method: 'POST', json: { email: 'reviewer@example.com', password } })
    for (let i = 0; i < 5; i += 1) {
      expect((await attempt('wrong-password-123')).status).toBe(401)
    }
    const locked = await attempt(PASSWORD)
    expect(locked.status).toBe(401)
    // The same answer as a wrong password (tests/security/accountOracle.test.ts).
    expect(JSON.stringify(await locked.json())).toMatch(/email or password provided is incorrect/)
    // For ten minutes.
    const { docs } = await t.payload.find({
      collection: 'users',
      where: { email: { equals: 'reviewer@example.com' } },
      showHiddenFields: true,
    })
    const minutes = (new Date(String(docs[0]?.lockUntil)).getTime() - Date.now()) / 60_000
    expect(minutes).toBeGreaterThan(9)
    expect(minutes).toBeLessThanOrEqual(10)
  })

  it('rejects operator injection in a login', async () => {
    const res = await t.rest('/users/login', {
      method: 'POST',
      json: { email: 'admin@example.com', password: { $gt: '' } },
    })
    expect(res.status).toBeGreaterThanOrEqual(400)
    expect(res.status).toBeLessThan(500)
    expect(JSON.stringify(await res.json())).not.toMatch(/"token"/)
  })
})
