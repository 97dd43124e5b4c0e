import zlib from 'node:zlib'

import { compressSync } from 'lz4-napi'

import { describe, expect, it } from '@jest/globals'
import type { Payload } from 'payload'

import type { Article } from '@payload-types'
import { publicSite } from '@/config/publicSite'
import { isCurrent, renderArticle, renderingKey } from '@/delivery/readModel/render'
import { identityBody, snapshotStore } from '@/db/readModelStore'
import { strongEtag } from '@/delivery/responseCache'

const article = {
  id: 7,
  title: 'Knee pain',
  slug: 'knee-pain',
  summary: 'About knees.',
  body: [{ children: [{ text: 'Rest [1].' }] }],
  sources: [{ id: 1, title: 'A study', doi: '10.1000/x', sourceType: 'systematic-review' }],
  publishedAt: '2026-01-01T00:00:00.000Z',
  lastReviewedAt: '2026-01-01T00:00:00.000Z',
  nextReviewDue: '2028-01-01T00:00:00.000Z',
  reviewStatus: 'overdue',
} as unknown as Article & { slug: string }

describe('renderArticle', () => {
  it('renders the delivery JSON with the review status as of now and when that status ends', () => {
    const rendered = renderArticle({
      doc: article,
      site: publicSite({ SERVER_URL: 'https://cms.example.org' }),
      publisher: {
        name: 'Signoff Health',
        logoUrl: null,
        editorialPolicyUrl: null,
        sourcingPolicy: null,
        fundingStatement: 'Funded by its readers; no sponsored content.',
        advertisingPolicy: 'No advertising.',
      },
      liveSince: '2026-01-02T00:00:00.000Z',
      now: new Date('2027-06-01T00:00:00.000Z'),
    })
    const body = JSON.parse(rendered.body)
    expect(body).toMatchObject({
      title: 'Knee pain',
      reviewStatus: 'current',
      sources: [{ number: 1, doi: '10.1000/x' }],
      publisher: {
        name: 'Signoff Health',
        fundingStatement: 'Funded by its readers; no sponsored content.',
        advertisingPolicy: 'No advertising.',
      },
      jsonLd: {
        url: 'https://cms.example.org/content/v1/articles/knee-pain',
        publisher: {
          name: 'Signoff Health',
          ownershipFundingInfo: 'Funded by its readers; no sponsored content.',
        },
        dateModified: '2026-01-02',
      },
    })
    expect(rendered.etag).toBe(strongEtag(rendered.body))
    expect(rendered.reviewStatusChangesAt).toBe('2027-12-02T00:00:00.000Z')
    expect(rendered.slug).toBe('knee-pain')
  })
})

describe('renderingKey', () => {
  it('changes with any public site setting, so renderings made for other settings are made again', () => {
    const site = publicSite({ SERVER_URL: 'https://cms.example.org' })
    const key = renderingKey(site)
    expect(key).toMatch(/^v\d+:/)
    expect(renderingKey(publicSite({ SERVER_URL: 'https://cms.example.org' }))).toBe(key)
    for (const changed of [
      { articleUrl: 'https://www.example.org/articles/{slug}' },
      { mediaOrigin: 'https://cdn.example.org' },
      { language: 'en-AU' },
    ]) {
      expect(renderingKey({ ...site, ...changed })).not.toBe(key)
    }
  })
})

describe('isCurrent', () => {
  const snapshot = {
    isStale: false,
    origin: 'https://a',
    reviewStatusChangesAt: '2027-12-02T00:00:00.000Z',
  }
  const before = new Date('2027-12-01T00:00:00.000Z')
  it('sends a rendering as it is until something it shows changes', () => {
    expect(isCurrent({ snapshot, key: 'https://a', now: before })).toBe(true)
    expect(
      isCurrent({
        snapshot: { ...snapshot, reviewStatusChangesAt: null },
        key: 'https://a',
        now: before,
      }),
    ).toBe(true)
  })
  it('renders again when marked stale, made for other settings, or its review status ended', () => {
    expect(
      isCurrent({ snapshot: { ...snapshot, isStale: true }, key: 'https://a', now: before }),
    ).toBe(false)
    expect(isCurrent({ snapshot, key: 'https://b', now: before })).toBe(false)
    expect(
      isCurrent({ snapshot, key: 'https://a', now: new Date('2027-12-02T00:00:00.000Z') }),
    ).toBe(false)
  })
  it('sends one stale in presentation only, unless its settings or review status make it wrong', () => {
    const presentation = { ...snapshot, isStale: true, servableWhileStale: true }
    expect(isCurrent({ snapshot: presentation, key: 'https://a', now: before })).toBe(true)
    expect(isCurrent({ snapshot: presentation, key: 'https://b', now: before })).toBe(false)
    expect(
      isCurrent({
        snapshot: presentation,
        key: 'https://a',
        now: new Date('2027-12-02T00:00:00.000Z'),
      }),
    ).toBe(false)
  })
})

