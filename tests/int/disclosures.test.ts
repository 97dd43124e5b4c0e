/**
 * Disclosures in public: an author's and a reviewer's conflicts of interest are refused when they
 * contradict themselves, reach readers with the live article and the profiles (null until declared,
 * never read as "none declared"), and a change reaches the live rendering; the publisher's funding
 * and advertising statements travel with every article and its JSON-LD.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import Ajv2020 from 'ajv/dist/2020'
import addFormats from 'ajv-formats'
import type { Express } from 'express'
import request from 'supertest'

import type { Article } from '@payload-types'
import { openApiDocument } from '@/delivery/openApiDocument'
import { READ_MODEL_QUEUE } from '@/delivery/readModel/refreshJob'
import { identityBody, snapshotStore } from '@/db/readModelStore'
import { startTestPayload } from '../helpers/testPayload'
import type { TestPayload } from '../helpers/testPayload'

const PASSWORD = 'disclosures-password'
const ARTICLE = '/content/v1/articles/causes-of-lower-back-spasms'
const TODAY = `${new Date().toISOString().slice(0, 10)}T12:00:00.000Z`

let t: TestPayload
let app: Express
let seed: Article
const tokens = { editor: '', writer: '' }

const patch = (path: string, json: Record<string, unknown>, token = tokens.editor) =>
  t.rest(path, { method: 'PATCH', token, json })

const errorText = async (res: Response) => JSON.stringify(await res.json())

const read = async (path: string) => {
  const res = await request(app).get(path)
  expect(res.status).toBe(200)
  return res
}

beforeAll(async () => {
  t = await startTestPayload()
  const seedId = await t.seedDemo(PASSWORD)
  seed = await t.payload.findByID({ collection: 'articles', id: seedId, depth: 0 })
  tokens.editor = await t.logIn('editor@example.com', PASSWORD)
  tokens.writer = await t.logIn('writer@example.com', PASSWORD)
  app = t.app()
}, 60_000)

afterAll(async () => {
  await t?.close()
})

describe('before anyone declares anything', () => {
  it('the article and the profiles say null, not "none declared"', async () => {
    const article = (await read(ARTICLE)).body
    expect(article.author.disclosures).toBeNull()
    expect(article.medicalReviewer.disclosures).toBeNull()
    expect((await read('/content/v1/authors/nikita-mistry')).body.disclosures).toBeNull()
    expect((await read('/content/v1/reviewers/gina-arena')).body.disclosures).toBeNull()
  })
})

describe('a disclosure that contradicts itself', () => {
  const author = () => `/authors/${seed.author}`
  const refusals: [string, Record<string, unknown>, RegExp][] = [
    [
      '"Declared" without interests',
      { status: 'declared', statements: [], declaredAt: TODAY },
      /List at least one interest when the status is \\"Declared\\"/,
    ],
    [
      '"None declared" with interests',
      { status: 'none-declared', statements: [{ statement: 'Fees' }], declaredAt: TODAY },
      /\\"None declared\\" cannot list interests/,
    ],
    ['a status without its date', { status: 'none-declared' }, /Give the date/],
    [
      'a date in the future',
      { status: 'none-declared', declaredAt: '2099-01-01T12:00:00.000Z' },
      /\(2099-01-01\) cannot be in the future/,
    ],
    ['a date without a status', { declaredAt: TODAY }, /Choose \\"None declared\\" or/],
  ]

  it.each(refusals)('is refused with a 400 naming the problem: %s', async (_, value, message) => {
    const res = await patch(author(), { disclosures: value })
    expect(res.status).toBe(400)
    const text = await errorText(res)
    expect(text).toMatch(/ValidationError/)
    expect(text).toMatch(message)
    const stored = await t.payload.findByID({ collection: 'authors', id: seed.author as number })
    expect(stored.disclosures?.status ?? null).toBeNull()
  })

  it('cannot be changed by the person themselves: editors keep the profiles', async () => {
    const res = await patch(
      author(),
      { disclosures: { status: 'none-declared', declaredAt: TODAY } },
      tokens.writer,
    )
    expect(res.status).toBe(403)
    expect((await read(ARTICLE)).body.author.disclosures).toBeNull()
  })
})

describe('declared disclosures', () => {
  it('reach the live article at once, with a new ETag, and the profiles', async () => {
    const before = await read(ARTICLE)
    const reviewer = await patch(`/medical-reviewers/${seed.medicalReviewer}`, {
      qualifications: 'PhD, MPH',
      disclosures: {
        status: 'declared',
        statements: [
          { statement: 'Speaker fees from Acme Pharma (2025)' },
          { statement: 'Unpaid adviser to Back Pain Australia' },
        ],
        declaredAt: TODAY,
      },
    })
    expect(reviewer.status).toBe(200)
    const author = await patch(`/authors/${seed.author}`, {
      disclosures: { status: 'none-declared', declaredAt: TODAY },
    })
    expect(author.status).toBe(200)

    const after = await read(ARTICLE)
    expect(after.headers.etag).not.toBe(before.headers.etag)
    expect(after.body.medicalReviewer).toMatchObject({
      name: 'Gina Arena',
      qualifications: 'PhD, MPH',
      disclosures: {
        status: 'declared',
        statements: [
          'Speaker fees from Acme Pharma (2025)',
          'Unpaid adviser to Back Pain Australia',
        ],
        declaredAt: TODAY,
      },
    })
    expect(after.body.author.disclosures).toEqual({
      status: 'none-declared',
      statements: [],
      declaredAt: TODAY,
    })
    expect((await read('/content/v1/reviewers/gina-arena')).body).toMatchObject({
      qualifications: 'PhD, MPH',
      disclosures: { status: 'declared', declaredAt: TODAY },
    })
    expect((await read('/content/v1/authors/nikita-mistry')).body.disclosures).toEqual(
      after.body.author.disclosures,
    )
  })

  it('mark the live rendering stale, and the refresh job renders it before anyone reads it', async () => {
    const stored = async () => {
      const row = await snapshotStore(t.payload).findBySlug('causes-of-lower-back-spasms')
      if (!row) {
        throw new Error('No rendering stored')
      }
      return {
        isStale: row.isStale,
        author: JSON.parse(identityBody(row).toString()).author.disclosures,
      }
    }
    expect(await stored()).toMatchObject({
      isStale: false,
      author: { status: 'none-declared' },
    })
    const res = await patch(`/authors/${seed.author}`, {
      disclosures: {
        status: 'declared',
        statements: [{ statement: 'Co-owner of a physiotherapy clinic' }],
        declaredAt: TODAY,
      },
    })
    expect(res.status).toBe(200)
    expect(await stored()).toMatchObject({ isStale: true, author: { status: 'none-declared' } })
    // The refresh job renders stale articles in the background; run it as a worker would.
    await t.payload.jobs.run({ queue: READ_MODEL_QUEUE })
    expect(await stored()).toEqual({
      isStale: false,
      author: {
        status: 'declared',
        statements: ['Co-owner of a physiotherapy clinic'],
        declaredAt: TODAY,
      },
    })
  })
})

describe("the publisher's statements", () => {
  it('travel with every article and in its JSON-LD (funding as ownershipFundingInfo)', async () => {
    const res = await t.rest('/globals/publisher', {
      method: 'POST',
      token: tokens.editor,
      json: {
        fundingStatement: 'Owned by BookPhysio Pty Ltd and funded by clinic bookings.',
        advertisingPolicy: 'We carry no advertising and no sponsored content.',
      },
    })
    expect(res.status).toBe(200)
    // The publisher's block is presentation: readers have the article as it was until the
    // refresh job (queued by the save) has rendered it again.
    expect((await read(ARTICLE)).body.publisher.fundingStatement).toBeNull()
    await t.payload.jobs.run({ queue: READ_MODEL_QUEUE })
    const article = (await read(ARTICLE)).body
    expect(article.publisher).toMatchObject({
      name: 'BookPhysio.com',
      fundingStatement: 'Owned by BookPhysio Pty Ltd and funded by clinic bookings.',
      advertisingPolicy: 'We carry no advertising and no sponsored content.',
    })
    expect(article.jsonLd.publisher).toMatchObject({
      '@type': 'Organization',
      ownershipFundingInfo: 'Owned by BookPhysio Pty Ltd and funded by clinic bookings.',
    })
    expect(JSON.stringify(article.jsonLd)).not.toContain('no advertising')
  })

  it('and the answers still match the OpenAPI schemas under strict ajv', async () => {
    const { components } = openApiDocument({ origin: 'http://x' })
    const ajv = new Ajv2020({ strict: true, allowUnionTypes: true })
    addFormats(ajv)
    const defs = JSON.parse(
      JSON.stringify(components.schemas).replaceAll('#/components/schemas/', '#/$defs/'),
    )
    ajv.addSchema({ $id: 'delivery', $defs: defs })
    for (const [url, schema] of [
      [ARTICLE, 'PublishedArticle'],
      ['/content/v1/authors/nikita-mistry', 'AuthorProfile'],
      ['/content/v1/reviewers/gina-arena', 'ReviewerProfile'],
    ] as const) {
      const validate = ajv.getSchema(`delivery#/$defs/${schema}`)
      const body = (await read(url)).body
      expect({ url, valid: validate?.(body), errors: validate?.errors ?? [] }).toEqual({
        url,
        valid: true,
        errors: [],
      })
    }
  })
})
