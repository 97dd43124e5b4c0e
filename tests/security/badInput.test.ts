/**
 * Bad input, through the whole HTTP stack: every case gets a 4xx with a JSON error a person can act
 * on, and the database is byte-for-byte what it was before (a full dump is compared).
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import request from 'supertest'

import { dumpDatabase } from '../helpers/dumpDatabase'
import { reportTried } from '../helpers/securitySummary'
import { startTestPayload } from '../helpers/testPayload'
import type { TestPayload } from '../helpers/testPayload'

const PASSWORD = 'bad-input-password'
const MB = 1024 * 1024

type Who = 'anonymous' | 'writer' | 'editor'
type Answer = { status: number; contentType: string; body: unknown }
type BadInput = {
  name: string
  as?: Who
  /** The exact status when one is right; otherwise any 4xx. */
  status?: number
  send: (ctx: {
    agent: request.Agent
    server: http.Server
    auth: Record<string, string>
  }) => request.Test | Promise<Answer>
}

let t: TestPayload
let server: http.Server
let articleId = 0
const tokens: Partial<Record<Who, string>> = {}
let tried = 0
let unexpected = 0

/** A Slate body nested `depth` levels deep, as text: JSON.stringify itself would overflow. */
const deepBody = (depth: number) =>
  `[${'{"type":"ul","children":['.repeat(depth)}{"text":"x"}${']}'.repeat(depth)}]`

const json = (agent: request.Agent, method: 'post' | 'patch', path: string, raw: string) =>
  agent[method](path).set('content-type', 'application/json').send(raw)

const link = (url: string) => [{ children: [{ type: 'link', url, children: [{ text: 'here' }] }] }]

/** A body sent with chunked encoding (no Content-Length), which `supertest` cannot do. */
const chunked = (srv: http.Server, path: string, token: string): Promise<Answer> =>
  new Promise((resolve, reject) => {
    const { port } = srv.address() as AddressInfo
    const req = http.request(
      {
        port,
        path,
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `JWT ${token}` },
      },
      (res) => {
        let text = ''
        res.on('data', (chunk: Buffer) => (text += chunk.toString()))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: String(res.headers['content-type'] ?? ''),
            body: JSON.parse(text) as unknown,
          }),
        )
      },
    )
    req.on('error', reject)
    req.write('{"title": ')
    req.end('"Chunked"}')
  })

