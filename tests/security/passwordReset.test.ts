/**
 * Password resets from anonymous clients: a burst of them leaves every other write working, the
 * mail goes out with a link built from SERVER_URL, known and unknown addresses get one answer, and
 * both the requests per client and the mails per inbox are limited. /health notices a held writer.
 */
import type http from 'node:http'
import type { AddressInfo } from 'node:net'

import { createClient } from '@libsql/client'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import { startMailbox } from '../helpers/mailbox'
import type { Mailbox } from '../helpers/mailbox'
import { startTestPayload } from '../helpers/testPayload'
import type { TestPayload } from '../helpers/testPayload'

const PASSWORD = 'password-reset-password'
const SERVER_URL = 'https://cms.signoff.test'
const isMongo = /^mongodb/.test(process.env.TEST_DATABASE_URI ?? '')

let t: TestPayload
let mailbox: Mailbox
let server: http.Server
let base = ''
let articleId = 0

type Answer = { status: number; body: unknown; headers: Headers; ms: number }

/** One HTTP request through the whole app, from `address` (as the proxy in front reports it). */
const call = async ({
  path,
  method = 'POST',
  json,
  address = '192.0.2.1',
  headers = {},
}: {
  path: string
  method?: string
  json?: unknown
  address?: string
  headers?: Record<string, string>
}): Promise<Answer> => {
  const started = Date.now()
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      // TRUST_PROXY=1: the last entry is the one the (trusted) proxy appended.
      'x-forwarded-for': address,
      ...headers,
    },
    ...(json === undefined ? {} : { body: JSON.stringify(json) }),
  })
  const text = await res.text()
  return {
    status: res.status,
    body: text ? (JSON.parse(text) as unknown) : null,
    headers: res.headers,
    ms: Date.now() - started,
  }
}

const forgot = (email: string, address: string, headers: Record<string, string> = {}) =>
  call({ path: '/api/users/forgot-password', json: { email }, address, headers })

const login = (email: string, password: string, address = '192.0.2.200') =>
  call({ path: '/api/users/login', json: { email, password }, address })

beforeAll(async () => {
  mailbox = await startMailbox()
  process.env.SMTP_URL = mailbox.url
  process.env.EMAIL_FROM = 'Signoff <no-reply@signoff.test>'
  process.env.SERVER_URL = SERVER_URL
  process.env.TRUST_PROXY = '1'
  t = await startTestPayload()
  articleId = await t.seedDemo(PASSWORD)
  server = await new Promise<http.Server>((resolve) => {
    const listening = t.app().listen(0, '127.0.0.1', () => resolve(listening))
  })
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}, 60_000)

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve))
  await t?.close()
  await mailbox?.close()
})

describe('a burst of password-reset requests', () => {
  it('leaves saves, workflow decisions and logins working, and every request answered', async () => {
    const people = ['admin', 'editor', 'writer', 'reviewer'].map((r) => `${r}@example.com`)
    const burst = Array.from({ length: 40 }, (_, i) =>
      forgot(
        i % 2 ? (people[Math.floor(i / 2) % 4] as string) : `nobody${i}@example.com`,
        `198.51.100.${i + 1}`,
      ),
    )
    const editor = await login('editor@example.com', PASSWORD)
    expect(editor.status).toBe(200)
    const token = (editor.body as { token: string }).token
    const auth = { authorization: `JWT ${token}` }
    const save = await call({
      path: `/api/articles/${articleId}?draft=true`,
      method: 'PATCH',
      json: { summary: 'Saved while resets were requested.' },
      headers: auth,
    })
    const submit = await call({
      path: `/api/articles/${articleId}/workflow`,
      json: { action: 'submit' },
      headers: auth,
    })
    const wrong = await Promise.all(
      [1, 2, 3].map(() => login('reviewer@example.com', 'not-the-password')),
    )
    const resets = await Promise.all(burst)

    expect(save.status).toBe(200)
    expect(submit.status).toBe(200)
    // Failed logins are refused and counted, never a 500 from a held writer.
    expect(wrong.map((answer) => answer.status)).toEqual([401, 401, 401])
    const { docs } = await t.payload.find({
      collection: 'users',
      where: { email: { equals: 'reviewer@example.com' } },
      showHiddenFields: true,
    })
    expect(docs[0]?.loginAttempts).toBe(3)
    // Each known account gets three resets an hour (the rest 429): 12 writes among 40 requests.
    const statuses = resets.map((answer) => answer.status)
    expect(statuses.filter((status) => status === 200)).toHaveLength(32)
    expect(statuses.filter((status) => status !== 200 && status !== 429)).toEqual([])
    // The stall this replaces held every request for 5 s; a turn of the writer takes milliseconds.
    for (const answer of [save, submit, ...wrong]) {
      expect(answer.ms).toBeLessThan(4000)
    }
  })
})

