/**
 * Queries from outside are bounded, through the whole HTTP stack: at most 100 conditions, 1,000
 * list values and 8 levels of and/or per request, and no prototype keys, whichever way the query
 * is sent (query string, a form-encoded search, GraphQL). A refusal is a short 400, logged in a
 * short line, and changes nothing.
 */
import type { Server } from 'node:http'
import { inspect } from 'node:util'

import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import request from 'supertest'

import { dumpDatabase } from '../helpers/dumpDatabase'
import { startTestPayload } from '../helpers/testPayload'
import type { TestPayload } from '../helpers/testPayload'

const PASSWORD = 'bounded-queries-password'
const TOO_MANY = /at most 100 conditions/
const TOO_DEEP = /at most 8 levels/
const PROTOTYPE = /__proto__, constructor or prototype/

let t: TestPayload
let server: Server
let editorToken = ''
let articleId = 0

/** `where[or][0][title][equals]=0&…`: `count` conditions, as the admin's filters encode them. */
const orClauses = (count: number, field = 'title') =>
  Array.from({ length: count }, (_, i) => `where[or][${i}][${field}][equals]=${i}`).join('&')

/** `?where={"or":[{"or":[ … ]}]}`: and/or `levels` deep, as JSON (Payload parses a string `where`). */
const nestedJson = (levels: number) =>
  `${'{"or":['.repeat(levels)}{"title":{"equals":"x"}}${']}'.repeat(levels)}`

/** A search sent as a form body, as Payload's admin does for long queries. */
const formSearch = (path: string, body: string, token?: string) => {
  const sent = request(server)
    .post(path)
    .set('X-Payload-HTTP-Method-Override', 'GET')
    .set('Content-Type', 'application/x-www-form-urlencoded')
  return (token ? sent.set('authorization', `JWT ${token}`) : sent).send(body)
}

const graphql = (query: string) => request(server).post('/api/graphql').send({ query })

/** `[{ title: { equals: "t0" } }, …]` in GraphQL syntax. */
const graphqlClauses = (count: number, field = 'title') =>
  `[${Array.from({ length: count }, (_, i) => `{ ${field}: { equals: "t${i}" } }`).join(', ')}]`

type GraphqlBody = { errors?: { message: string; extensions?: { statusCode?: number } }[] }

/**
 * What Payload logged while `send` ran, as text: a refusal must not write the query (or SQL with
 * a thousand parameters) into the log.
 */
const loggedWhile = async <T>(send: () => Promise<T>): Promise<{ answer: T; logged: string }> => {
  const levels = ['fatal', 'error', 'warn', 'info'] as const
  const spies = levels.map((level) => jest.spyOn(t.payload.logger, level))
  try {
    const answer = await send()
    const logged = spies
      .flatMap((spy) => spy.mock.calls)
      .map((args) => inspect(args, { depth: 6 }))
      .join('\n')
    return { answer, logged }
  } finally {
    spies.forEach((spy) => spy.mockRestore())
  }
}

/** Sends a request that must be refused: a short 400 naming the bound, nothing changed or logged at length. */
const expectRefused = async (send: () => request.Test, message: RegExp) => {
  const before = await dumpDatabase(t.payload)
  const { answer: res, logged } = await loggedWhile(async () => await send())
  expect({ status: res.status, message: res.body?.errors?.[0]?.message }).toEqual({
    status: 400,
    message: expect.stringMatching(message),
  })
  expect(res.text.length).toBeLessThan(500)
  expect(logged.length).toBeLessThan(4000)
  expect(await dumpDatabase(t.payload)).toBe(before)
}

beforeAll(async () => {
  t = await startTestPayload()
  articleId = await t.seedDemo(PASSWORD)
  editorToken = await t.logIn('editor@example.com', PASSWORD)
  const app = t.app()
  server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening))
  })
}, 60_000)

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve))
  await t?.close()
})

