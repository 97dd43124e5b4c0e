import { Validator } from '@seriousme/openapi-schema-validator'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import Ajv2020 from 'ajv/dist/2020'
import addFormats from 'ajv-formats'
import request from 'supertest'
import type { Express } from 'express'

import type { Article } from '@payload-types'
import { openApiDocument } from '@/delivery/openApiDocument'
import { startTestPayload } from '../helpers/testPayload'
import type { TestPayload } from '../helpers/testPayload'
import { decide } from '../helpers/decision'
import { contentOf } from '../helpers/articleContent'
import { deliveryApp } from '../helpers/deliveryApp'

const PASSWORD = 'delivery-test-password'
const SLUG = 'causes-of-lower-back-spasms'
let t: TestPayload
let app: Express
let seedId: number
const tokens: Record<string, string> = {}

const workflow = async (id: number | string, as: string, action: string) => {
  const res = await decide({ rest: t.rest, id, token: tokens[as], action })
  expect(res.status).toBe(200)
}

const publishNew = (title: string, extra: Partial<Article> = {}) =>
  t.publishLikeSeed({
    title,
    extra,
    tokens: tokens as Record<'writer' | 'reviewer' | 'editor', string>,
  })

beforeAll(async () => {
  t = await startTestPayload()
  seedId = await t.seedDemo(PASSWORD)
  for (const who of ['editor', 'writer', 'reviewer']) {
    tokens[who] = await t.logIn(`${who}@example.com`, PASSWORD)
  }
  app = deliveryApp({
    payload: t.payload,
    delivery: {
      cacheControl: 'public, max-age=60, s-maxage=300, stale-while-revalidate=600',
      cacheTtlMs: 5000,
    },
  })
})

afterAll(async () => {
  await t?.close()
})

describe('GET /content/v1/articles/:slug', () => {
  it('returns the seed article with every trust signal filled in', async () => {
    const res = await request(app).get(`/content/v1/articles/${SLUG}`)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      title: 'Causes of Lower Back Spasms',
      slug: SLUG,
      summary: expect.stringContaining('Lower back spasms can make it difficult'),
      keyMessages: [expect.stringMatching(/^Back spasms are frustrating/)],
      topics: [{ name: 'Lower back', slug: 'lower-back' }],
      heroImage: {
        url: expect.stringMatching(/^http.*\.png$/),
        alt: 'Woman sitting on a bed with lower back spasms causing pain',
      },
      author: {
        name: 'Nikita Mistry',
        slug: 'nikita-mistry',
        profession: 'Physiotherapist',
        affiliation: 'Western Sydney University',
      },
      medicalReviewer: {
        name: 'Gina Arena',
        slug: 'gina-arena',
        honorific: 'Dr',
        position: 'Research Fellow',
        affiliation: 'University of Western Australia',
      },
      publishedAt: '2022-05-30T00:00:00.000Z',
      lastReviewedAt: '2022-05-30T00:00:00.000Z',
      nextReviewDue: '2024-05-30T00:00:00.000Z',
      reviewStatus: 'overdue',
      disclaimer: {
        title: 'Content Disclaimer',
        text: expect.stringMatching(
          /^This content is general in nature and is for informational purposes only/,
        ),
      },
      jsonLd: {
        '@context': 'https://schema.org',
        '@type': 'MedicalWebPage',
        headline: 'Causes of Lower Back Spasms',
        author: { '@type': 'Person', name: 'Nikita Mistry' },
        reviewedBy: { '@type': 'Person', name: 'Gina Arena', honorificPrefix: 'Dr' },
        lastReviewed: '2022-05-30',
        datePublished: '2022-05-30',
        about: [{ '@type': 'AnatomicalStructure', name: 'Lower back' }],
      },
    })
    expect(res.body.sources).toHaveLength(2)
    expect(res.body.sources[0]).toMatchObject({
      number: 1,
      doi: '10.1002/art.34347',
      pmid: '22231424',
    })
    expect(res.body.sources[0].citation).toMatch(
      /^Hoy D, .*A systematic review of the global prevalence of low back pain/,
    )
    expect(res.body.jsonLd.citation.map((c: { name: string }) => c.name)).toEqual([
      'A systematic review of the global prevalence of low back pain',
      'Back problems',
    ])
    expect(res.body.html).toContain('<h2>What are the symptoms of lower back spasms?</h2>')
    expect(res.body.html).toContain('lifetime.<a class="citation" href="#source-1">[1]</a>')
    expect(res.body.html).toContain('<ul><li>Muscle cramping</li>')
  })

  it('carries a strong ETag and the cache policy; a matching If-None-Match gets 304 with no body', async () => {
    const first = await request(app).get(`/content/v1/articles/${SLUG}`)
    expect(first.headers.etag).toMatch(/^"[A-Za-z0-9_-]+"$/)
    expect(first.headers['cache-control']).toBe(
      'public, max-age=60, s-maxage=300, stale-while-revalidate=600',
    )
    expect(first.headers['access-control-allow-origin']).toBe('*')
    const again = await request(app)
      .get(`/content/v1/articles/${SLUG}`)
      .set('If-None-Match', first.headers.etag as string)
    expect(again.status).toBe(304)
    expect(again.text).toBe('')
  })

  it('answers 404 {"error":"Not found"} for a slug that never existed', async () => {
    const res = await request(app).get('/content/v1/articles/no-such-article')
    expect(res.status).toBe(404)
    expect(res.body).toEqual({ error: 'Not found' })
  })
})

