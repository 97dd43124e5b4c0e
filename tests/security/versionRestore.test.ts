/**
 * Payload's own version restore (REST, GraphQL, the admin's Restore button) can never take a live
 * article offline or skip review: the restored content becomes a new draft, the live version keeps
 * serving, and an archived article comes back only for the people who may restore it.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import request from 'supertest'

import { startTestPayload } from '../helpers/testPayload'
import type { TestPayload } from '../helpers/testPayload'

const PASSWORD = 'version-restore-password'
const SLUG = 'causes-of-lower-back-spasms'
let t: TestPayload
let articleId = 0
const tokens: Record<'writer' | 'editor' | 'reviewer', string> = {
  writer: '',
  editor: '',
  reviewer: '',
}

const versionsOf = async (id: number) =>
  (
    await t.payload.findVersions({
      collection: 'articles',
      where: { parent: { equals: id } },
      sort: '-updatedAt',
      depth: 0,
      limit: 100,
    })
  ).docs

/** What a reader sees: the REST document, the REST list and the delivery API. */
const readerSees = async (id: number, slug: string) => {
  const app = t.app()
  const doc = await t.rest(`/articles/${id}?depth=0`)
  const list = (await (await t.rest(`/articles?depth=0&limit=100`)).json()) as {
    docs: { id: number }[]
  }
  const delivery = await request(app).get(`/content/v1/articles/${slug}`)
  return {
    rest: doc.status,
    listed: list.docs.some((d) => d.id === id),
    delivery: delivery.status,
    summary: (delivery.body as { summary?: string }).summary ?? null,
  }
}

/** The writer edits the live article: a draft version appears beside the live one. */
const draftEdit = async (summary: string) => {
  const res = await t.rest(`/articles/${articleId}?draft=true`, {
    method: 'PATCH',
    token: tokens.writer,
    json: { summary },
  })
  expect(res.status).toBe(200)
  const latest = (await versionsOf(articleId))[0]
  expect(latest?.version._status).toBe('draft')
  return latest as NonNullable<typeof latest>
}

beforeAll(async () => {
  t = await startTestPayload()
  articleId = await t.seedDemo(PASSWORD)
  for (const role of ['writer', 'editor', 'reviewer'] as const) {
    tokens[role] = await t.logIn(`${role}@example.com`, PASSWORD)
  }
}, 60_000)

afterAll(async () => {
  await t?.close()
})

describe("restoring a draft version of a live article with Payload's restore", () => {
  it('through REST keeps the live version serving and saves the restored content as a draft', async () => {
    const before = await readerSees(articleId, SLUG)
    expect(before).toMatchObject({ rest: 200, listed: true, delivery: 200 })
    const draft = await draftEdit('A draft the writer restores over REST.')

    const res = await t.rest(`/articles/versions/${draft.id}`, {
      method: 'POST',
      token: tokens.writer,
    })
    expect(res.status).toBe(200)

    expect(await readerSees(articleId, SLUG)).toEqual(before)
    const latest = (await versionsOf(articleId))[0]
    expect(latest?.version).toMatchObject({ _status: 'draft', stage: 'draft' })
    expect(latest?.version.summary).toBe('A draft the writer restores over REST.')
    const live = await t.payload.findByID({ collection: 'articles', id: articleId, depth: 0 })
    expect(live).toMatchObject({ _status: 'published', stage: 'published' })
  })

  it('through GraphQL does the same', async () => {
    const before = await readerSees(articleId, SLUG)
    const draft = await draftEdit('A draft the writer restores over GraphQL.')
    const answer = await t.graphql(
      `mutation { restoreVersionArticle(id: ${draft.id}) { id } }`,
      tokens.writer,
    )
    expect(answer.errors).toBeUndefined()
    expect(await readerSees(articleId, SLUG)).toEqual(before)
    expect((await versionsOf(articleId))[0]?.version).toMatchObject({
      _status: 'draft',
      stage: 'draft',
    })
  })

  it('of the published version itself gives a draft to review, not a second publish', async () => {
    const before = await readerSees(articleId, SLUG)
    const published = (await versionsOf(articleId)).find((v) => v.version._status === 'published')
    const res = await t.rest(`/articles/versions/${published?.id}?draft=false`, {
      method: 'POST',
      token: tokens.writer,
    })
    expect(res.status).toBe(200)
    expect(await readerSees(articleId, SLUG)).toEqual(before)
    expect((await versionsOf(articleId))[0]?.version).toMatchObject({
      _status: 'draft',
      stage: 'draft',
    })
    // Nothing was recorded as a decision: a restore is an edit, not a review.
    const records = await t.payload.find({
      collection: 'review-records',
      where: { article: { equals: articleId } },
      depth: 0,
    })
    expect(records.docs.map((record) => record.action)).not.toContain('archive')
  })
})

describe('restoring a version of an archived article', () => {
  it('is for those who may restore it through the workflow', async () => {
    const article = await t.publishLikeSeed({ title: 'Sciatica and lower back pain', tokens })
    const archived = await t.rest(`/articles/${article.id}/workflow`, {
      method: 'POST',
      token: tokens.editor,
      json: { action: 'archive' },
    })
    expect(archived.status).toBe(200)
    const stageNow = async () =>
      (await t.payload.findByID({ collection: 'articles', id: article.id, draft: true })).stage
    const published = (await versionsOf(article.id)).find((v) => v.version.stage === 'published')

    const byWriter = await t.rest(`/articles/versions/${published?.id}`, {
      method: 'POST',
      token: tokens.writer,
    })
    expect(byWriter.status).toBe(403)
    expect(await stageNow()).toBe('archived')

    const byEditor = await t.rest(`/articles/versions/${published?.id}`, {
      method: 'POST',
      token: tokens.editor,
    })
    expect(byEditor.status).toBe(200)
    expect(await stageNow()).toBe('draft')
    // Restored, not republished: readers still do not see it.
    expect((await readerSees(article.id, article.slug as string)).delivery).toBe(404)
  })
})
