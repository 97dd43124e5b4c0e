/**
 * Structured data that search engines accept: the seed article's JSON-LD names the public site's
 * pages, typed topics, people with their titles and credentials, citations with identifiers, and
 * images on the media origin; changing the public URLs re-renders an article when it is next read.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Express } from 'express'
import type { MedicalWebPage, Organization, Person, WithContext } from 'schema-dts'
import request from 'supertest'

import type { Article } from '@payload-types'
import { READ_MODEL_QUEUE } from '@/delivery/readModel/refreshJob'
import { PUBLISHED_ARTICLES } from '@/shared/collections'
import { seedArticle } from '@/seed/fixture'
import { startTestPayload } from '../helpers/testPayload'
import type { TestPayload } from '../helpers/testPayload'

const PASSWORD = 'structured-data-password'
const SLUG = 'causes-of-lower-back-spasms'
const ARTICLE = `/content/v1/articles/${SLUG}`
const SITE = 'https://www.example.org'
const PAGE = `${SITE}/articles/${SLUG}`
const SETTINGS = {
  PUBLIC_ARTICLE_URL: `${SITE}/articles/{slug}`,
  PUBLIC_TOPIC_URL: `${SITE}/topics/{slug}`,
  PUBLIC_AUTHOR_URL: `${SITE}/authors/{slug}`,
  PUBLIC_REVIEWER_URL: `${SITE}/reviewers/{slug}`,
  PUBLIC_MEDIA_URL: 'https://cdn.example.org',
  CONTENT_LANGUAGE: 'en-AU',
}

let t: TestPayload
let app: Express
let seed: Article
const tokens: Record<string, string> = {}

const publishNew = (title: string, extra: Partial<Article> = {}) =>
  t.publishLikeSeed({
    title,
    extra,
    tokens: tokens as Record<'writer' | 'reviewer' | 'editor', string>,
  })

/** An editor's change through Payload's REST door, as the admin makes it. */
const asEditor = (path: string, method: 'PATCH' | 'POST', json: Record<string, unknown>) =>
  t.rest(path, { method, token: tokens.editor, json })

/** The stored renderings: which settings each was made for, and when. */
const renderings = async () =>
  (
    await t.payload.find({
      collection: PUBLISHED_ARTICLES,
      depth: 0,
      pagination: false,
      overrideAccess: true,
      sort: 'slug',
    })
  ).docs.map((doc) => ({ slug: doc.slug, origin: doc.origin, updatedAt: doc.updatedAt }))

beforeAll(async () => {
  Object.assign(process.env, SETTINGS)
  t = await startTestPayload()
  const seedId = await t.seedDemo(PASSWORD)
  seed = await t.payload.findByID({ collection: 'articles', id: seedId, depth: 0 })
  for (const who of ['editor', 'writer', 'reviewer']) {
    tokens[who] = await t.logIn(`${who}@example.com`, PASSWORD)
  }
  app = t.app()
})

afterAll(async () => {
  for (const name of Object.keys(SETTINGS)) {
    delete process.env[name]
  }
  await t?.close()
})