describe('only the live version is ever served', () => {
  it('hides drafts, articles in review and approved ones, and archived articles', async () => {
    const res = await t.rest('/articles?draft=true', {
      method: 'POST',
      token: tokens.writer,
      json: {
        ...contentOf(await t.payload.findByID({ collection: 'articles', id: seedId, depth: 0 })),
        title: 'Secret draft',
        slug: 'secret-draft',
      },
    })
    const { doc } = (await res.json()) as { doc: Article }
    const isHidden = async () => {
      const one = await request(app).get('/content/v1/articles/secret-draft')
      const list = await request(app).get('/content/v1/articles?limit=100')
      return (
        one.status === 404 && one.body.error === 'Not found' && !list.text.includes('Secret draft')
      )
    }
    expect(await isHidden()).toBe(true)
    await workflow(doc.id, 'writer', 'submit')
    expect(await isHidden()).toBe(true)
    await workflow(doc.id, 'reviewer', 'approve')
    expect(await isHidden()).toBe(true)

    const live = await publishNew('Archived soon')
    expect((await request(app).get('/content/v1/articles/archived-soon')).status).toBe(200)
    await workflow(live.id, 'editor', 'archive')
    expect((await request(app).get('/content/v1/articles/archived-soon')).status).toBe(404)
    expect((await request(app).get('/content/v1/articles')).text).not.toContain('Archived soon')
  })

  it('serves the old text of a live article while its edit is unpublished, and changes the ETag on republish', async () => {
    const before = await request(app).get(`/content/v1/articles/${SLUG}`)
    await t.rest(`/articles/${seedId}?draft=true`, {
      method: 'PATCH',
      token: tokens.writer,
      json: { summary: 'An unreviewed new summary.' },
    })
    await workflow(seedId, 'writer', 'submit')
    const during = await request(app).get(`/content/v1/articles/${SLUG}`)
    expect(during.body.summary).toBe(before.body.summary)
    expect(during.headers.etag).toBe(before.headers.etag)

    await workflow(seedId, 'reviewer', 'approve')
    await workflow(seedId, 'editor', 'publish')
    const after = await request(app).get(`/content/v1/articles/${SLUG}`)
    expect(after.body.summary).toBe('An unreviewed new summary.')
    expect(after.headers.etag).not.toBe(before.headers.etag)
    const stale = await request(app)
      .get(`/content/v1/articles/${SLUG}`)
      .set('If-None-Match', before.headers.etag as string)
    expect(stale.status).toBe(200)
  })

  it('never renders a javascript: link or a <script> in a body, even one stored before input was checked', async () => {
    const unsafe = [
      {
        children: [
          { text: 'Click ' },
          { type: 'link', url: 'javascript:alert(document.cookie)', children: [{ text: 'here' }] },
          { text: ' <script>alert(1)</script>' },
        ],
      },
    ]
    // The API refuses such a body now; an older database may still hold one, never rendered yet.
    const doc = await publishNew('Unsafe body')
    await t.payload.db.updateOne({ collection: 'articles', id: doc.id, data: { body: unsafe } })
    await t.payload.db.deleteMany({
      collection: 'published-articles',
      where: { article: { equals: doc.id } },
    })
    const res = await request(app).get('/content/v1/articles/unsafe-body')
    expect(res.status).toBe(200)
    expect(res.body.html).toBe('<p>Click here &lt;script&gt;alert(1)&lt;/script&gt;</p>')
  })
})