const BAD_INPUTS: BadInput[] = [
  // The body as a whole
  {
    name: 'malformed JSON on create',
    status: 400,
    send: ({ agent }) => json(agent, 'post', '/api/articles', '{"title": "x",'),
  },
  {
    name: 'malformed JSON on the workflow endpoint',
    status: 400,
    send: ({ agent }) => json(agent, 'post', `/api/articles/${articleId}/workflow`, '{"action":'),
  },
  {
    name: 'text/plain body',
    status: 415,
    send: ({ agent }) =>
      agent.post('/api/articles').set('content-type', 'text/plain').send('title=x'),
  },
  {
    name: 'form-urlencoded body',
    status: 415,
    send: ({ agent }) => agent.post('/api/articles').type('form').send({ title: 'x' }),
  },
  {
    name: 'chunked body without Content-Length',
    status: 411,
    send: ({ server: srv }) => chunked(srv, '/api/articles', tokens.editor as string),
  },
  {
    name: 'body over 1 MB',
    status: 413,
    send: ({ agent }) =>
      json(agent, 'post', '/api/articles', JSON.stringify({ title: 'x'.repeat(MB) })),
  },
  {
    name: 'JSON null as the document',
    status: 400,
    send: ({ agent }) => json(agent, 'post', '/api/articles', 'null'),
  },
  {
    name: 'JSON array as the document',
    status: 400,
    send: ({ agent }) => json(agent, 'post', '/api/articles', '[{"title": "x"}]'),
  },
  // Fields
  {
    name: 'unknown field on create',
    status: 400,
    send: ({ agent }) => agent.post('/api/articles').send({ title: 'Unknown', isFeatured: true }),
  },
  {
    name: 'unknown field on update',
    status: 400,
    send: ({ agent }) => agent.patch(`/api/articles/${articleId}`).send({ rating: 5 }),
  },
  {
    name: 'unknown field inside a key-message row',
    status: 400,
    send: ({ agent }) =>
      agent
        .post('/api/articles')
        .send({ title: 'Rows', keyMessages: [{ message: 'ok', weight: 3 }] }),
  },
  {
    name: 'title as a number',
    status: 400,
    send: ({ agent }) => agent.post('/api/articles').send({ title: 123 }),
  },
  {
    name: 'title as an operator object',
    status: 400,
    send: ({ agent }) => agent.post('/api/articles').send({ title: { $gt: '' } }),
  },
  {
    name: 'topics as a string',
    status: 400,
    send: ({ agent }) => agent.post('/api/articles').send({ title: 'Topics', topics: 'abc' }),
  },
  {
    name: 'key messages as an object',
    status: 400,
    send: ({ agent }) =>
      agent.post('/api/articles').send({ title: 'KM', keyMessages: { message: 'x' } }),
  },
  {
    name: 'key messages as null (found by the fuzzer: a 500 in the database adapter)',
    status: 400,
    send: ({ agent }) => agent.post('/api/articles').send({ title: 'KM', keyMessages: null }),
  },
  {
    name: 'a source given as an operator object',
    status: 400,
    send: ({ agent }) => agent.post('/api/articles').send({ title: 'S', sources: [{ $gt: 0 }] }),
  },
  {
    name: 'a 10,000-character slug',
    status: 400,
    send: ({ agent }) =>
      agent.post('/api/articles').send({ title: 'Long', slug: 'a'.repeat(10_000) }),
  },
  {
    name: 'a slug of emoji only',
    status: 400,
    send: ({ agent }) => agent.post('/api/articles').send({ title: 'Emoji', slug: '💥🔥' }),
  },
  {
    name: 'a title over 300 characters',
    status: 400,
    send: ({ agent }) => agent.post('/api/articles').send({ title: 'x'.repeat(301) }),
  },
  {
    name: 'an invalid date',
    status: 400,
    send: ({ agent }) =>
      agent
        .post('/api/medical-reviewers')
        .send({ name: 'Dr Date', credentialsVerifiedUntil: 'not-a-date' }),
  },
  {
    name: 'an impossible date (month 13)',
    status: 400,
    send: ({ agent }) =>
      agent
        .post('/api/medical-reviewers')
        .send({ name: 'Dr Date', credentialsVerifiedUntil: '2024-13-45' }),
  },
  {
    name: 'a year that is not a number',
    status: 400,
    send: ({ agent }) =>
      agent
        .post('/api/sources')
        .send({ title: 'S', doi: '10.1000/x', sourceType: 'systematic-review', year: 'abc' }),
  },
  // Paging and queries
  ...(
    [
      ['page=-1', '/api/articles?page=-1'],
      ['page=0', '/api/articles?page=0'],
      ['a huge page', '/api/articles?page=99999999999'],
      ['limit=-1', '/api/articles?limit=-1'],
      ['limit=0 (Payload: everything)', '/api/articles?limit=0'],
      ['a huge limit', '/api/articles?limit=1000000'],
      ['limit=abc', '/api/articles?limit=abc'],
      ['pagination=false (Payload: everything)', '/api/articles?pagination=false'],
      ['versions with limit=0', '/api/articles/versions?limit=0'],
      ['delivery page=-1', '/content/v1/articles?page=-1'],
      ['delivery limit=1000', '/content/v1/articles?limit=1000'],
      ['delivery page=abc', '/content/v1/articles?page=abc'],
      ['delivery q given twice', '/content/v1/articles?q=a&q=b'],
      ['where with an unknown operator', '/api/articles?where[title][regex]=x'],
      ['where with a Mongo operator', '/api/articles?where[title][$gt]='],
      ['where with $where', '/api/articles?where[$where]=sleep(1000)'],
    ] as const
  ).map(([name, path]): BadInput => ({
    name,
    status: 400,
    send: ({ agent }) => agent.get(path),
  })),
  {
    name: 'an id that is not a number',
    status: 404,
    send: ({ agent }) => agent.get('/api/articles/abc'),
  },
  ...(
    [
      ['GraphQL limit: 0', '{ Articles(limit: 0) { totalDocs } }'],
      ['GraphQL limit: -1', '{ Articles(limit: -1) { totalDocs } }'],
      ['GraphQL pagination: false', '{ Articles(pagination: false) { totalDocs } }'],
      ['GraphQL versions limit: 0', '{ versionsArticles(limit: 0) { totalDocs } }'],
    ] as const
  ).map(([name, query]): BadInput => ({
    name,
    status: 400,
    send: ({ agent }) => agent.post('/api/graphql').send({ query }),
  })),
  // Operator injection in a login
  ...(
    [
      ['login with {"$gt": ""} as email', { email: { $gt: '' }, password: 'x' }],
      [
        'login with {"$ne": ""} as password',
        { email: 'editor@example.com', password: { $ne: '' } },
      ],
      ['login with {"$where": …} as email', { email: { $where: 'return true' }, password: 'x' }],
    ] as const
  ).map(([name, body]): BadInput => ({
    name,
    as: 'anonymous',
    status: 400,
    send: ({ agent }) => agent.post('/api/users/login').send(body),
  })),
  // Prototype pollution
  {
    name: '__proto__ in the document',
    status: 400,
    send: ({ agent }) =>
      json(agent, 'post', '/api/articles', '{"title":"P","__proto__":{"isAdmin":true}}'),
  },
  {
    name: 'constructor.prototype in the document',
    status: 400,
    send: ({ agent }) =>
      json(
        agent,
        'post',
        '/api/articles',
        '{"title":"P","constructor":{"prototype":{"isAdmin":true}}}',
      ),
  },
  {
    name: '__proto__ inside a key-message row',
    status: 400,
    send: ({ agent }) =>
      json(
        agent,
        'post',
        '/api/articles',
        '{"title":"P","keyMessages":[{"message":"m","__proto__":{"isAdmin":true}}]}',
      ),
  },
  {
    name: '__proto__ inside a rich text node',
    status: 400,
    send: ({ agent }) =>
      json(
        agent,
        'post',
        '/api/articles',
        '{"title":"P","body":[{"children":[{"text":"x"}],"__proto__":{"isAdmin":true}}]}',
      ),
  },
  {
    name: '__proto__ in the query string',
    status: 400,
    send: ({ agent }) => agent.get('/api/articles?__proto__[isAdmin]=true'),
  },
  {
    name: 'constructor[prototype] in the query string',
    status: 400,
    send: ({ agent }) => agent.get('/api/articles?constructor[prototype][isAdmin]=true'),
  },
  // Rich text and links
  {
    name: 'a Slate body nested 10,000 levels deep',
    status: 400,
    send: ({ agent }) =>
      json(agent, 'post', '/api/articles', `{"title":"Deep","body":${deepBody(10_000)}}`),
  },
  {
    name: 'a Slate body nested 10,000 levels deep, as an update',
    status: 400,
    send: ({ agent }) =>
      json(agent, 'patch', `/api/articles/${articleId}`, `{"body":${deepBody(10_000)}}`),
  },
  ...(
    [
      ['a javascript: link', 'javascript:alert(1)'],
      ['a JaVaScRiPt: link with a tab inside', 'java\tscript:alert(document.cookie)'],
      ['a data: link', 'data:text/html,<script>alert(1)</script>'],
      ['a vbscript: link', 'vbscript:msgbox(1)'],
    ] as const
  ).map(([name, url]): BadInput => ({
    name: `${name} in rich text`,
    status: 400,
    send: ({ agent }) => agent.post('/api/articles').send({ title: 'Link', body: link(url) }),
  })),
  {
    name: 'a <script> tag in rich text',
    status: 400,
    send: ({ agent }) =>
      agent.post('/api/articles').send({
        title: 'Script',
        body: [{ children: [{ text: 'Hi <script>fetch("//evil.example")</script>' }] }],
      }),
  },
  {
    name: 'a rich text part with both text and children (found by the fuzzer)',
    status: 400,
    send: ({ agent }) =>
      agent.post('/api/articles').send({ title: 'Both', body: [{ text: '', children: [null] }] }),
  },
  {
    name: 'a "script" element in rich text',
    status: 400,
    send: ({ agent }) =>
      agent
        .post('/api/articles')
        .send({ title: 'Script', body: [{ type: 'script', children: [{ text: 'alert(1)' }] }] }),
  },
  {
    name: 'a javascript: source URL',
    status: 400,
    send: ({ agent }) =>
      agent
        .post('/api/sources')
        .send({ title: 'S', url: 'javascript:alert(1)', sourceType: 'systematic-review' }),
  },
  {
    name: 'a data: source URL',
    status: 400,
    send: ({ agent }) =>
      agent
        .post('/api/sources')
        .send({ title: 'S', url: 'data:text/html,hi', sourceType: 'systematic-review' }),
  },
  // The workflow endpoint
  ...(
    [
      ['workflow action as an operator object', { action: { $gt: '' } }],
      ['an unknown workflow action', { action: 'delete-everything' }],
      ['a workflow note that is a number', { action: 'archive', note: 5 }],
      ['a workflow body that is a list', ['archive']],
    ] as const
  ).map(([name, body]): BadInput => ({
    name,
    status: 400,
    send: ({ agent }) => agent.post(`/api/articles/${articleId}/workflow`).send(body),
  })),
  {
    name: 'a workflow action on an article that does not exist',
    status: 404,
    send: ({ agent }) => agent.post('/api/articles/999999/workflow').send({ action: 'archive' }),
  },
  // Values a query compares a field with (SQLite answered these with a 500)
  ...(
    [
      ['a word where a date filter wants a date', 'where[publishedAt][greater_than]=soon'],
      ['text where a relationship filter wants an id', 'where[topics][equals]=abc'],
      ['one id in a list that is not one', 'where[topics][in]=1,abc'],
      ['a number filter on a group field given text', 'where[readability.smog][less_than]=easy'],
      ['a geographic operator on a text field', 'where[title][near]=1,2'],
      ['exists with a value other than true or false', 'where[publishedAt][exists]=maybe'],
      [
        'a version-history date filter given a word',
        'where[version.publishedAt][less_than]=later',
        '/api/articles/versions',
      ],
    ] as const
  ).map(([name, query, path = '/api/articles']): BadInput => ({
    name,
    status: 400,
    send: ({ agent }) => agent.get(`${path}?${query}`),
  })),
  {
    name: 'a media file that does not exist',
    as: 'anonymous',
    status: 404,
    send: ({ agent }) => agent.get('/api/media/file/no-such-image.png'),
  },
  {
    name: 'a delivery slug in emoji',
    as: 'anonymous',
    status: 404,
    send: ({ agent }) => agent.get(`/content/v1/articles/${encodeURIComponent('💥')}`),
  },
]

