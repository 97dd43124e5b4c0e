/**
 * The delivery API serves each live article as rendered when it was published. These tests change
 * what an article shows (people, sources, topics, disclaimer, publisher, the passing of time) and
 * check that readers get the change, with a new ETag.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals'
import type { Express } from 'express'
import request from 'supertest'

import type { Article } from '@payload-types'
import { refreshForNewSettings, refreshStaleSnapshots } from '@/delivery/readModel/refreshJob'
import { renderingKey } from '@/delivery/readModel/render'
import { publicSite } from '@/config/publicSite'
import { PUBLISHED_ARTICLES } from '@/shared/collections'
import { identityBody, snapshotStore } from '@/db/readModelStore'
import { createApp } from '@/server/app'
import { startTestPayload } from '../helpers/testPayload'
import type { TestPayload } from '../helpers/testPayload'
import { deliveryApp } from '../helpers/deliveryApp'

const PASSWORD = 'published-articles-password'
const SLUG = 'causes-of-lower-back-spasms'
const URL = `/content/v1/articles/${SLUG}`
const DAY_MS = 24 * 60 * 60 * 1000
let t: TestPayload
let app: Express
let seedId: number
let seed: Article
const tokens: Record<string, string> = {}

const publishNew = (title: string, extra: Partial<Article> = {}) =>
  t.publishLikeSeed({
    title,
    extra,
    tokens: tokens as Record<'writer' | 'reviewer' | 'editor', string>,
  })

/** An editor's change through Payload's REST door, as the admin makes it. */
const edit = async (path: string, json: Record<string, unknown>) => {
  const res = await t.rest(path, { method: 'PATCH', token: tokens.editor, json })
  expect(res.status).toBe(200)
}

beforeAll(async () => {
  t = await startTestPayload()
  seedId = await t.seedDemo(PASSWORD)
  seed = await t.payload.findByID({ collection: 'articles', id: seedId, depth: 0 })
  for (const who of ['editor', 'writer', 'reviewer']) {
    tokens[who] = await t.logIn(`${who}@example.com`, PASSWORD)
  }
  app = deliveryApp({
    payload: t.payload,
    delivery: { cacheControl: 'public, max-age=60', cacheTtlMs: 5000, previewTtlSeconds: 60 },
  })
})

afterEach(() => {
  jest.useRealTimers()
})

afterAll(async () => {
  await t?.close()
})

