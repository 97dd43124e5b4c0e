import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { GRAPHQL_POST } from '@payloadcms/next/routes'
import type { Express, Request as ExpressRequest, Response as ExpressResponse } from 'express'
import { getPayload, handleEndpoints } from 'payload'
import type { Payload } from 'payload'

import type { Article, User } from '@payload-types'
import { seedDemo } from '@/seed/seedDemo'
import { createApp } from '@/server/app'
import type { Limits } from '@/config/limits'
import { decide } from './decision'

export type TestPayload = {
  payload: Payload
  dataDir: string
  /** Payload's REST door, in process: the same handler the /api route runs. */
  rest: (path: string, init?: RequestInit & { token?: string; json?: unknown }) => Promise<Response>
  /** Payload's GraphQL door, in process: the handler behind POST /api/graphql. */
  graphql: (
    query: string,
    token?: string,
  ) => Promise<{
    status: number
    data: Record<string, unknown> | null
    errors?: { message: string }[]
  }>
  /**
   * The whole Express app over HTTP (limits, the delivery API, /health), with Payload's REST and
   * GraphQL handlers where Next would route /api: what a client meets, without an admin build.
   */
  app: (options?: { limits?: Limits }) => Express
  /** Imports the seed article and the demo accounts with this password; returns the article's id. */
  seedDemo: (password: string) => Promise<number>
  /**
   * Creates an account; a reviewer also gets a medical reviewer profile whose credentials are
   * verified far into the future. Returns the account as the Local API's `user` option wants it.
   */
  addAccount: (account: {
    name: string
    email: string
    password: string
    roles: User['roles']
  }) => Promise<User & { collection: 'users' }>
  /**
   * A new article with the seed article's trust signals (author, reviewer, sources, topics), taken
   * through the workflow to published as its people would: writer submits, reviewer approves,
   * editor publishes. `tokens` holds their JWTs.
   */
  publishLikeSeed: (args: {
    title: string
    tokens: Record<'writer' | 'reviewer' | 'editor', string>
    extra?: Partial<Article>
    /** Stop once approved, for an editor to publish (default: published). */
    until?: 'approved' | 'published'
  }) => Promise<Article>
  /** A JWT for the account, through the REST login (fails the test when the login does). */
  logIn: (email: string, password: string) => Promise<string>
  close: () => Promise<void>
}

/** `mongodb://host/any?x` → `mongodb://host/<name>?x`: one database per test file. */
const withDatabaseName = (uri: string, name: string): string => {
  const url = new URL(uri)
  url.pathname = `/${name}`
  return url.toString()
}

/**
 * A Payload instance on a database of its own: a temporary SQLite file, or a fresh database on the
 * MongoDB server in TEST_DATABASE_URI. Call `close()` in afterAll.
 */
