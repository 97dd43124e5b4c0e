import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import type { Article, User } from '@payload-types'
import { seedDemo } from '@/seed/seedDemo'
import { startTestPayload } from '../helpers/testPayload'
import type { TestPayload } from '../helpers/testPayload'
import { contentOf } from '../helpers/articleContent'
import { decide } from '../helpers/decision'

const PASSWORD = 'workflow-test-password'
let t: TestPayload
let seedId: number
const tokens: Record<string, string> = {}
const users: Record<string, User> = {}

const login = async (email: string): Promise<void> => {
  const res = await t.rest('/users/login', { method: 'POST', json: { email, password: PASSWORD } })
  expect(res.status).toBe(200)
  const body = (await res.json()) as { token: string; user: User }
  const name = email.split('@')[0] as string
  tokens[name] = body.token
  users[name] = body.user
}

const workflow = async (id: number | string, as: string, action: string, note?: string) => {
  const res = await decide({ rest: t.rest, id, token: tokens[as], action, note })
  return {
    status: res.status,
    body: (await res.json()) as Record<string, unknown> & { errors?: { code: string }[] },
  }
}

const codes = (body: { errors?: { code: string }[] }) => body.errors?.map((e) => e.code)

const records = async (articleId: number | string) =>
  (
    await t.payload.find({
      collection: 'review-records',
      where: { article: { equals: articleId } },
      sort: 'at',
      limit: 100,
    })
  ).docs

/** What an anonymous reader gets from Payload's REST API for this article. */
const publicTitle = async (id: number | string, draft = false) => {
  const res = await t.rest(`/articles/${id}?depth=0${draft ? '&draft=true' : ''}`)
  return res.status === 200 ? ((await res.json()) as Article).title : res.status
}

beforeAll(async () => {
  t = await startTestPayload()
  const seeded = await seedDemo({
    payload: t.payload,
    demoPassword: PASSWORD,
    withDemoAccounts: true,
    reviewIntervalMonths: 24,
  })
  seedId = seeded.articleId as number
  for (const who of ['admin', 'editor', 'writer', 'reviewer']) {
    await login(`${who}@example.com`)
  }
})

afterAll(async () => {
  await t?.close()
})

describe('the seed article through the whole workflow', () => {
  it('goes published → archived → draft → in_review → changes_requested → in_review → approved → published', async () => {
    expect((await workflow(seedId, 'editor', 'archive')).body.stage).toBe('archived')
    expect(await publicTitle(seedId)).toBe(404)
    expect((await workflow(seedId, 'editor', 'restore')).body.stage).toBe('draft')
    expect((await workflow(seedId, 'writer', 'submit')).body.stage).toBe('in_review')

    const noNote = await workflow(seedId, 'reviewer', 'request-changes')
    expect(noNote.status).toBe(400)
    expect(codes(noNote.body)).toEqual(['NOTE_REQUIRED'])
    const changes = await workflow(
      seedId,
      'reviewer',
      'request-changes',
      'Cite a guideline for NSAIDs.',
    )
    expect(changes.body.stage).toBe('changes_requested')

    const edit = await t.rest(`/articles/${seedId}?draft=true`, {
      method: 'PATCH',
      token: tokens.writer,
      json: { summary: 'Why lower back spasms happen and what helps.' },
    })
    expect(edit.status).toBe(200)
    expect((await workflow(seedId, 'writer', 'submit')).body.stage).toBe('in_review')

    const approved = await workflow(seedId, 'reviewer', 'approve')
    expect(approved.status).toBe(200)
    expect(approved.body.stage).toBe('approved')
    const reviewedAt = new Date(approved.body.lastReviewedAt as string)
    expect(Date.now() - reviewedAt.getTime()).toBeLessThan(60_000)
    const due = new Date(approved.body.nextReviewDue as string)
    expect(due.getUTCFullYear()).toBe(reviewedAt.getUTCFullYear() + 2)

    const published = await workflow(seedId, 'editor', 'publish')
    expect(published.status).toBe(200)
    expect(published.body).toMatchObject({ stage: 'published', _status: 'published' })
    // First published in 2022: republishing keeps that date.
    expect(published.body.publishedAt).toBe('2022-05-30T00:00:00.000Z')
    const live = (await (await t.rest(`/articles/${seedId}?depth=0`)).json()) as Article
    expect(live.summary).toBe('Why lower back spasms happen and what helps.')

    const history = await records(seedId)
    expect(history.map((r) => r.action)).toEqual([
      'archive',
      'restore',
      'submit',
      'request-changes',
      'submit',
      'approve',
      'publish',
    ])
    expect(history[3]).toMatchObject({
      note: 'Cite a guideline for NSAIDs.',
      actorName: 'Gina Arena',
    })
    expect(history[5]?.fingerprint).toBe(history[6]?.fingerprint)
    expect(history.every((r) => typeof r.versionId === 'string')).toBe(true)
  })
})