describe('the number of conditions', () => {
  it('refuses 1,000 "or" clauses in a form-encoded search with a 400, not a 500', async () => {
    await expectRefused(() => formSearch('/api/articles', orClauses(1000)), TOO_MANY)
    await expectRefused(() => formSearch('/api/articles', orClauses(1000), editorToken), TOO_MANY)
  })

  it('refuses as many "or" clauses as a query string holds with a 400', async () => {
    // Node refuses headers over 16 KB (431): 400 short clauses are about what fits.
    await expectRefused(
      () => request(server).get(`/api/articles?${orClauses(400, 'id')}`),
      TOO_MANY,
    )
    const json = JSON.stringify({
      or: Array.from({ length: 250 }, (_, i) => ({ id: { equals: i } })),
    })
    await expectRefused(
      () => request(server).get(`/api/articles?where=${encodeURIComponent(json)}`),
      TOO_MANY,
    )
  })

  it('serves 100 conditions and refuses 101, in the query string and in a form body', async () => {
    expect((await request(server).get(`/api/articles?${orClauses(100)}`)).status).toBe(200)
    expect((await formSearch('/api/articles', orClauses(100))).status).toBe(200)
    await expectRefused(() => request(server).get(`/api/articles?${orClauses(101)}`), TOO_MANY)
    await expectRefused(() => formSearch('/api/articles', orClauses(101)), TOO_MANY)
  })

  it('bounds counts, versions and other collections the same way', async () => {
    await expectRefused(() => formSearch('/api/articles/count', orClauses(1000)), TOO_MANY)
    await expectRefused(
      () => formSearch('/api/articles/versions', orClauses(1000), editorToken),
      TOO_MANY,
    )
    await expectRefused(() => formSearch('/api/topics', orClauses(1000)), TOO_MANY)
  })

  it('refuses lists of more than 1,000 values in all with a 400, not a 500', async () => {
    const ids = (count: number) => Array.from({ length: count }, (_, i) => i + 1).join(',')
    expect((await formSearch('/api/articles', `where[id][in]=${ids(1000)}`)).status).toBe(200)
    await expectRefused(
      () => formSearch('/api/articles', `where[id][in]=${ids(100_000)}`),
      /at most 1000 values/,
    )
  })

  it('refuses a bulk update or delete with a huge where, and changes nothing', async () => {
    const where = orClauses(400, 'id')
    await expectRefused(
      () =>
        request(server)
          .patch(`/api/articles?${where}`)
          .set('authorization', `JWT ${editorToken}`)
          .send({ title: 'Bulk' }),
      TOO_MANY,
    )
    await expectRefused(
      () =>
        request(server).delete(`/api/articles?${where}`).set('authorization', `JWT ${editorToken}`),
      TOO_MANY,
    )
  })
})

describe('the depth of and/or', () => {
  it('serves 8 levels and refuses 9, in the query string and in a form body', async () => {
    const at = (levels: number) => `/api/articles?where=${encodeURIComponent(nestedJson(levels))}`
    expect((await request(server).get(at(8))).status).toBe(200)
    await expectRefused(() => request(server).get(at(9)), TOO_DEEP)
    await expectRefused(
      () => formSearch('/api/articles', `where=${encodeURIComponent(nestedJson(9))}`),
      TOO_DEEP,
    )
  })

  it('refuses 10,000 levels in a form body with a 400, not a stack overflow', async () => {
    await expectRefused(
      () => formSearch('/api/articles', `where=${encodeURIComponent(nestedJson(10_000))}`),
      TOO_DEEP,
    )
  })
})

describe('prototype keys', () => {
  const keys = [
    ['__proto__[x]=1', '__proto__[x]=1'],
    ['where[__proto__]', 'where[__proto__][title][equals]=a'],
    ['where[constructor][prototype]', 'where[constructor][prototype][x]=1'],
    ['__proto__ in a JSON where', `where=${encodeURIComponent('{"__proto__":{"equals":"a"}}')}`],
    [
      'constructor.prototype in a JSON where',
      `where=${encodeURIComponent('{"or":[{"title":{"in":[{"constructor":{"prototype":1}}]}}]}')}`,
    ],
  ]

  it.each(keys)('refuses %s in the query string', async (_name, query) => {
    await expectRefused(() => request(server).get(`/api/articles?${query}`), PROTOTYPE)
  })

  it.each(keys)('refuses %s in a form-encoded search', async (_name, query) => {
    await expectRefused(() => formSearch('/api/articles', query), PROTOTYPE)
  })

  it('refuses them in a JSON search, whose locale Payload pastes into the query string', async () => {
    const search = (locale: string) =>
      request(server)
        .post('/api/articles')
        .set('X-Payload-HTTP-Method-Override', 'GET')
        .send({ locale })
    await expectRefused(() => search('en&where[__proto__][x]=1'), PROTOTYPE)
    await expectRefused(() => search(`en&${orClauses(1000)}`), TOO_MANY)
  })

  it('refuses them in a form-encoded search for one document', async () => {
    await expectRefused(
      () => formSearch(`/api/articles/${articleId}`, 'where[__proto__][x]=1'),
      PROTOTYPE,
    )
  })
})

