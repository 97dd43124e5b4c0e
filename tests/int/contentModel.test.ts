import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { ValidationError } from 'payload'

import { seedDemo } from '@/seed/seedDemo'
import { placeholderPng } from '@/seed/placeholderImage'
import { startTestPayload } from '../helpers/testPayload'
import type { TestPayload } from '../helpers/testPayload'

let t: TestPayload

beforeAll(async () => {
  t = await startTestPayload()
})

afterAll(async () => {
  await t?.close()
})

/** The messages Payload reports per field, as a person sees them next to the inputs. */
const fieldErrors = async (work: Promise<unknown>): Promise<Record<string, string>> => {
  try {
    await work
  } catch (error) {
    // By name, not class: the database adapter may throw from its own copy of Payload's module
    // graph when several test files share one Jest worker.
    expect((error as Error).name).toBe('ValidationError')
    const { errors } = (error as ValidationError).data
    return Object.fromEntries(errors.map((e) => [e.path, e.message]))
  }
  throw new Error('expected a validation error')
}

describe('sources', () => {
  it('rejects a DOI that does not look like 10.x/…', async () => {
    const errors = await fieldErrors(
      t.payload.create({
        collection: 'sources',
        data: { title: 'A study', sourceType: 'peer-reviewed-study', doi: 'doi.org/123' },
      }),
    )
    expect(errors.doi).toMatch(/10\.1002\/art\.34347/)
  })

  it('needs at least one of URL, DOI or PubMed ID', async () => {
    const errors = await fieldErrors(
      t.payload.create({
        collection: 'sources',
        data: { title: 'Hearsay', sourceType: 'tertiary' },
      }),
    )
    expect(Object.keys(errors).sort()).toEqual(['doi', 'pmid', 'url'])
    expect(errors.url).toMatch(/at least one of URL, DOI or PubMed ID/)
  })

  it('refuses javascript: URLs', async () => {
    const errors = await fieldErrors(
      t.payload.create({
        collection: 'sources',
        data: { title: 'Trap', sourceType: 'peer-reviewed-study', url: 'javascript:alert(1)' },
      }),
    )
    expect(errors.url).toMatch(/https:\/\//)
  })

  it('accepts a well-formed source', async () => {
    const source = await t.payload.create({
      collection: 'sources',
      data: {
        title: 'Fine',
        sourceType: 'systematic-review',
        doi: '10.1000/xyz123',
        pmid: '123456',
      },
    })
    expect(source.id).toBeDefined()
  })
})

describe('media', () => {
  it('requires alt text', async () => {
    const data = placeholderPng({ width: 2, height: 2, rgb: [0, 0, 0] })
    const errors = await fieldErrors(
      t.payload.create({
        collection: 'media',
        data: {} as { alt: string },
        file: { data, mimetype: 'image/png', name: 'no-alt.png', size: data.length },
      }),
    )
    expect(Object.keys(errors)).toEqual(['alt'])
  })
})

describe('articles', () => {
  it('generates the slug from the title', async () => {
    const article = await t.payload.create({
      collection: 'articles',
      data: { title: 'Ankle Sprains: What Helps?' },
      draft: true,
    })
    expect(article.slug).toBe('ankle-sprains-what-helps')
    expect(article.stage).toBe('draft')
  })

  it('refuses a duplicate slug with a message on the slug field', async () => {
    await t.payload.create({
      collection: 'articles',
      data: { title: 'Knee pain', slug: 'knee-pain' },
      draft: true,
    })
    const errors = await fieldErrors(
      t.payload.create({
        collection: 'articles',
        data: { title: 'Knee pain again', slug: 'knee-pain' },
        draft: true,
      }),
    )
    expect(Object.keys(errors)).toEqual(['slug'])
  })

  it('gets the default disclaimer when none is chosen', async () => {
    const disclaimer = await t.payload.create({
      collection: 'disclaimers',
      data: { title: 'General', text: [{ children: [{ text: 'Not advice.' }] }], isDefault: true },
    })
    const article = await t.payload.create({
      collection: 'articles',
      data: { title: 'Neck pain' },
      draft: true,
    })
    expect(article.disclaimer).toMatchObject({ id: disclaimer.id })
  })
})

describe('who reads what', () => {
  it('shows anonymous visitors published articles only, draft flag or not', async () => {
    const { docs: all } = await t.payload.find({ collection: 'articles', limit: 100, draft: true })
    expect(all.some((doc) => doc._status === 'draft')).toBe(true)

    for (const draft of [false, true]) {
      const { docs } = await t.payload.find({
        collection: 'articles',
        overrideAccess: false,
        draft,
        limit: 100,
      })
      expect(docs.every((doc) => doc._status === 'published')).toBe(true)
    }
    // Version history holds every draft: it is for the people working on the article only.
    await expect(
      t.payload.findVersions({ collection: 'articles', overrideAccess: false, limit: 100 }),
    ).rejects.toThrow(/not allowed/i)
  })

  it('never shows user accounts to anonymous visitors', async () => {
    await expect(t.payload.find({ collection: 'users', overrideAccess: false })).rejects.toThrow(
      /not allowed/i,
    )
  })
})

describe('the seed', () => {
  it('imports the article completely, and a second run changes nothing', async () => {
    const first = await seedDemo({
      payload: t.payload,
      demoPassword: 'a-long-demo-password',
      withDemoAccounts: true,
      reviewIntervalMonths: 24,
      now: new Date('2026-11-24T00:00:00.000Z'),
    })
    const second = await seedDemo({
      payload: t.payload,
      demoPassword: 'a-long-demo-password',
      withDemoAccounts: true,
      reviewIntervalMonths: 24,
    })
    expect(first.createdArticle).toBe(true)
    expect(second).toEqual({ ...first, createdArticle: false })
    const { totalDocs: users } = await t.payload.count({ collection: 'users' })
    expect(users).toBe(4)

    const article = await t.payload.findByID({
      collection: 'articles',
      id: first.articleId,
      depth: 2,
    })
    expect(article).toMatchObject({
      title: 'Causes of Lower Back Spasms',
      slug: 'causes-of-lower-back-spasms',
      stage: 'published',
      _status: 'published',
      publishedAt: '2022-05-30T00:00:00.000Z',
      lastReviewedAt: '2022-05-30T00:00:00.000Z',
      nextReviewDue: '2024-05-30T00:00:00.000Z',
      reviewStatus: 'overdue',
      author: {
        name: 'Nikita Mistry',
        profession: 'Physiotherapist',
        affiliation: 'Western Sydney University',
      },
      medicalReviewer: {
        honorific: 'Dr',
        name: 'Gina Arena',
        position: 'Research Fellow',
        affiliation: 'University of Western Australia',
      },
      topics: [{ name: 'Lower back', slug: 'lower-back' }],
      disclaimer: { title: 'Content Disclaimer', isDefault: true },
      heroImage: { alt: 'Woman sitting on a bed with lower back spasms causing pain' },
    })
    expect(article.sources).toHaveLength(2)
    const body = article.body as { type?: string }[]
    expect(body.filter((node) => node.type === 'h2')).toHaveLength(5)
    expect(body.filter((node) => node.type === 'ul')).toHaveLength(2)
    expect(article.keyMessages?.[0]?.message).toMatch(/^Back spasms are frustrating/)

    const writer = await t.payload.find({
      collection: 'users',
      where: { email: { equals: 'writer@example.com' } },
    })
    expect(writer.docs[0]).toMatchObject({ roles: ['writer'], author: { name: 'Nikita Mistry' } })
    const reviewer = await t.payload.find({
      collection: 'users',
      where: { email: { equals: 'reviewer@example.com' } },
    })
    expect(reviewer.docs[0]).toMatchObject({
      roles: ['reviewer'],
      medicalReviewer: { name: 'Gina Arena' },
    })
    const publisher = await t.payload.findGlobal({ slug: 'publisher' })
    expect(publisher.sourcingPolicy).toMatch(/We avoid using tertiary references/)
  })

  it('lets a demo account log in with the demo password', async () => {
    const { user } = await t.payload.login({
      collection: 'users',
      data: { email: 'editor@example.com', password: 'a-long-demo-password' },
    })
    expect(user?.roles).toEqual(['editor'])
  })
})
