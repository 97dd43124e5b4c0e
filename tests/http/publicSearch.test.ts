/**
 * The public list's `q`, as a public site uses it: every word in the title, or every word in the
 * summary, of the live articles only, newest first, page by page, within a topic too; what a
 * republish or an archive changes shows at once. It reads the read model's own search index
 * (title, summary and publication date kept with each rendering), not the articles' rows: at
 * 100,000 articles a scan of those took 61-74 ms a query, and a search ran two.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import request from 'supertest'
import type { Express } from 'express'

import { decide } from '../helpers/decision'
import { planOn, statementsOf } from '../helpers/sqlitePlans'
import type { Execute } from '../helpers/sqlitePlans'
import { startTestPayload } from '../helpers/testPayload'
import type { TestPayload } from '../helpers/testPayload'
import { deliveryApp } from '../helpers/deliveryApp'

const PASSWORD = 'public-search-test-password'
let t: TestPayload
let app: Express
const tokens = {} as Record<'writer' | 'reviewer' | 'editor', string>
const ids: Record<string, number> = {}
const onSqlite = !process.env.TEST_DATABASE_URI

const ARTICLES = {
  first: { title: 'Hamstring strain: first steps', summary: 'Rest, ice and a gentle return.' },
  running: { title: 'Running after a hamstring strain', summary: 'When to start again.' },
  knee: {
    title: 'Knee pain in runners',
    summary: 'A strain on the knee, with hamstring tightness.',
  },
  exercises: { title: 'Hamstring exercises', summary: 'Five to do at home.' },
}

type Page = { docs: { slug: string; title: string }[]; totalDocs: number; totalPages: number }

const search = async (query: string): Promise<Page & { status: number }> => {
  const res = await request(app).get(`/content/v1/articles?${query}`)
  return { status: res.status, ...(res.body as Page) }
}

const titles = async (query: string) => (await search(query)).docs.map((doc) => doc.title)

beforeAll(async () => {
  t = await startTestPayload()
  await t.seedDemo(PASSWORD)
  for (const who of ['editor', 'writer', 'reviewer'] as const) {
    tokens[who] = await t.logIn(`${who}@example.com`, PASSWORD)
  }
  const knees = await t.payload.create({
    collection: 'topics',
    data: { name: 'Knees and hips', slug: 'knees-and-hips', schemaType: 'AnatomicalStructure' },
  })
  // Published one after another: `exercises` is the newest.
  for (const [key, { title, summary }] of Object.entries(ARTICLES)) {
    const doc = await t.publishLikeSeed({
      title,
      tokens,
      extra: { summary, ...(key === 'exercises' ? { topics: [knees.id] } : {}) },
    })
    ids[key] = doc.id
  }
  app = deliveryApp({
    payload: t.payload,
    delivery: { cacheControl: 'public, max-age=60' },
  })
}, 120_000)

afterAll(async () => {
  await t?.close()
})

describe('GET /content/v1/articles?q=', () => {
  it('finds every word in the title, or every word in the summary, newest first', async () => {
    const found = await search('q=hamstring%20strain')
    expect(found.status).toBe(200)
    // `knee` has both words in its summary only; `exercises` lacks "strain".
    expect(found.docs.map((doc) => doc.title)).toEqual([
      ARTICLES.knee.title,
      ARTICLES.running.title,
      ARTICLES.first.title,
    ])
    expect(found).toMatchObject({ totalDocs: 3, totalPages: 1 })
    // Case and order do not matter; each result is the list's summary of it.
    expect(await titles('q=STRAIN%20Hamstring')).toEqual(found.docs.map((doc) => doc.title))
    expect(found.docs[0]).toMatchObject({
      slug: expect.any(String),
      summary: ARTICLES.knee.summary,
    })
    // One word in the title and the other in the summary is no match.
    expect(await search('q=runners%20tightness')).toMatchObject({ docs: [], totalDocs: 0 })
    expect(await search('q=no-such-word-anywhere')).toMatchObject({
      docs: [],
      totalDocs: 0,
      totalPages: 0,
    })
  })

  it("takes what a reader types literally: a pattern's characters and quotes find nothing here, NUL is a 400", async () => {
    // On MongoDB the words become regular expressions, on SQLite LIKE patterns: neither may
    // read them as anything but text.
    for (const q of ['.*', '%', '_', '(', '[a-z]', "'", '"', '\\']) {
      const found = await search(`q=${encodeURIComponent(q)}`)
      expect({ q, status: found.status, totalDocs: found.totalDocs }).toEqual({
        q,
        status: 200,
        totalDocs: 0,
      })
    }
    // SQLite would end the pattern at NUL and match everything: a control character is a 400.
    for (const q of ['\0', 'hamstring\0', 'a\u0007b']) {
      const res = await request(app).get(`/content/v1/articles?q=${encodeURIComponent(q)}`)
      expect(res.status).toBe(400)
      expect(res.body).toEqual({ error: '"q" must not contain control characters.' })
    }
    const topic = await request(app).get('/content/v1/articles?topic=lower-back%00')
    expect([topic.status, topic.body]).toEqual([
      400,
      { error: '"topic" must not contain control characters.' },
    ])
    // Punctuation in a title is found by it, and only by it.
    expect(await titles('q=ham%25string')).toEqual([])
    expect(await titles('q=ice%2C')).toEqual([])
    expect(await titles('q=rest%2C')).toEqual([ARTICLES.first.title])
    expect(await titles('q=strain%3A')).toEqual([ARTICLES.first.title])
  })

  it('pages through the results as the list does', async () => {
    const first = await search('q=hamstring&limit=2')
    expect(first.docs.map((doc) => doc.title)).toEqual([
      ARTICLES.exercises.title,
      ARTICLES.knee.title,
    ])
    expect(first).toMatchObject({ page: 1, limit: 2, totalDocs: 4, totalPages: 2 })
    expect(await titles('q=hamstring&limit=2&page=2')).toEqual([
      ARTICLES.running.title,
      ARTICLES.first.title,
    ])
    expect(await search('q=hamstring&limit=2&page=3')).toMatchObject({
      docs: [],
      page: 3,
      totalDocs: 4,
    })
  })

  it('searches within a topic', async () => {
    expect(await titles('q=hamstring&topic=knees-and-hips')).toEqual([ARTICLES.exercises.title])
    expect(await titles('q=strain&topic=knees-and-hips')).toEqual([])
    expect(await titles('q=strain&topic=lower-back')).toEqual([
      ARTICLES.knee.title,
      ARTICLES.running.title,
      ARTICLES.first.title,
    ])
    expect(await search('q=strain&topic=no-such-topic')).toMatchObject({ docs: [], totalDocs: 0 })
  })

  it('finds a republished title at once, and no longer the old one; an archived article is gone', async () => {
    const id = ids.first as number
    const edited = await t.rest(`/articles/${id}?draft=true`, {
      method: 'PATCH',
      token: tokens.writer,
      json: { title: 'Hamstring strain: the first week' },
    })
    expect(edited.status).toBe(200)
    // A draft is not live: the search still finds what readers can read.
    expect(await titles('q=first%20steps')).toEqual([ARTICLES.first.title])
    expect(await titles('q=first%20week')).toEqual([])
    for (const [who, action] of [
      ['writer', 'submit'],
      ['reviewer', 'approve'],
      ['editor', 'publish'],
    ] as const) {
      expect((await decide({ rest: t.rest, id, token: tokens[who], action })).status).toBe(200)
    }
    expect(await titles('q=first%20week')).toEqual(['Hamstring strain: the first week'])
    expect(await titles('q=first%20steps')).toEqual([])

    const archived = await decide({
      rest: t.rest,
      id: ids.running as number,
      token: tokens.editor,
      action: 'archive',
    })
    expect(archived.status).toBe(200)
    expect(await titles('q=hamstring%20strain')).toEqual([
      ARTICLES.knee.title,
      'Hamstring strain: the first week',
    ])
  })
})

;(onSqlite ? describe : describe.skip)('the search on SQLite', () => {
  it('walks its own index newest first, never the articles or a sort of every match', async () => {
    const client = (t.payload.db as unknown as { client: { execute: Execute } }).client
    for (const query of ['q=hamstring', 'q=hamstring&topic=knees-and-hips']) {
      const statements = await statementsOf(() => request(app).get(`/content/v1/articles?${query}`))
      const searches = statements.filter((sql) => /FROM published_articles WHERE/.test(sql))
      // The page, and the count.
      expect(searches).toHaveLength(2)
      for (const sql of searches) {
        const plan = await planOn(client.execute.bind(client), sql)
        expect(plan).toMatch(
          /SCAN published_articles USING COVERING INDEX publishedAt_article_title_summary_idx/,
        )
        expect(plan).not.toMatch(/TEMP B-TREE/)
        expect(plan).not.toMatch(/SCAN articles\b|SEARCH articles\b/)
      }
    }
  })
})