describe('snapshotStore on MongoDB', () => {
  // What Payload's Mongoose adapter holds: a model per collection, its native collection inside.
  const fakeMongo = (stored: Record<string, unknown> | null) => {
    const calls: { findOne: unknown[][]; updateMany: unknown[]; upsert: unknown[] } = {
      findOne: [],
      updateMany: [],
      upsert: [],
    }
    const payload = {
      db: {
        name: 'mongoose',
        collections: {
          'published-articles': {
            collection: {
              findOne: async (...args: unknown[]) => {
                calls.findOne.push(args)
                return stored
              },
            },
          },
        },
        updateMany: async (args: unknown) => {
          calls.updateMany.push(args)
          return null
        },
        upsert: async (args: unknown) => {
          calls.upsert.push(args)
          return null
        },
      },
    } as unknown as Payload
    return { store: snapshotStore(payload), calls }
  }

  it('finds a rendering by slug with one findOne on the native collection', async () => {
    const { store, calls } = fakeMongo({
      _id: 'x',
      article: { toString: () => '65f0c0ffee0000000000abcd' },
      body: '{"title":"Knee pain"}',
      bodyBr: Buffer.from('brotli bytes').toString('base64'),
      bodyGzip: null,
      etag: '"e"',
      origin: 'https://a',
      isStale: false,
      reviewStatusChangesAt: new Date('2027-12-02T00:00:00.000Z'),
      updatedAt: new Date('2026-11-30T08:00:00.000Z'),
    })
    expect(await store.findBySlug('knee-pain')).toEqual({
      articleId: '65f0c0ffee0000000000abcd',
      body: Buffer.from('{"title":"Knee pain"}'),
      // The compressed bodies it keeps, as bytes; none for an encoding it has not.
      variants: { br: Buffer.from('brotli bytes') },
      etag: '"e"',
      origin: 'https://a',
      isStale: false,
      servableWhileStale: false,
      reviewStatusChangesAt: '2027-12-02T00:00:00.000Z',
      renderedAt: '2026-11-30T08:00:00.000Z',
    })
    expect(calls.findOne[0]?.[0]).toEqual({ slug: 'knee-pain' })
  })

  it('answers null for an unknown slug', async () => {
    expect(await fakeMongo(null).store.findBySlug('nope')).toBeNull()
  })

  it('marks renderings stale by article or all of them; servable only while every reason is presentation', async () => {
    const { store, calls } = fakeMongo(null)
    await store.markStale({ articleIds: ['a1', 'a2'] })
    await store.markStale({ articleIds: 'all', servable: true })
    await store.markStale({ articleIds: [] })
    expect(calls.updateMany).toEqual([
      expect.objectContaining({
        collection: 'published-articles',
        where: { and: [{ article: { in: ['a1', 'a2'] } }, { isStale: { not_equals: true } }] },
        data: { isStale: true, servableWhileStale: false },
      }),
      // Already stale for presentation, now for more: no longer servable.
      expect.objectContaining({
        where: {
          and: [{ article: { in: ['a1', 'a2'] } }, { servableWhileStale: { equals: true } }],
        },
        data: { servableWhileStale: false },
      }),
      // A presentation change leaves a rendering stale for another reason as it is.
      expect.objectContaining({
        where: { and: [{ isStale: { not_equals: true } }] },
        data: { isStale: true, servableWhileStale: true },
      }),
    ])
  })

  it('saves a rendering with one upsert keyed by article, no longer stale, dated now', async () => {
    const { store, calls } = fakeMongo(null)
    const rendered = {
      slug: 'knee-pain',
      body: '{}',
      etag: '"e"',
      origin: 'https://a',
      reviewStatusChangesAt: null,
      reviewFlags: [],
      title: 'A',
      summary: null,
      publishedAt: null,
    }
    await store.save({
      articleId: 'a1',
      rendered: {
        ...rendered,
        variants: { gzip: Buffer.from('gzip bytes'), lz4: Buffer.from('lz4 bytes') },
      },
    })
    expect(calls.upsert).toEqual([
      expect.objectContaining({
        collection: 'published-articles',
        where: { article: { equals: 'a1' } },
        data: {
          ...rendered,
          // Kept compressed only: the packed body unpacks to it.
          body: null,
          bodyBr: null,
          bodyGzip: Buffer.from('gzip bytes').toString('base64'),
          bodyLz4: Buffer.from('lz4 bytes').toString('base64'),
          article: 'a1',
          needsReview: false,
          isStale: false,
          servableWhileStale: false,
          updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        },
      }),
    ])
  })

  it('keeps a rendering compressed only once its packed body is stored, and reads it back', async () => {
    const identity = '{"title":"Knee pain"}'
    const gzip = zlib.gzipSync(identity)
    const lz4 = compressSync(Buffer.from(identity))
    const { store, calls } = fakeMongo({
      article: 'a1',
      body: null,
      bodyGzip: gzip.toString('base64'),
      bodyLz4: lz4.toString('base64'),
      etag: '"e"',
    })
    const found = await store.findBySlug('knee-pain')
    expect(found?.body).toBeNull()
    expect(found && identityBody(found).toString()).toBe(identity)
    const br = Buffer.from('brotli bytes')
    await store.saveVariants({ articleId: 'a1', etag: '"e"', variants: { br, gzip, lz4 } })
    await store.saveVariants({ articleId: 'a1', etag: '"e"', variants: { br, gzip } })
    expect(calls.updateMany.map((call) => (call as { data: unknown }).data)).toEqual([
      {
        bodyBr: br.toString('base64'),
        bodyGzip: gzip.toString('base64'),
        bodyLz4: lz4.toString('base64'),
        body: null,
      },
      // Without a packed body the identity body stays: a request for identity reads it as it is.
      { bodyBr: br.toString('base64'), bodyGzip: gzip.toString('base64'), bodyLz4: null },
    ])
  })
})