describe('refusals through the endpoint', () => {
  let draftId: number

  beforeAll(async () => {
    const seed = await t.payload.findByID({ collection: 'articles', id: seedId, depth: 0 })
    const res = await t.rest('/articles?draft=true', {
      method: 'POST',
      token: tokens.writer,
      json: {
        ...contentOf(seed),
        title: 'Sciatica: what helps',
        summary: 'Leg pain from the back.',
        medicalReviewer: null,
      },
    })
    draftId = ((await res.json()) as { doc: Article }).doc.id
  })

  it('UNKNOWN_ACTION and NOT_ALLOWED_FROM_STAGE', async () => {
    const unknown = await workflow(draftId, 'editor', 'teleport')
    expect(unknown.status).toBe(400)
    expect(codes(unknown.body)).toEqual(['UNKNOWN_ACTION'])
    const early = await workflow(draftId, 'editor', 'publish')
    expect(early.status).toBe(409)
    expect(codes(early.body)).toEqual(['NOT_ALLOWED_FROM_STAGE'])
  })

  it('ROLE_NOT_ALLOWED: a writer cannot approve; a reviewer cannot even see a draft before review', async () => {
    expect((await workflow(draftId, 'reviewer', 'approve')).status).toBe(404)
    const submitted = await workflow(draftId, 'writer', 'submit')
    expect(submitted.body.stage).toBe('in_review')
    const writerApproves = await workflow(draftId, 'writer', 'approve')
    expect(writerApproves.status).toBe(403)
    expect(codes(writerApproves.body)).toEqual(['ROLE_NOT_ALLOWED'])
  })

  it('SELF_REVIEW: a reviewer who wrote the article cannot approve it', async () => {
    await t.addAccount({
      name: 'Sam Both',
      email: 'sam@example.com',
      password: PASSWORD,
      roles: ['writer', 'reviewer'],
    })
    await login('sam@example.com')
    const seed = await t.payload.findByID({ collection: 'articles', id: seedId, depth: 0 })
    const res = await t.rest('/articles?draft=true', {
      method: 'POST',
      token: tokens.sam,
      json: {
        ...contentOf(seed),
        title: 'Own work',
        author: (await t.payload.create({ collection: 'authors', data: { name: 'Sam Both' } })).id,
        medicalReviewer: null,
      },
    })
    const own = ((await res.json()) as { doc: Article }).doc
    expect((await workflow(own.id, 'sam', 'submit')).body.stage).toBe('in_review')
    const self = await workflow(own.id, 'sam', 'approve')
    expect(self.status).toBe(403)
    expect(codes(self.body)).toEqual(['SELF_REVIEW'])
  })

  it('REVIEWER_CREDENTIALS_EXPIRED', async () => {
    const reviewer = users.reviewer as User
    const profileId = (reviewer.medicalReviewer as { id: number }).id ?? reviewer.medicalReviewer
    await t.payload.update({
      collection: 'medical-reviewers',
      id: profileId,
      data: { credentialsVerifiedUntil: '2020-01-01T00:00:00.000Z' },
    })
    const expired = await workflow(draftId, 'reviewer', 'approve')
    expect(expired.status).toBe(403)
    expect(codes(expired.body)).toEqual(['REVIEWER_CREDENTIALS_EXPIRED'])
    await t.payload.update({
      collection: 'medical-reviewers',
      id: profileId,
      data: { credentialsVerifiedUntil: '2099-01-01T00:00:00.000Z' },
    })
  })

  it('PUBLISH_RULES_FAILED at submit lists each failing rule, and nothing changes', async () => {
    // An editor has no author profile to be credited by default.
    const res = await t.rest('/articles?draft=true', {
      method: 'POST',
      token: tokens.editor,
      json: { title: 'Piriformis syndrome, unready', summary: 'Buttock pain.' },
    })
    const { doc } = (await res.json()) as { doc: Article }
    const refused = await workflow(doc.id, 'editor', 'submit')
    expect(refused.status).toBe(409)
    const [error] = refused.body.errors as { code: string; rules: { rule: string }[] }[]
    expect(error?.code).toBe('PUBLISH_RULES_FAILED')
    // The default disclaimer was attached when the article was created; a reviewer is assigned
    // by taking the review up.
    expect(error?.rules.map((r) => r.rule)).toEqual(['author', 'sources'])
    const after = await t.payload.findByID({ collection: 'articles', id: doc.id, draft: true })
    expect(after.stage).toBe('draft')
    expect(await records(doc.id)).toEqual([])
  })

  it('answers 401 to anonymous callers and 404 for articles the caller cannot see', async () => {
    const anonymous = await t.rest(`/articles/${draftId}/workflow`, {
      method: 'POST',
      json: { action: 'submit' },
    })
    expect(anonymous.status).toBe(401)
    await t.payload.create({
      collection: 'users',
      data: {
        name: 'Other Writer',
        email: 'other@example.com',
        password: PASSWORD,
        roles: ['writer'],
      },
    })
    await login('other@example.com')
    expect((await workflow(draftId, 'other', 'submit')).status).toBe(404)
  })
})