describe('what a published article shows changes when its parts change', () => {
  it('renaming the author or the reviewer changes the delivered article; editing a source does not', async () => {
    const before = await request(app).get(URL)
    expect(before.body.author.name).toBe('Nikita Mistry')

    await edit(`/authors/${seed.author}`, { name: 'Nikita Mistry-Jones' })
    const renamed = await request(app).get(URL)
    expect(renamed.body.author.name).toBe('Nikita Mistry-Jones')
    expect(renamed.body.jsonLd.author.name).toBe('Nikita Mistry-Jones')
    expect(renamed.headers.etag).not.toBe(before.headers.etag)

    await edit(`/medical-reviewers/${seed.medicalReviewer}`, { position: 'Professor' })
    expect((await request(app).get(URL)).body.medicalReviewer.position).toBe('Professor')

    // A source is evidence: the page keeps what the reviewer signed until it is reviewed again.
    const signed = (await request(app).get(URL)).body.sources[0].citation
    const firstSource = (seed.sources as number[])[0]
    await edit(`/sources/${firstSource}`, { title: 'A corrected study title' })
    const cited = await request(app).get(URL)
    expect(cited.body.sources[0].citation).toBe(signed)
    expect(cited.body.jsonLd.citation[0].name).toBe(
      'A systematic review of the global prevalence of low back pain',
    )
  })

  it('editing a source or an image an article shows marks its rendering stale in the save, before anyone reads it', async () => {
    const store = snapshotStore(t.payload)
    await request(app).get(URL)
    expect((await store.findBySlug(SLUG))?.isStale).toBe(false)
    // Sources are a list (hasMany); the hero image a single upload.
    await edit(`/sources/${(seed.sources as number[])[1]}`, { title: 'A second corrected title' })
    expect(await store.findBySlug(SLUG)).toMatchObject({ isStale: true, servableWhileStale: false })
    await request(app).get(URL)
    expect((await store.findBySlug(SLUG))?.isStale).toBe(false)
    await edit(`/media/${seed.heroImage as number}`, { alt: 'A physiotherapist at work' })
    expect(await store.findBySlug(SLUG)).toMatchObject({ isStale: true, servableWhileStale: false })
    expect((await request(app).get(URL)).status).toBe(200)
  })

  it('renaming a topic, editing the disclaimer or the publisher name reaches readers once the job has rendered them again; until then readers get the rendering they had', async () => {
    const before = await request(app).get(URL)
    const storedBefore = await snapshotStore(t.payload).findBySlug(SLUG)
    const editedFrom = new Date().toISOString()
    await edit(`/topics/${(seed.topics as number[])[0]}`, { name: 'Lumbar spine' })
    await edit(`/disclaimers/${seed.disclaimer}`, { title: 'Medical disclaimer' })
    const res = await t.rest('/globals/publisher', {
      method: 'POST',
      token: tokens.editor,
      json: { name: 'Signoff Health' },
    })
    expect(res.status).toBe(200)
    // Presentation only: the stale rendering is sent as it is, byte for byte, with its ETag.
    const meanwhile = await request(app).get(URL)
    expect(meanwhile.status).toBe(200)
    expect(meanwhile.headers.etag).toBe(before.headers.etag)
    expect(meanwhile.text).toBe(before.text)
    // The saves neither read the articles nor wrote their renderings: the job marks them, later.
    expect(await snapshotStore(t.payload).findBySlug(SLUG)).toMatchObject({
      isStale: false,
      etag: storedBefore?.etag,
      renderedAt: storedBefore?.renderedAt,
    })
    const { docs: queued } = await t.payload.find({
      collection: 'payload-jobs',
      where: {
        taskSlug: { equals: 'refreshPublishedArticles' },
        createdAt: { greater_than_equal: editedFrom },
      },
      sort: 'createdAt',
      pagination: false,
    })
    expect(queued.map((job) => job.input)).toEqual([
      { presentationOf: { collection: 'topics', id: (seed.topics as number[])[0] } },
      { presentationOf: { collection: 'disclaimers', id: seed.disclaimer } },
      { presentationOf: 'all' },
    ])
    // The job was queued by the edits, in their transactions.
    await t.payload.jobs.run({ queue: 'read-model' })
    const after = await request(app).get(URL)
    expect(after.headers.etag).not.toBe(before.headers.etag)
    expect(after.body.topics).toEqual([
      { name: 'Lumbar spine', slug: 'lower-back', url: expect.any(String) },
    ])
    expect(after.body.disclaimer.title).toBe('Medical disclaimer')
    expect(after.body.jsonLd.publisher).toEqual({ '@type': 'Organization', name: 'Signoff Health' })
  })

  it('where this process runs the queues, the refresh runs as soon as the change commits, not at the next poll', async () => {
    // Tests run no queue on a schedule: only the run started after the commit can render it.
    process.env.JOBS_AUTORUN = 'true'
    try {
      await edit(`/disclaimers/${seed.disclaimer}`, { title: 'Disclaimer, rendered at once' })
    } finally {
      process.env.JOBS_AUTORUN = 'false'
    }
    const deadline = Date.now() + 15_000
    const storedTitle = async () => {
      const stored = await snapshotStore(t.payload).findBySlug(SLUG)
      return stored && JSON.parse(identityBody(stored).toString()).disclaimer?.title
    }
    while ((await storedTitle()) !== 'Disclaimer, rendered at once') {
      expect(Date.now()).toBeLessThan(deadline)
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    expect((await request(app).get(URL)).body.disclaimer.title).toBe('Disclaimer, rendered at once')
  })

  it('a change to a person after one to presentation is rendered before the article is sent again', async () => {
    await edit(`/disclaimers/${seed.disclaimer}`, { title: 'Health disclaimer' })
    await edit(`/authors/${seed.author}`, { name: 'Nikita Mistry-Okafor' })
    // And the other way round: presentation after a person keeps it unservable.
    await edit(`/topics/${(seed.topics as number[])[0]}`, { name: 'Lower back' })
    const stored = await snapshotStore(t.payload).findBySlug(SLUG)
    expect(stored).toMatchObject({ isStale: true, servableWhileStale: false })
    const res = await request(app).get(URL)
    expect(res.body.author.name).toBe('Nikita Mistry-Okafor')
    expect(res.body.disclaimer.title).toBe('Health disclaimer')
    expect(res.body.topics[0].name).toBe('Lower back')
    expect((await snapshotStore(t.payload).findBySlug(SLUG))?.isStale).toBe(false)
  })

  it('the background job renders affected articles again, so readers do not wait for it', async () => {
    const other = await publishNew('Sciatica explained')
    await edit(`/authors/${seed.author}`, { affiliation: 'University of Sydney' })
    const queued = await t.payload.count({
      collection: 'payload-jobs',
      where: { taskSlug: { equals: 'refreshPublishedArticles' } },
    })
    expect(queued.totalDocs).toBeGreaterThan(0)
    await t.payload.jobs.run({ queue: 'read-model' })
    // Nothing is left to render: the seed article and the new one were both done by the job.
    expect(await refreshStaleSnapshots({ payload: t.payload })).toEqual({ refreshed: 0, failed: 0 })
    const res = await request(app).get(`/content/v1/articles/${other.slug}`)
    expect(res.body.author.affiliation).toBe('University of Sydney')
  })

  it('renders again, in the background, renderings made for other settings (a new SERVER_URL)', async () => {
    const store = snapshotStore(t.payload)
    const key = renderingKey(publicSite())
    const refreshJobs = async () =>
      (
        await t.payload.count({
          collection: 'payload-jobs',
          where: { taskSlug: { equals: 'refreshPublishedArticles' } },
        })
      ).totalDocs
    await t.payload.jobs.run({ queue: 'read-model' })
    expect(await store.oldestOrigin()).toBe(key)
    // Nothing made for other settings: nothing queued, and the job renders nothing.
    const queuedBefore = await refreshJobs()
    expect(await refreshForNewSettings(t.payload)).toBe(false)
    expect(await refreshJobs()).toBe(queuedBefore)
    expect(await refreshStaleSnapshots({ payload: t.payload })).toEqual({ refreshed: 0, failed: 0 })

    // Made under another address: changed below Payload, as a restart with a new one leaves them.
    const { totalDocs } = await t.payload.count({ collection: PUBLISHED_ARTICLES })
    await t.payload.db.updateMany({
      collection: PUBLISHED_ARTICLES,
      where: { slug: { exists: true } },
      data: { origin: 'v3:another-site' },
    })
    expect(await store.oldestOrigin()).toBe('v3:another-site')
    expect(await refreshForNewSettings(t.payload)).toBe(true)
    expect(await refreshJobs()).toBe(queuedBefore + 1)
    await t.payload.jobs.run({ queue: 'read-model' })
    expect(await store.oldestOrigin()).toBe(key)
    expect(
      await t.payload.count({
        collection: PUBLISHED_ARTICLES,
        where: { origin: { not_equals: key } },
      }),
    ).toEqual({ totalDocs: 0 })
    expect(await t.payload.count({ collection: PUBLISHED_ARTICLES })).toEqual({ totalDocs })
    expect(await refreshStaleSnapshots({ payload: t.payload })).toEqual({ refreshed: 0, failed: 0 })
  })

  it('renders every stale article again, in batches, each with what changed', async () => {
    for (const n of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]) {
      await publishNew(`Batch article ${n}`)
    }
    const { totalDocs } = await t.payload.count({ collection: PUBLISHED_ARTICLES })
    expect(totalDocs).toBeGreaterThan(12)
    // Changed below Payload, so no hook marks anything: the job alone must bring the change. In
    // batches of 4, then in one batch of them all (read a few articles at a time).
    for (const [batchSize, affiliation] of [
      [4, 'Macquarie University'],
      [50, 'University of Queensland'],
    ] as const) {
      await t.payload.db.updateOne({
        collection: 'authors',
        id: seed.author as number,
        data: { affiliation },
      })
      await snapshotStore(t.payload).markStale({ articleIds: 'all' })
      expect(await refreshStaleSnapshots({ payload: t.payload, batchSize })).toEqual({
        refreshed: totalDocs,
        failed: 0,
      })
      expect(
        await t.payload.count({
          collection: PUBLISHED_ARTICLES,
          where: { isStale: { equals: true } },
        }),
      ).toEqual({ totalDocs: 0 })
      for (const slug of ['batch-article-1', 'batch-article-6', 'batch-article-11']) {
        const stored = await snapshotStore(t.payload).findBySlug(slug)
        expect(JSON.parse(String(stored && identityBody(stored))).author.affiliation).toBe(
          affiliation,
        )
      }
    }
  })

  it('readers of many stale articles at once each get the article as it is now', async () => {
    await t.payload.db.updateOne({
      collection: 'authors',
      id: seed.author as number,
      data: { affiliation: 'Monash University' },
    })
    await snapshotStore(t.payload).markStale({ articleIds: 'all' })
    const slugs = Array.from({ length: 11 }, (_, i) => `batch-article-${i + 1}`)
    // Every article twice, all at once: they are rendered together, each once.
    const responses = await Promise.all(
      [...slugs, ...slugs].map((slug) => request(app).get(`/content/v1/articles/${slug}`)),
    )
    expect(responses.map((res) => res.status)).toEqual(responses.map(() => 200))
    expect(
      responses.map((res) => (res.body as { author: { affiliation: string } }).author.affiliation),
    ).toEqual(responses.map(() => 'Monash University'))
    slugs.forEach((slug, i) => {
      expect(responses[i]?.body.slug).toBe(slug)
      expect(responses[i]?.headers.etag).toBe(responses[i + slugs.length]?.headers.etag)
    })
    for (const slug of slugs) {
      expect((await snapshotStore(t.payload).findBySlug(slug))?.isStale).toBe(false)
    }
  })

  it('an article that cannot be rendered fails alone: the rest of its batch is rendered', async () => {
    if (t.payload.db.name === 'mongoose') {
      // The failure below is made with a SQLite trigger.
      return
    }
    const broken = await t.payload.find({
      collection: 'articles',
      where: { slug: { equals: 'batch-article-2' } },
      depth: 0,
    })
    const brokenId = broken.docs[0]?.id as number
    const run = (statement: string) =>
      (
        t.payload.db as unknown as { client: { execute: (s: string) => Promise<unknown> } }
      ).client.execute(statement)
    await run(`CREATE TRIGGER refuse_one BEFORE UPDATE ON published_articles
      WHEN NEW.article_id = ${brokenId} AND NEW.is_stale = 0
      BEGIN SELECT RAISE(ABORT, 'refused for the test'); END`)
    try {
      await t.payload.db.updateOne({
        collection: 'authors',
        id: seed.author as number,
        data: { affiliation: 'Deakin University' },
      })
      await snapshotStore(t.payload).markStale({ articleIds: 'all' })
      const { totalDocs } = await t.payload.count({ collection: PUBLISHED_ARTICLES })
      const errors = jest.spyOn(t.payload.logger, 'error').mockImplementation(() => undefined)
      try {
        expect(await refreshStaleSnapshots({ payload: t.payload, batchSize: 4 })).toEqual({
          refreshed: totalDocs - 1,
          failed: 1,
        })
      } finally {
        errors.mockRestore()
      }
      for (const slug of ['batch-article-1', 'batch-article-3', 'batch-article-4']) {
        const stored = await snapshotStore(t.payload).findBySlug(slug)
        expect(stored?.isStale).toBe(false)
        expect(JSON.parse(String(stored && identityBody(stored))).author.affiliation).toBe(
          'Deakin University',
        )
      }
      // The one that failed stays stale: the next run (or its next reader) renders it again.
      expect((await snapshotStore(t.payload).findBySlug('batch-article-2'))?.isStale).toBe(true)
    } finally {
      await run('DROP TRIGGER refuse_one')
    }
    expect(await refreshStaleSnapshots({ payload: t.payload })).toEqual({ refreshed: 1, failed: 0 })
  })

  it('deleting a person the article credits removes them from the delivered article', async () => {
    const author = await t.payload.create({ collection: 'authors', data: { name: 'Guest Author' } })
    const doc = await publishNew('Hamstring strain', { author: author.id })
    const path = `/content/v1/articles/${doc.slug}`
    expect((await request(app).get(path)).body.author.name).toBe('Guest Author')
    const res = await t.rest(`/authors/${author.id}`, { method: 'DELETE', token: tokens.editor })
    expect(res.status).toBe(200)
    expect((await request(app).get(path)).body.author).toBeNull()
  })
})