export const startTestPayload = async (): Promise<TestPayload> => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'signoff-test-'))
  const mongo = process.env.TEST_DATABASE_URI
  const isMongo = Boolean(mongo && /^mongodb(\+srv)?:\/\//.test(mongo))
  process.env.DATABASE_URI = isMongo
    ? withDatabaseName(mongo as string, `signoff_test_${randomBytes(6).toString('hex')}`)
    : `file:${path.join(dataDir, 'test.db')}`
  process.env.DATABASE_PUSH = 'true'
  // No cron timers in tests: they call the sweep themselves.
  process.env.JOBS_AUTORUN = 'false'
  process.env.DATA_DIR = dataDir
  process.env.PAYLOAD_SECRET = randomBytes(32).toString('hex')
  const { default: config } = await import('@payload-config')
  const payload = await getPayload({ config })
  const rest: TestPayload['rest'] = async (route, { token, json, headers, ...init } = {}) =>
    handleEndpoints({
      config,
      request: new Request(`http://localhost:3000/api${route}`, {
        ...init,
        headers: {
          ...(json !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(token ? { authorization: `JWT ${token}` } : {}),
          ...(headers as Record<string, string> | undefined),
        },
        ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
      }),
    })
  const graphqlHandler = GRAPHQL_POST(Promise.resolve(config))
  const graphql: TestPayload['graphql'] = async (query, token) => {
    const res = await graphqlHandler(
      new Request('http://localhost:3000/api/graphql', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `JWT ${token}` } : {}),
        },
        body: JSON.stringify({ query }),
      }),
    )
    const body = (await res.json()) as {
      data?: Record<string, unknown> | null
      errors?: { message: string }[]
    }
    return { status: res.status, data: body.data ?? null, errors: body.errors }
  }
  /** What Next's /api route files do: hand the request to Payload's REST or GraphQL handler. */
  const payloadRoutes = async (req: ExpressRequest, res: ExpressResponse) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) {
      chunks.push(chunk as Buffer)
    }
    const headers = new Headers()
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) {
        headers.set(name, Array.isArray(value) ? value.join(', ') : value)
      }
    }
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD'
    const request = new Request(`http://localhost:3000${req.originalUrl}`, {
      method: req.method,
      headers,
      ...(hasBody ? { body: Buffer.concat(chunks) } : {}),
    })
    const response =
      req.path === '/api/graphql' && req.method === 'POST'
        ? await graphqlHandler(request)
        : await handleEndpoints({ config, request })
    res.status(response.status)
    response.headers.forEach((value, name) => {
      if (name !== 'set-cookie' && name !== 'content-length') {
        res.set(name, value)
      }
    })
    const cookies = response.headers.getSetCookie()
    if (cookies.length) {
      res.set('set-cookie', cookies)
    }
    res.send(Buffer.from(await response.arrayBuffer()))
  }
  const app: TestPayload['app'] = ({ limits } = {}) =>
    createApp({
      payload,
      adapter: isMongo ? 'mongodb' : 'sqlite',
      handleNext: payloadRoutes,
      ...(limits ? { limits } : {}),
    })
  const addAccount: TestPayload['addAccount'] = async ({ name, email, password, roles }) => {
    const profile = roles.includes('reviewer')
      ? await payload.create({
          collection: 'medical-reviewers',
          data: { name, credentialsVerifiedUntil: '2099-01-01T00:00:00.000Z' },
        })
      : null
    const user = await payload.create({
      collection: 'users',
      data: { name, email, password, roles, ...(profile ? { medicalReviewer: profile.id } : {}) },
    })
    return { ...user, collection: 'users' }
  }
  const publishLikeSeed: TestPayload['publishLikeSeed'] = async ({
    title,
    tokens,
    extra = {},
    until = 'published',
  }) => {
    const { docs } = await payload.find({
      collection: 'articles',
      where: { slug: { equals: 'causes-of-lower-back-spasms' } },
      depth: 0,
    })
    const seed = docs[0] as Article
    const created = await rest('/articles?draft=true', {
      method: 'POST',
      token: tokens.writer,
      json: {
        title,
        summary: `About ${title}.`,
        author: seed.author,
        medicalReviewer: seed.medicalReviewer,
        sources: seed.sources,
        topics: seed.topics,
        ...extra,
      },
    })
    const { doc } = (await created.json()) as { doc: Article }
    const steps = [
      ['writer', 'submit'],
      ['reviewer', 'approve'],
      ['editor', 'publish'],
    ] as const
    for (const [who, action] of until === 'approved' ? steps.slice(0, 2) : steps) {
      const res = await decide({ rest, id: doc.id, token: tokens[who], action })
      if (res.status !== 200) {
        throw new Error(`${action} by the ${who} answered ${res.status}: ${await res.text()}`)
      }
    }
    return doc
  }
  const logIn: TestPayload['logIn'] = async (email, password) => {
    const res = await rest('/users/login', { method: 'POST', json: { email, password } })
    if (res.status !== 200) {
      throw new Error(`login as ${email} answered ${res.status}`)
    }
    return ((await res.json()) as { token: string }).token
  }
  const seed: TestPayload['seedDemo'] = async (password) =>
    (
      await seedDemo({
        payload,
        demoPassword: password,
        withDemoAccounts: true,
        reviewIntervalMonths: 24,
      })
    ).articleId as number
  return {
    payload,
    dataDir,
    rest,
    graphql,
    app,
    addAccount,
    publishLikeSeed,
    seedDemo: seed,
    logIn,
    close: async () => {
      if (isMongo) {
        const db = payload.db as unknown as { connection: { dropDatabase: () => Promise<void> } }
        await db.connection.dropDatabase()
      }
      await payload.destroy()
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