describe("Payload's own doors obey the same table", () => {
  it('refuses a writer publishing through REST `_status: published`, changing nothing', async () => {
    const res = await t.rest('/articles?draft=true', {
      method: 'POST',
      token: tokens.writer,
      json: { title: 'Piriformis syndrome' },
    })
    const { doc } = (await res.json()) as { doc: Article }
    const before = await t.payload.findByID({ collection: 'articles', id: doc.id, draft: true })
    const versionsBefore = await t.payload.countVersions({
      collection: 'articles',
      where: { parent: { equals: doc.id } },
    })

    const attempt = await t.rest(`/articles/${doc.id}`, {
      method: 'PATCH',
      token: tokens.writer,
      json: { _status: 'published', title: 'Piriformis syndrome (live!)' },
    })
    expect(attempt.status).toBe(409)
    // The same shape as the workflow endpoint's refusals.
    const body = (await attempt.json()) as { errors: { code: string }[] }
    expect(body.errors.map((e) => e.code)).toEqual(['NOT_ALLOWED_FROM_STAGE'])

    const after = await t.payload.findByID({ collection: 'articles', id: doc.id, draft: true })
    expect(after).toEqual(before)
    expect(
      await t.payload.countVersions({
        collection: 'articles',
        where: { parent: { equals: doc.id } },
      }),
    ).toEqual(versionsBefore)
    expect(await publicTitle(doc.id)).toBe(404)
  })

  it('refuses the same through the Local API on the writer’s behalf', async () => {
    const writer = users.writer as User
    const draft = await t.payload.create({
      collection: 'articles',
      data: { title: 'Hamstring strain' },
      draft: true,
      user: writer,
      overrideAccess: false,
    })
    await expect(
      t.payload.update({
        collection: 'articles',
        id: draft.id,
        data: { _status: 'published' },
        user: writer,
        overrideAccess: false,
      }),
    ).rejects.toThrow(/possible from approved/)
  })

  it('ignores workflow fields sent in a plain update', async () => {
    const res = await t.rest('/articles?draft=true', {
      method: 'POST',
      token: tokens.editor,
      json: {
        title: 'Shin splints',
        stage: 'approved',
        lastReviewedAt: '2026-01-01T00:00:00.000Z',
        approvedFingerprint: 'x',
      },
    })
    const { doc } = (await res.json()) as { doc: Article }
    expect(doc).toMatchObject({ stage: 'draft', lastReviewedAt: null, approvedFingerprint: null })
  })

  it('lets an editor publish with the admin’s Publish button once approved, and records it', async () => {
    const res = await t.rest('/articles?draft=true', {
      method: 'POST',
      token: tokens.writer,
      json: { title: 'Tennis elbow', summary: 'Outer elbow pain.' },
    })
    const { doc } = (await res.json()) as { doc: Article }
    const complete = await t.payload.findByID({ collection: 'articles', id: seedId, depth: 0 })
    await t.rest(`/articles/${doc.id}?draft=true`, {
      method: 'PATCH',
      token: tokens.editor,
      json: { author: complete.author, sources: complete.sources, disclaimer: complete.disclaimer },
    })
    await workflow(doc.id, 'writer', 'submit')
    await workflow(doc.id, 'reviewer', 'approve')
    const publish = await t.rest(`/articles/${doc.id}`, {
      method: 'PATCH',
      token: tokens.editor,
      json: { _status: 'published' },
    })
    expect(publish.status).toBe(200)
    expect(((await publish.json()) as { doc: Article }).doc).toMatchObject({
      stage: 'published',
      _status: 'published',
    })
    expect(await publicTitle(doc.id)).toBe('Tennis elbow')
    expect((await records(doc.id)).map((r) => r.action)).toEqual(['submit', 'approve', 'publish'])
  })
})