/** The status and the message a person would read, whichever door answered. */
const readAnswer = async (sent: request.Test | Promise<Answer>, isGraphql: boolean) => {
  const res = await sent
  const answer: Answer =
    'headers' in res
      ? {
          status: res.status,
          contentType: String(res.headers['content-type'] ?? ''),
          body: res.body as unknown,
        }
      : res
  type ErrorBody = {
    error?: string
    errors?: {
      message?: string
      extensions?: { statusCode?: number }
      data?: { errors?: { message?: string }[] }
    }[]
  }
  const body = (answer.body ?? {}) as ErrorBody
  const first = body.errors?.[0]
  // GraphQL answers errors in the body (HTTP 200), with the status in `extensions`.
  const status = isGraphql ? (first?.extensions?.statusCode ?? answer.status) : answer.status
  const details = first?.data?.errors?.map((error) => error.message ?? '') ?? []
  const message = [body.error ?? first?.message ?? '', ...details].join(' ')
  return { ...answer, status, message }
}

beforeAll(async () => {
  t = await startTestPayload()
  articleId = await t.seedDemo(PASSWORD)
  tokens.editor = await t.logIn('editor@example.com', PASSWORD)
  tokens.writer = await t.logIn('writer@example.com', PASSWORD)
  const app = t.app({
    limits: { deliveryPerMinute: 100_000, maxBodyBytes: MB },
  })
  server = await new Promise<http.Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening))
  })
}, 60_000)

