import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import { startApp } from '../helpers/startApp'
import type { RunningApp } from '../helpers/startApp'

let app: RunningApp

beforeAll(async () => {
  // LOOKUP_THREAD unset (empty): the default, lookups on their thread from the first.
  app = await startApp({ env: { LOOKUP_THREAD: '' } })
}, 300_000)

afterAll(async () => {
  await app?.stop()
})

const login = async (email: string): Promise<string> => {
  const res = await fetch(`${app.url}/api/users/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'signoff-demo' }),
  })
  expect(res.status).toBe(200)
  return ((await res.json()) as { token: string }).token
}

describe('npm start on an empty database', () => {
  it('prints the admin URL and the demo logins', () => {
    expect(app.output()).toContain(`${app.url}/admin`)
    expect(app.output()).toMatch(/writer@example\.com\s+\(writer\)/)
  })

  it('answers /health with the database state', async () => {
    const res = await fetch(`${app.url}/health`)
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({
      status: 'ok',
      database: { adapter: 'sqlite', state: 'up' },
    })
  })

  it("keeps the pages its lookups read in the system's cache, and says so on /health", async () => {
    type Cached = { state: string; bytes?: number; lastPass?: { ms: number } }
    const cached = async () =>
      ((await (await fetch(`${app.url}/health`)).json()) as { readModelCache: Cached })
        .readModelCache
    // The first pass comes a few seconds after the start.
    const deadline = Date.now() + 30_000
    let seen = await cached()
    while (seen.lastPass === undefined && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250))
      seen = await cached()
    }
    expect(seen.state).toBe('warm')
    // The seed article's rendering and the slug index: a few pages of 4 KB.
    expect(seen.bytes).toBeGreaterThanOrEqual(2 * 4096)
    expect(seen.lastPass?.ms).toEqual(expect.any(Number))
    // Nothing of the host's: no file name, no free memory.
    expect(Object.keys(seen).sort()).toEqual(['bytes', 'lastPass', 'state'])
  })

  it('looks articles up on a thread of its own once the first is asked for', async () => {
    const health = async () =>
      ((await (await fetch(`${app.url}/health`)).json()) as { lookupThread: string }).lookupThread
    const article = async (encoding: string) => {
      const res = await fetch(`${app.url}/content/v1/articles/causes-of-lower-back-spasms`, {
        headers: { 'accept-encoding': encoding },
      })
      expect(res.status).toBe(200)
      return {
        etag: res.headers.get('etag'),
        encoding: res.headers.get('content-encoding'),
        body: Buffer.from(await res.arrayBuffer()),
      }
    }
    const first = await article('identity')
    // Until now nothing asked for an article; the first request starts the thread.
    const deadline = Date.now() + 10_000
    while ((await health()) !== 'running') {
      expect(Date.now()).toBeLessThan(deadline)
      await article('identity')
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    expect(await article('identity')).toEqual(first)
    const br = await article('br')
    expect(br.encoding).toBe('br')
    // fetch decodes what it is sent: the brotli body is the same JSON.
    expect(br.body).toEqual(first.body)
    expect((JSON.parse(first.body.toString()) as { title: string }).title).toBe(
      'Causes of Lower Back Spasms',
    )
    expect(app.output()).not.toMatch(/lookup thread (failed|ended)/i)
  })

  it('leads its bare address to the admin', async () => {
    const res = await fetch(`${app.url}/`, { redirect: 'manual' })
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('/admin')
  })

  it('renders the admin login page', async () => {
    const res = await fetch(`${app.url}/admin/login`)
    expect(res.status).toBe(200)
    expect(await res.text()).toMatch(/<title>Login\s+· Signoff<\/title>/)
  })

  it('serves the seed article to anonymous readers and hides drafts from them', async () => {
    const editor = await login('editor@example.com')
    const created = await fetch(`${app.url}/api/articles?draft=true`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `JWT ${editor}` },
      body: JSON.stringify({ title: 'Unreviewed draft about sciatica' }),
    })
    expect(created.status).toBe(201)

    const titles = async (headers: Record<string, string>, query = '') => {
      const res = await fetch(`${app.url}/api/articles?depth=0${query}`, { headers })
      expect(res.status).toBe(200)
      return ((await res.json()) as { docs: { title: string }[] }).docs
        .map((doc) => doc.title)
        .sort()
    }
    expect(await titles({})).toEqual(['Causes of Lower Back Spasms'])
    expect(await titles({}, '&draft=true')).toEqual(['Causes of Lower Back Spasms'])
    expect(await titles({ authorization: `JWT ${editor}` }, '&draft=true')).toEqual([
      'Causes of Lower Back Spasms',
      'Unreviewed draft about sciatica',
    ])
  })

  it('keeps user accounts away from anonymous readers', async () => {
    const res = await fetch(`${app.url}/api/users`)
    expect(res.status).toBe(403)
  })

  it('runs the editorial workflow over real HTTP, cookie or JWT', async () => {
    const writer = await login('writer@example.com')
    const editor = await login('editor@example.com')
    const { docs } = (await (await fetch(`${app.url}/api/articles?depth=0`)).json()) as {
      docs: { id: number }[]
    }
    const id = docs[0]?.id
    const step = async (token: string, action: string) =>
      fetch(`${app.url}/api/articles/${id}/workflow`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'accept-encoding': 'gzip',
          authorization: `JWT ${token}`,
        },
        body: JSON.stringify({ action }),
      })

    const writerPublish = await fetch(`${app.url}/api/articles/${id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `JWT ${writer}` },
      body: JSON.stringify({ _status: 'published', title: 'Unreviewed' }),
    })
    expect(writerPublish.status).toBeGreaterThanOrEqual(400)
    const refused = await step(writer, 'archive')
    expect(refused.status).toBe(403)
    expect(await refused.json()).toEqual({
      errors: [{ code: 'ROLE_NOT_ALLOWED', message: '"Archive" is for editor, admin.' }],
    })

    const archived = await step(editor, 'archive')
    expect(archived.status).toBe(200)
    // Short, personal answers: sent as they are (no thread-pool gzip) and never cached.
    for (const res of [refused, archived]) {
      expect(res.headers.get('content-encoding')).toBeNull()
      expect(res.headers.get('cache-control')).toBe('no-store, no-transform')
    }
    expect(await archived.json()).toMatchObject({ stage: 'archived' })
    expect((await fetch(`${app.url}/api/articles/${id}`)).status).toBe(404)
  })

  it('keeps compressing long answers; sends refusals as they are, never cached', async () => {
    const editor = await login('editor@example.com')
    const gzip = { 'accept-encoding': 'gzip', authorization: `JWT ${editor}` }
    const list = await fetch(`${app.url}/api/articles?depth=0&draft=true`, { headers: gzip })
    expect(list.status).toBe(200)
    expect(list.headers.get('content-encoding')).toBe('gzip')
    const { docs } = (await list.json()) as { docs: { id: number }[] }
    const refused = await fetch(`${app.url}/api/articles/${docs[0]?.id}/workflow`, {
      method: 'POST',
      headers: { ...gzip, 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'approve' }),
    })
    expect(refused.status).toBeGreaterThanOrEqual(400)
    const answered = await fetch(`${app.url}/api/articles/${docs[0]?.id}/workflow`, {
      method: 'POST',
      headers: { ...gzip, 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'no-such-action' }),
    })
    for (const res of [refused, answered]) {
      expect(res.headers.get('content-encoding')).toBeNull()
      expect(res.headers.get('cache-control')).toBe('no-store, no-transform')
      expect(res.headers.get('content-type')).toMatch(/^application\/json/)
      expect((await res.json()) as unknown).toMatchObject({ errors: [expect.any(Object)] })
    }
  })

  it('refuses a publish through GraphQL the same way', async () => {
    const writer = await login('writer@example.com')
    const created = await fetch(`${app.url}/api/articles?draft=true`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `JWT ${writer}` },
      body: JSON.stringify({ title: 'GraphQL shortcut' }),
    })
    const { doc } = (await created.json()) as { doc: { id: number } }
    const res = await fetch(`${app.url}/api/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `JWT ${writer}` },
      body: JSON.stringify({
        query: `mutation { updateArticle(id: ${doc.id}, data: { _status: published }) { id _status stage } }`,
      }),
    })
    const body = (await res.json()) as {
      data?: { updateArticle: unknown }
      errors?: { message: string }[]
    }
    expect(body.data?.updateArticle ?? null).toBeNull()
    expect(body.errors?.[0]?.message).toMatch(/possible from approved/)
    const after = await fetch(`${app.url}/api/articles/${doc.id}?draft=true&depth=0`, {
      headers: { authorization: `JWT ${writer}` },
    })
    expect(await after.json()).toMatchObject({ _status: 'draft', stage: 'draft' })
  })

  it("logs a client's mistakes at info level, not as faults", async () => {
    const admin = await login('admin@example.com')
    const before = app.output().length
    const tooLong = await fetch(`${app.url}/api/articles?limit=100000`)
    expect(tooLong.status).toBe(400)
    const notADate = await fetch(`${app.url}/api/articles?where[publishedAt][equals]=yesterday`)
    expect(notADate.status).toBe(400)
    const shortPassword = await fetch(`${app.url}/api/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `JWT ${admin}` },
      body: JSON.stringify({ email: 'short@example.com', name: 'Short', password: 'short' }),
    })
    expect(shortPassword.status).toBe(400)
    const notJson = await fetch(`${app.url}/api/articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `JWT ${admin}` },
      body: '{"title": "cut off',
    })
    expect(notJson.status).toBe(400)
    expect(await notJson.json()).toMatchObject({ errors: [{ message: 'Invalid JSON' }] })
    const writer = await login('writer@example.com')
    const graphql = (query: string) =>
      fetch(`${app.url}/api/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `JWT ${writer}` },
        body: JSON.stringify({ query }),
      }).then(async (res) => (await res.json()) as { errors?: { message: string }[] })
    const { doc } = (await (
      await fetch(`${app.url}/api/articles?draft=true`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `JWT ${writer}` },
        body: JSON.stringify({ title: 'Logged at info' }),
      })
    ).json()) as { doc: { id: number } }
    const missing = await graphql('{ Article(id: 999999) { id } }')
    const refusedPublish = await graphql(
      `mutation { updateArticle(id: ${doc.id}, data: { _status: published }) { id } }`,
    )
    const noSuchField = await graphql('{ Articles { docs { noSuchField } } }')
    for (const { errors } of [missing, refusedPublish, noSuchField]) {
      expect(errors?.[0]?.message).toEqual(expect.any(String))
    }
    expect(refusedPublish.errors?.[0]?.message).toMatch(/possible from approved/)
    for (const res of [tooLong, notADate, shortPassword]) {
      expect((await res.json()) as unknown).toMatchObject({
        errors: [{ message: expect.stringMatching(/limit|must be a date|at least 12 characters/) }],
      })
    }
    // The server logs JSON lines at warn and above here (LOG_LEVEL=warn): pino's error is 50.
    await new Promise((resolve) => setTimeout(resolve, 200))
    const logged = app.output().slice(before)
    expect(logged).not.toMatch(/"level":(50|40)/)
  })
})