describe('approval binds to the content', () => {
  it('an edit after approval sends the article back to draft and publish is refused', async () => {
    expect((await workflow(seedId, 'editor', 'archive')).status).toBe(200)
    await workflow(seedId, 'editor', 'restore')
    await workflow(seedId, 'writer', 'submit')
    expect((await workflow(seedId, 'reviewer', 'approve')).body.stage).toBe('approved')
    const edit = await t.rest(`/articles/${seedId}?draft=true`, {
      method: 'PATCH',
      token: tokens.writer,
      json: { title: 'Causes of Lower Back Spasms, and a sneaky claim' },
    })
    expect(((await edit.json()) as { doc: Article }).doc.stage).toBe('draft')
    const refused = await workflow(seedId, 'editor', 'publish')
    expect(refused.status).toBe(409)
    expect(codes(refused.body)).toEqual(['NOT_ALLOWED_FROM_STAGE'])
    const button = await t.rest(`/articles/${seedId}`, {
      method: 'PATCH',
      token: tokens.editor,
      json: { _status: 'published' },
    })
    expect(button.status).toBe(409)
  })

  it('an edit to a live article stays invisible to readers until it is published again', async () => {
    await workflow(seedId, 'writer', 'submit')
    await workflow(seedId, 'reviewer', 'approve')
    await workflow(seedId, 'editor', 'publish')
    const liveTitle = await publicTitle(seedId)
    expect(liveTitle).toBe('Causes of Lower Back Spasms, and a sneaky claim')

    // A plain PATCH (no ?draft=true) is still only a draft: it cannot rewrite the live version.
    const edit = await t.rest(`/articles/${seedId}`, {
      method: 'PATCH',
      token: tokens.writer,
      json: { title: 'Causes of Lower Back Spasms' },
    })
    expect(edit.status).toBe(200)
    expect(await publicTitle(seedId)).toBe(liveTitle)
    expect(await publicTitle(seedId, true)).toBe(liveTitle)
    const latest = await t.payload.findByID({ collection: 'articles', id: seedId, draft: true })
    expect(latest).toMatchObject({
      title: 'Causes of Lower Back Spasms',
      stage: 'draft',
      _status: 'draft',
    })

    await workflow(seedId, 'writer', 'submit')
    await workflow(seedId, 'reviewer', 'approve')
    expect(await publicTitle(seedId)).toBe(liveTitle)
    await workflow(seedId, 'editor', 'publish')
    expect(await publicTitle(seedId)).toBe('Causes of Lower Back Spasms')
  })
})

describe('review records', () => {
  it('cannot be changed or deleted by anyone, admins and trusted code included', async () => {
    const [record] = await records(seedId)
    const id = record?.id as number
    const patch = await t.rest(`/review-records/${id}`, {
      method: 'PATCH',
      token: tokens.admin,
      json: { note: 'rewritten' },
    })
    expect(patch.status).toBe(403)
    const del = await t.rest(`/review-records/${id}`, { method: 'DELETE', token: tokens.admin })
    expect(del.status).toBe(403)
    const create = await t.rest('/review-records', {
      method: 'POST',
      token: tokens.admin,
      json: { article: seedId, action: 'approve', at: new Date().toISOString() },
    })
    expect(create.status).toBe(403)
    await expect(
      t.payload.update({ collection: 'review-records', id, data: { note: 'x' } }),
    ).rejects.toThrow(/permanent/)
    await expect(t.payload.delete({ collection: 'review-records', id })).rejects.toThrow(
      /permanent/,
    )
    expect((await t.payload.findByID({ collection: 'review-records', id })).note).toBe(record?.note)
  })

  it('are readable by editors and reviewers, by writers for their own articles, not by others', async () => {
    const count = async (as: string) => {
      const res = await t.rest('/review-records?limit=1', { token: tokens[as] })
      return res.status === 200
        ? ((await res.json()) as { totalDocs: number }).totalDocs
        : res.status
    }
    const all = await count('editor')
    expect(all).toBeGreaterThan(10)
    expect(await count('reviewer')).toBe(all)
    const writers = await count('writer')
    expect(writers).toBeGreaterThan(0)
    expect(writers).toBeLessThan(all)
    expect(await count('other')).toBe(0)
    expect((await t.rest('/review-records')).status).toBe(403)
  })
})