describe("the seed article's JSON-LD", () => {
  it('is a schema.org MedicalWebPage with every property a search engine reads', async () => {
    const res = await request(app).get(ARTICLE)
    expect(res.status).toBe(200)
    const versions = await t.payload.findVersions({
      collection: 'articles',
      where: { parent: { equals: seed.id } },
    })
    const imported = versions.docs[0]?.createdAt.slice(0, 10)
    // Typed: a property schema.org does not have, or a wrong shape, fails `tsc`.
    const expected: WithContext<MedicalWebPage> = {
      '@context': 'https://schema.org',
      '@type': 'MedicalWebPage',
      '@id': PAGE,
      url: PAGE,
      mainEntityOfPage: PAGE,
      headline: 'Causes of Lower Back Spasms',
      name: 'Causes of Lower Back Spasms',
      description: seedArticle.summary,
      inLanguage: 'en-AU',
      image: res.body.heroImage.url as string,
      author: {
        '@type': 'Person',
        name: 'Nikita Mistry',
        url: `${SITE}/authors/nikita-mistry`,
        jobTitle: 'Physiotherapist',
        affiliation: { '@type': 'Organization', name: 'Western Sydney University' },
      },
      reviewedBy: {
        '@type': 'Person',
        name: 'Gina Arena',
        url: `${SITE}/reviewers/gina-arena`,
        honorificPrefix: 'Dr',
        jobTitle: 'Research Fellow',
        affiliation: { '@type': 'Organization', name: 'University of Western Australia' },
      },
      lastReviewed: '2022-05-30',
      datePublished: '2022-05-30',
      // Its live version was published here when the seed imported it.
      dateModified: imported,
      medicalAudience: { '@type': 'Patient' },
      citation: [
        {
          '@type': 'ScholarlyArticle',
          name: 'A systematic review of the global prevalence of low back pain',
          author: [
            { '@type': 'Person', name: 'Hoy D' },
            { '@type': 'Person', name: 'Bain C' },
            { '@type': 'Person', name: 'Williams G' },
            { '@type': 'Person', name: 'March L' },
            { '@type': 'Person', name: 'Brooks P' },
            { '@type': 'Person', name: 'Blyth F' },
            { '@type': 'Person', name: 'Woolf A' },
            { '@type': 'Person', name: 'Vos T' },
            { '@type': 'Person', name: 'Buchbinder R' },
          ],
          datePublished: '2012',
          url: 'https://doi.org/10.1002/art.34347',
          identifier: [
            {
              '@type': 'PropertyValue',
              propertyID: 'DOI',
              value: '10.1002/art.34347',
              url: 'https://doi.org/10.1002/art.34347',
            },
            {
              '@type': 'PropertyValue',
              propertyID: 'PMID',
              value: '22231424',
              url: 'https://pubmed.ncbi.nlm.nih.gov/22231424/',
            },
          ],
          isPartOf: { '@type': 'Periodical', name: 'Arthritis & Rheumatism' },
        },
        {
          '@type': 'CreativeWork',
          name: 'Back problems',
          author: [{ '@type': 'Organization', name: 'Australian Institute of Health and Welfare' }],
          datePublished: '2020',
          url: 'https://www.aihw.gov.au/reports/chronic-musculoskeletal-conditions/back-problems',
          publisher: {
            '@type': 'Organization',
            name: 'Australian Institute of Health and Welfare',
          },
        },
      ],
      about: [
        { '@type': 'AnatomicalStructure', name: 'Lower back', url: `${SITE}/topics/lower-back` },
      ],
      publisher: { '@type': 'Organization', name: 'BookPhysio.com' },
    }
    expect(imported).toMatch(/^\d{4}-\d\d-\d\d$/)
    expect(expected.image).toMatch(/^https:\/\/cdn\.example\.org\/api\/media\/file\/.+\.png$/)
    expect(res.body.jsonLd).toEqual(expected)
  })

  it('names the public page in url, @id and mainEntityOfPage, from PUBLIC_ARTICLE_URL', async () => {
    const res = await request(app).get(ARTICLE)
    expect(res.body.url).toBe(PAGE)
    expect(res.body.jsonLd).toMatchObject({ url: PAGE, '@id': PAGE, mainEntityOfPage: PAGE })
    expect(JSON.stringify(res.body.jsonLd)).not.toContain('/content/v1/')
  })

  it('gives image URLs on PUBLIC_MEDIA_URL, in the API and the JSON-LD alike', async () => {
    const res = await request(app).get(ARTICLE)
    expect(res.body.heroImage.url).toMatch(/^https:\/\/cdn\.example\.org\/api\/media\/file\//)
    expect(res.body.jsonLd.image).toBe(res.body.heroImage.url)
  })
})

describe('people', () => {
  it("gives the reviewer's plain name with the honorific beside it, and each person's public URL", async () => {
    const article = (await request(app).get(ARTICLE)).body
    expect(article.medicalReviewer).toMatchObject({
      name: 'Gina Arena',
      honorific: 'Dr',
      url: `${SITE}/reviewers/gina-arena`,
    })
    expect(article.author).toMatchObject({
      name: 'Nikita Mistry',
      url: `${SITE}/authors/nikita-mistry`,
    })
    const profile = (await request(app).get('/content/v1/reviewers/gina-arena')).body
    expect(profile).toMatchObject({
      name: 'Gina Arena',
      honorific: 'Dr',
      url: `${SITE}/reviewers/gina-arena`,
    })
    expect(profile.articles[0]).toMatchObject({
      url: PAGE,
      author: { url: `${SITE}/authors/nikita-mistry` },
      topics: [{ name: 'Lower back', url: `${SITE}/topics/lower-back` }],
    })
  })

  it('refuses a title at the start of a stored name when the honorific is set (400, what to write)', async () => {
    for (const name of ['Dr Gina Arena', 'Dr. Gina Arena', 'Prof Gina Arena']) {
      const res = await asEditor(`/medical-reviewers/${seed.medicalReviewer}`, 'PATCH', { name })
      expect(res.status).toBe(400)
      expect(JSON.stringify(await res.json())).toContain(
        'Write the name without a title (\\"Gina Arena\\"): \\"Dr\\" is in Honorific',
      )
    }
    const stored = await t.payload.findByID({
      collection: 'medical-reviewers',
      id: seed.medicalReviewer as number,
    })
    expect(stored.name).toBe('Gina Arena')
  })

  it("lists the reviewer's qualifications as credentials", async () => {
    const res = await asEditor(`/medical-reviewers/${seed.medicalReviewer}`, 'PATCH', {
      qualifications: 'PhD, MPH',
    })
    expect(res.status).toBe(200)
    const { jsonLd, medicalReviewer } = (await request(app).get(ARTICLE)).body
    expect(medicalReviewer.qualifications).toBe('PhD, MPH')
    expect(jsonLd.reviewedBy.hasCredential).toEqual([
      { '@type': 'EducationalOccupationalCredential', name: 'PhD' },
      { '@type': 'EducationalOccupationalCredential', name: 'MPH' },
    ])
  })
})

describe('topics, audience and publisher', () => {
  it('types each topic as its editor chose (Thing by default), and says who the article is for', async () => {
    const topic = async (data: Record<string, unknown>) => {
      const res = await asEditor('/topics', 'POST', data)
      expect(res.status).toBe(201)
      return ((await res.json()) as { doc: { id: number } }).doc.id
    }
    const sciatica = await topic({ name: 'Sciatica', schemaType: 'MedicalCondition' })
    const exercise = await topic({ name: 'Exercise' })
    await publishNew('Sciatica for clinicians', {
      topics: [...(seed.topics as number[]), sciatica, exercise],
      audience: 'clinician',
    })
    const res = await request(app).get('/content/v1/articles/sciatica-for-clinicians')
    expect(res.status).toBe(200)
    expect(res.body.audience).toBe('clinician')
    expect(res.body.jsonLd.medicalAudience).toEqual({
      '@type': 'MedicalAudience',
      audienceType: 'Clinician',
    })
    expect(res.body.jsonLd.about).toEqual([
      { '@type': 'AnatomicalStructure', name: 'Lower back', url: `${SITE}/topics/lower-back` },
      { '@type': 'MedicalCondition', name: 'Sciatica', url: `${SITE}/topics/sciatica` },
      { '@type': 'Thing', name: 'Exercise', url: `${SITE}/topics/exercise` },
    ])
    const today = new Date().toISOString().slice(0, 10)
    expect(res.body.jsonLd).toMatchObject({ datePublished: today, dateModified: today })
    const topics = (await request(app).get('/content/v1/topics')).body.docs
    expect(topics).toContainEqual({
      name: 'Sciatica',
      slug: 'sciatica',
      url: `${SITE}/topics/sciatica`,
    })
  })

  it("shows the publisher's logo; a logo URL that is not http(s) is refused", async () => {
    const bad = await asEditor('/globals/publisher', 'POST', { logoUrl: 'javascript:alert(1)' })
    expect(bad.status).toBe(400)
    const res = await asEditor('/globals/publisher', 'POST', {
      logoUrl: `${SITE}/logo.png`,
      editorialPolicyUrl: `${SITE}/editorial-policy`,
    })
    expect(res.status).toBe(200)
    // The publisher is presentation: the articles show it once the refresh job has run.
    await t.payload.jobs.run({ queue: READ_MODEL_QUEUE })
    expect((await request(app).get(ARTICLE)).body.jsonLd.publisher).toEqual({
      '@type': 'Organization',
      name: 'BookPhysio.com',
      logo: { '@type': 'ImageObject', url: `${SITE}/logo.png` },
      publishingPrinciples: `${SITE}/editorial-policy`,
    })
  })
})

describe('disclosures and funding', () => {
  it("gives the publisher's funding statement as ownershipFundingInfo, and no advertising property", async () => {
    const res = await asEditor('/globals/publisher', 'POST', {
      fundingStatement: 'Owned and funded by BookPhysio Pty Ltd.',
      advertisingPolicy: 'No advertising.',
    })
    expect(res.status).toBe(200)
    await t.payload.jobs.run({ queue: READ_MODEL_QUEUE })
    const { jsonLd, publisher } = (await request(app).get(ARTICLE)).body
    // Typed: ownershipFundingInfo is a property schema.org gives an Organization.
    const expected: Organization = {
      '@type': 'Organization',
      name: 'BookPhysio.com',
      ownershipFundingInfo: 'Owned and funded by BookPhysio Pty Ltd.',
    }
    expect(jsonLd.publisher).toMatchObject(expected)
    expect(publisher.advertisingPolicy).toBe('No advertising.')
    expect(JSON.stringify(jsonLd)).not.toContain('No advertising.')
  })

  it("keeps a person's conflicts of interest out of the Person: schema.org has no property for them", async () => {
    const res = await asEditor(`/authors/${seed.author}`, 'PATCH', {
      disclosures: {
        status: 'declared',
        statements: [{ statement: 'Shareholder in a clinic chain' }],
        declaredAt: new Date().toISOString(),
      },
    })
    expect(res.status).toBe(200)
    const { jsonLd, author } = (await request(app).get(ARTICLE)).body
    expect(author.disclosures.statements).toEqual(['Shareholder in a clinic chain'])
    const expected: Person = {
      '@type': 'Person',
      name: 'Nikita Mistry',
      url: `${SITE}/authors/nikita-mistry`,
      jobTitle: 'Physiotherapist',
      affiliation: { '@type': 'Organization', name: 'Western Sydney University' },
    }
    expect(jsonLd.author).toEqual(expected)
  })
})

describe('a change of PUBLIC_ARTICLE_URL', () => {
  it('changes the served JSON-LD and its ETag, rendering an article again only when it is read', async () => {
    const before = await request(app).get(ARTICLE)
    expect(before.body.jsonLd.url).toBe(PAGE)
    const stored = await renderings()
    expect(stored.length).toBeGreaterThan(1)

    // A restart with the new setting: a new app, the same database.
    process.env.PUBLIC_ARTICLE_URL = 'https://health.example.com/read/{slug}'
    try {
      const restarted = t.app()
      expect(await renderings()).toEqual(stored)

      const after = await request(restarted).get(ARTICLE)
      const moved = `https://health.example.com/read/${SLUG}`
      expect(after.body.url).toBe(moved)
      expect(after.body.jsonLd).toMatchObject({ url: moved, '@id': moved, mainEntityOfPage: moved })
      expect(after.headers.etag).not.toBe(before.headers.etag)
      const stale = await request(restarted)
        .get(ARTICLE)
        .set('If-None-Match', before.headers.etag as string)
      expect(stale.status).toBe(200)
      const again = await request(restarted)
        .get(ARTICLE)
        .set('If-None-Match', after.headers.etag as string)
      expect(again.status).toBe(304)

      // Only the article that was read was rendered again.
      const now = await renderings()
      expect(now.filter((row) => row.slug !== SLUG)).toEqual(
        stored.filter((row) => row.slug !== SLUG),
      )
      expect(now.find((row) => row.slug === SLUG)?.origin).not.toBe(
        stored.find((row) => row.slug === SLUG)?.origin,
      )
    } finally {
      process.env.PUBLIC_ARTICLE_URL = SETTINGS.PUBLIC_ARTICLE_URL
    }
  })
})