describe('lists, topics and profiles', () => {
  it('lists published articles newest first, filters by topic and text, and bounds limit', async () => {
    const list = await request(app).get('/content/v1/articles?limit=100')
    expect(list.status).toBe(200)
    const dates = list.body.docs.map((d: { publishedAt: string }) => d.publishedAt)
    expect([...dates].sort().reverse()).toEqual(dates)
    expect(list.body).toMatchObject({ page: 1, limit: 100, totalDocs: list.body.docs.length })
    expect(list.body.docs.find((d: { slug: string }) => d.slug === SLUG)).toEqual({
      title: 'Causes of Lower Back Spasms',
      slug: SLUG,
      url: expect.stringMatching(new RegExp(`/content/v1/articles/${SLUG}$`)),
      summary: expect.any(String),
      topics: [{ name: 'Lower back', slug: 'lower-back', url: expect.any(String) }],
      author: {
        name: 'Nikita Mistry',
        slug: 'nikita-mistry',
        url: expect.stringMatching(/\/content\/v1\/authors\/nikita-mistry$/),
      },
      publishedAt: '2022-05-30T00:00:00.000Z',
      lastReviewedAt: expect.any(String),
      reviewStatus: 'current',
    })
    const byTopic = await request(app).get('/content/v1/articles?topic=lower-back')
    expect(byTopic.body.totalDocs).toBe(list.body.totalDocs)
    expect((await request(app).get('/content/v1/articles?topic=knees')).body.totalDocs).toBe(0)
    const search = await request(app).get('/content/v1/articles?q=unsafe')
    expect(search.body.docs.map((d: { slug: string }) => d.slug)).toEqual(['unsafe-body'])
    for (const bad of ['limit=101', 'limit=0', 'page=-1', 'page=abc', 'limit=1e3']) {
      const res = await request(app).get(`/content/v1/articles?${bad}`)
      expect(res.status).toBe(400)
      expect(res.body.error).toMatch(/whole number/)
    }
  })

  it('serves topics, and author and reviewer profiles with their articles', async () => {
    expect((await request(app).get('/content/v1/topics')).body).toEqual({
      docs: [
        {
          name: 'Lower back',
          slug: 'lower-back',
          url: expect.stringMatching(/\/content\/v1\/articles\?topic=lower-back$/),
        },
      ],
    })
    const reviewer = await request(app).get('/content/v1/reviewers/gina-arena')
    expect(reviewer.body).toMatchObject({
      name: 'Gina Arena',
      position: 'Research Fellow',
      honorific: 'Dr',
    })
    expect(reviewer.body).not.toHaveProperty('registrationNumber')
    expect(reviewer.body.articles.map((a: { slug: string }) => a.slug)).toContain(SLUG)
    const author = await request(app).get('/content/v1/authors/nikita-mistry')
    expect(author.body).toMatchObject({ name: 'Nikita Mistry', profession: 'Physiotherapist' })
    expect((await request(app).get('/content/v1/authors/nobody')).status).toBe(404)
  })
})

describe('draft preview', () => {
  it('gives an editor a signed link to the latest draft, never cached; a wrong token is refused', async () => {
    await t.rest(`/articles/${seedId}?draft=true`, {
      method: 'PATCH',
      token: tokens.writer,
      json: { summary: 'Draft summary for preview.' },
    })
    const link = await t.rest(`/articles/${seedId}/preview-link`, { token: tokens.editor })
    expect(link.status).toBe(200)
    const { url, expiresAt } = (await link.json()) as { url: string; expiresAt: string }
    expect(new Date(expiresAt).getTime() - Date.now()).toBeGreaterThan(3500_000)
    const path = url.replace(/^https?:\/\/[^/]+/, '')
    const preview = await request(app).get(path)
    expect(preview.status).toBe(200)
    expect(preview.headers['cache-control']).toBe('no-store')
    expect(preview.body.summary).toBe('Draft summary for preview.')
    expect((await request(app).get(`/content/v1/articles/${SLUG}`)).body.summary).not.toBe(
      'Draft summary for preview.',
    )

    const forged = await request(app).get(path.replace(/token=\d+\./, 'token=9999999999.'))
    expect(forged.status).toBe(401)
    const expired = await request(app).get(`/content/v1/preview/articles/${seedId}?token=1.abc`)
    expect(expired.status).toBe(401)
    expect((await t.rest(`/articles/${seedId}/preview-link`)).status).toBe(401)
  })
})

describe('OpenAPI', () => {
  it('is a valid OpenAPI 3.1 document, and real responses conform to it', async () => {
    const served = await request(app).get('/content/v1/openapi.json')
    expect(served.status).toBe(200)
    const validator = new Validator()
    const result = await validator.validate(served.body)
    expect(result.errors ?? []).toEqual([])
    expect(result.valid).toBe(true)

    const doc = openApiDocument({ origin: 'http://x' })
    const ajv = new Ajv2020({ strict: false })
    addFormats(ajv)
    ajv.addSchema({ $id: 'signoff', components: doc.components })
    const check = async (path: string, schema: string) => {
      const res = await request(app).get(path)
      const validate = ajv.getSchema(`signoff#/components/schemas/${schema}`)
      expect(validate).toBeDefined()
      const ok = validate?.(res.body)
      expect(validate?.errors ?? []).toEqual([])
      expect(ok).toBe(true)
    }
    await check(`/content/v1/articles/${SLUG}`, 'PublishedArticle')
    await check('/content/v1/articles?limit=5', 'ArticleList')
    await check('/content/v1/topics', 'TopicList')
    await check('/content/v1/authors/nikita-mistry', 'AuthorProfile')
    await check('/content/v1/reviewers/gina-arena', 'ReviewerProfile')
    await check('/content/v1/articles/none-here', 'Error')
  })
})