afterAll(async () => {
  reportTried({ what: 'bad inputs', count: tried, unexpected })
  await new Promise((resolve) => server?.close(resolve))
  await t?.close()
})

describe('bad input gets a clear 4xx and changes nothing', () => {
  it.each(BAD_INPUTS.map((input) => [input.name, input] as const))('%s', async (_name, input) => {
    tried += 1
    const who = input.as ?? 'editor'
    const auth: Record<string, string> = tokens[who] ? { authorization: `JWT ${tokens[who]}` } : {}
    const agent = request.agent(server).set(auth)
    const before = await dumpDatabase(t.payload)
    const answer = await readAnswer(
      input.send({ agent, server, auth }),
      input.name.startsWith('GraphQL'),
    )
    const after = await dumpDatabase(t.payload)
    const outcome = {
      status: answer.status,
      isJson: answer.contentType.includes('application/json'),
      // A person can act on it: more than a word, and not Payload's catch-all.
      isClear: answer.message.trim().length >= 8 && !/something went wrong/i.test(answer.message),
      isDatabaseUnchanged: before === after,
      isPrototypeClean:
        !('isAdmin' in Object.prototype) && ({} as { isAdmin?: unknown }).isAdmin === undefined,
    }
    const expected = {
      status: input.status ?? answer.status,
      isJson: true,
      isClear: true,
      isDatabaseUnchanged: true,
      isPrototypeClean: true,
    }
    const isFine =
      JSON.stringify(outcome) === JSON.stringify(expected) &&
      answer.status >= 400 &&
      answer.status < 500
    if (!isFine) {
      unexpected += 1
    }
    expect({ ...outcome, message: answer.message }).toEqual({
      ...expected,
      message: expect.any(String),
    })
    expect(answer.status).toBeGreaterThanOrEqual(400)
    expect(answer.status).toBeLessThan(500)
  })
})