describe('the reset e-mail', () => {
  it('goes out with a link built from SERVER_URL, never from the Host the request claims', async () => {
    await t.addAccount({
      name: 'Forgetful Writer',
      email: 'forgetful@example.com',
      password: PASSWORD,
      roles: ['writer'],
    })
    const answer = await forgot('forgetful@example.com', '203.0.113.10', {
      'x-forwarded-host': 'evil.example',
      origin: 'https://evil.example',
    })
    expect(answer.status).toBe(200)
    const mail = await mailbox.waitFor((m) => m.to.includes('forgetful@example.com'))
    expect(mail.raw).not.toContain('evil.example')
    const token = new RegExp(`${SERVER_URL}/admin/reset/([0-9a-f]+)`).exec(mail.raw)?.[1]
    expect(token).toBeDefined()

    const reset = await call({
      path: '/api/users/reset-password',
      json: { token, password: 'a-brand-new-password' },
      address: '203.0.113.10',
    })
    expect(reset.status).toBe(200)
    expect(
      (await login('forgetful@example.com', 'a-brand-new-password', '203.0.113.11')).status,
    ).toBe(200)
  })

  it('answers a known and an unknown address alike', async () => {
    await t.addAccount({
      name: 'Known Person',
      email: 'known@example.com',
      password: PASSWORD,
      roles: ['writer'],
    })
    const known = await forgot('known@example.com', '203.0.113.20')
    const unknown = await forgot('no-such-person@example.com', '203.0.113.21')
    expect(known.status).toBe(200)
    expect(unknown.status).toBe(known.status)
    expect(unknown.body).toEqual(known.body)
  })
})

describe('limits', () => {
  it('limits reset requests per client address, REST and GraphQL together, with Retry-After', async () => {
    const address = '203.0.113.30'
    const statuses: number[] = []
    for (let i = 0; i < 9; i += 1) {
      statuses.push((await forgot(`someone${i}@example.com`, address)).status)
    }
    const graphql = await call({
      path: '/api/graphql',
      json: { query: 'mutation { a: forgotPasswordUser(email: "x@example.com") }' },
      address,
    })
    expect(graphql.status).toBe(200)
    const limited = await forgot('someone-else@example.com', address)
    expect(statuses).toEqual(Array(9).fill(200))
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(JSON.stringify(limited.body)).toMatch(/Too many password reset requests/)
    // Another client is not affected.
    expect((await forgot('someone@example.com', '203.0.113.31')).status).toBe(200)
  })

  it('sends one inbox at most three reset mails an hour, however many clients ask', async () => {
    await t.addAccount({
      name: 'Flooded Inbox',
      email: 'flooded@example.com',
      password: PASSWORD,
      roles: ['writer'],
    })
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) => forgot('flooded@example.com', `203.0.113.${40 + i}`)),
    )
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 200, 200, 429, 429, 429])
    // The same for an address without an account: the limit tells nothing about accounts.
    const unknown = await Promise.all(
      Array.from({ length: 4 }, (_, i) => forgot('nobody-here@example.com', `203.0.113.${50 + i}`)),
    )
    expect(unknown.map((answer) => answer.status).sort()).toEqual([200, 200, 200, 429])
    await mailbox.waitFor((m) => m.to.includes('flooded@example.com'))
    // Mail leaves after the request; give stragglers a moment.
    await new Promise((resolve) => setTimeout(resolve, 1000))
    expect(mailbox.messages.filter((m) => m.to.includes('flooded@example.com'))).toHaveLength(3)
  })
})

describe('/health', () => {
  const itOnSqlite = isMongo ? it.skip : it
  itOnSqlite('answers 503 while no write can be made, and ok again afterwards', async () => {
    const holder = createClient({ url: `file:${t.dataDir}/test.db` })
    await holder.execute('PRAGMA busy_timeout = 100')
    await holder.execute('BEGIN IMMEDIATE')
    try {
      const held = await call({ path: '/health', method: 'GET' })
      expect(held.status).toBe(503)
      expect(held.body).toMatchObject({ status: 'unavailable', database: { state: 'down' } })
    } finally {
      await holder.execute('ROLLBACK')
      holder.close()
    }
    const after = await call({ path: '/health', method: 'GET' })
    expect(after.status).toBe(200)
    expect(after.body).toMatchObject({ status: 'ok' })
  })
})