describe('the review status is today’s', () => {
  it('an article whose review falls due while it is live is delivered as due soon, then overdue', async () => {
    const doc = await publishNew('Review falls due')
    const path = `/content/v1/articles/${doc.slug}`
    const now = await request(app).get(path)
    expect(now.body.reviewStatus).toBe('current')
    const due = new Date(now.body.nextReviewDue).getTime()

    // Only Date moves; timers stay real so the server and database keep working.
    const fakeDate = (at: number) =>
      jest.useFakeTimers({
        now: at,
        doNotFake: [
          'hrtime',
          'nextTick',
          'performance',
          'queueMicrotask',
          'requestAnimationFrame',
          'cancelAnimationFrame',
          'requestIdleCallback',
          'cancelIdleCallback',
          'setImmediate',
          'clearImmediate',
          'setInterval',
          'clearInterval',
          'setTimeout',
          'clearTimeout',
        ],
      })
    fakeDate(due - 10 * DAY_MS)
    const soon = await request(app).get(path)
    expect(soon.body.reviewStatus).toBe('due-soon')
    expect(soon.headers.etag).not.toBe(now.headers.etag)

    fakeDate(due + DAY_MS)
    const late = await request(app).get(path)
    expect(late.body.reviewStatus).toBe('overdue')
    expect(late.body.title).toBe('Review falls due')
    expect(late.headers.etag).not.toBe(soon.headers.etag)
  })
})

describe('articles published before the read model existed', () => {
  it('are still served, rendered on their first read', async () => {
    const before = await request(app).get(URL)
    await t.payload.db.deleteMany({
      collection: 'published-articles',
      where: { article: { equals: seedId } },
    })
    // Another instance's cache would not know; this one must not hide the article either.
    const fresh = createApp({ payload: t.payload, adapter: 'sqlite' })
    const after = await request(fresh).get(URL)
    expect(after.status).toBe(200)
    expect(after.headers.etag).toBe(before.headers.etag)
    expect(after.body).toEqual(before.body)
  })
})