describe('bad query values on GraphQL', () => {
  it('a word where a date filter wants a date is an error naming the type, never a 500', async () => {
    const { status, data, errors } = await t.graphql(
      '{ Articles(where: { publishedAt: { greater_than: "soon" } }) { docs { id } } }',
      tokens.editor,
    )
    expect(status).toBeLessThan(500)
    expect(data?.Articles ?? null).toBeNull()
    expect(errors?.[0]?.message).toMatch(/invalid value .*soon/)
  })

  it('text where a relationship filter wants an id is a 400 naming it, never a 500', async () => {
    const { data, errors } = await t.graphql(
      '{ Articles(where: { topics: { equals: "abc" } }) { docs { id } } }',
      tokens.editor,
    )
    expect(data?.Articles ?? null).toBeNull()
    expect(errors?.[0]?.message).toBe('where[topics][equals] must be a number; it was "abc".')
  })
})

describe('input that is unusual but right', () => {
  it('keeps unicode and emoji in titles exactly, and makes an ASCII slug from them', async () => {
    const title = 'Rückenschmerzen 💥 — douleur lombaire, 腰痛'
    const res = await request(server)
      .post('/api/articles')
      .set('authorization', `JWT ${tokens.writer}`)
      .send({ title })
    expect(res.status).toBe(201)
    expect(res.body.doc.title).toBe(title)
    expect(res.body.doc.slug).toBe('ruckenschmerzen-douleur-lombaire')
    const stored = await t.payload.findByID({
      collection: 'articles',
      id: res.body.doc.id,
      draft: true,
    })
    expect(stored.title).toBe(title)
  })

  it('turns an explicit slug with accents and capitals into its ASCII form', async () => {
    const res = await request(server)
      .post('/api/articles')
      .set('authorization', `JWT ${tokens.writer}`)
      .send({ title: 'Slug', slug: 'Ünïcödé Spasms' })
    expect(res.status).toBe(201)
    expect(res.body.doc.slug).toBe('unicode-spasms')
  })

  it('accepts the links an article needs: https, mailto and paths on the site', async () => {
    const body = [
      ...link('https://www.aihw.gov.au/reports/back-problems'),
      ...link('mailto:editor@example.com'),
      ...link('/articles/causes-of-lower-back-spasms#sources'),
    ]
    const res = await request(server)
      .post('/api/articles')
      .set('authorization', `JWT ${tokens.writer}`)
      .send({ title: 'Links', body })
    expect(res.status).toBe(201)
    expect(res.body.doc.body).toEqual(body)
  })

  it('does not let a writer make themselves an admin (the role is ignored, not stored)', async () => {
    const me = await request(server)
      .get('/api/users/me')
      .set('authorization', `JWT ${tokens.writer}`)
    const id = me.body.user.id as number
    await request(server)
      .patch(`/api/users/${id}`)
      .set('authorization', `JWT ${tokens.writer}`)
      .send({ roles: ['admin'] })
    const stored = await t.payload.findByID({ collection: 'users', id, depth: 0 })
    expect(stored.roles).toEqual(['writer'])
  })
})