describe('GraphQL', () => {
  it('answers 1,000 OR clauses with an error saying why, not a 500', async () => {
    const res = await graphql(`{ Articles(where: { OR: ${graphqlClauses(1000)} }) { totalDocs } }`)
    const { errors } = res.body as GraphqlBody
    expect(res.status).toBeLessThan(500)
    expect(errors?.[0]?.message).toMatch(TOO_MANY)
    expect(errors?.[0]?.extensions?.statusCode).toBe(400)
  })

  it('serves 100 conditions and refuses 101, in counts and versions too', async () => {
    const ok = await graphql(`{ Articles(where: { OR: ${graphqlClauses(100)} }) { totalDocs } }`)
    expect((ok.body as GraphqlBody).errors).toBeUndefined()
    const fields = [
      ['Articles', 'title'],
      ['countArticles', 'title'],
      ['versionsArticles', 'version__title'],
    ]
    for (const [field, path] of fields) {
      const where = `{ OR: ${graphqlClauses(101, path)} }`
      const res = await graphql(`{ ${field}(where: ${where}) { totalDocs } }`)
      expect((res.body as GraphqlBody).errors?.[0]?.message).toMatch(TOO_MANY)
    }
  })

  it('counts the conditions of every aliased field in one request together', async () => {
    const res = await graphql(
      `{ a: Articles(where: { OR: ${graphqlClauses(60)} }) { totalDocs }
         b: Articles(where: { OR: ${graphqlClauses(60)} }) { totalDocs } }`,
    )
    const { errors } = res.body as GraphqlBody
    expect(errors).toHaveLength(1)
    expect(errors?.[0]?.message).toMatch(TOO_MANY)
  })

  it('refuses and/or nested 9 levels deep', async () => {
    const where = `${'{ OR: ['.repeat(9)}{ title: { equals: "x" } }${'] }'.repeat(9)}`
    const res = await graphql(`{ Articles(where: ${where}) { totalDocs } }`)
    expect((res.body as GraphqlBody).errors?.[0]?.message).toMatch(TOO_DEEP)
  })
})

describe('ordinary queries still work', () => {
  it("serves the admin's list request", async () => {
    const path =
      '/api/articles?depth=0&limit=10&sort=-updatedAt&where[or][0][and][0][title][like]=back'
    const res = await request(server).get(path).set('authorization', `JWT ${editorToken}`)
    expect(res.status).toBe(200)
    expect(res.body.docs.length).toBeGreaterThan(0)
    expect((await request(server).get(path)).status).toBe(200)
    const form = await formSearch('/api/articles', path.split('?')[1] as string, editorToken)
    expect(form.status).toBe(200)
  })

  it('serves a document with its relations, the global and the signed-in account', async () => {
    const auth = { authorization: `JWT ${editorToken}` }
    expect((await request(server).get(`/api/articles/${articleId}?depth=2`).set(auth)).status).toBe(
      200,
    )
    expect((await request(server).get('/api/globals/publisher')).status).toBe(200)
    const me = await request(server).get('/api/users/me').set(auth)
    expect(me.status).toBe(200)
    expect(me.body.user.email).toBe('editor@example.com')
  })

  it('keeps the delivery API free of where: it is refused as an unknown parameter', async () => {
    const res = await request(server).get(`/content/v1/articles?${orClauses(300)}`)
    expect(res.status).toBe(400)
    expect(res.body.error).toMatch(
      /^Unknown query parameters: where\S+, .* and 29\d more \(allowed:/,
    )
    const filtered = await request(server).get('/content/v1/articles?where[slug][equals]=nothing')
    expect(filtered.status).toBe(400)
    expect(filtered.body).toEqual({
      error: 'Unknown query parameter: where[slug][equals] (allowed: topic, q, page, limit)',
    })
  })
})
