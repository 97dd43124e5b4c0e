/**
 * Re-review of live articles: a reviewer reaffirms the live text (new review dates, nothing
 * republished, a pending draft left alone, evidence re-signed), editors ask for re-reviews one by
 * one or in bulk and see a queue of what is due. Each refusal changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import request from 'supertest'
import type { Express } from 'express'

import type { Article } from '@payload-types'
import { idOf } from '@/shared/idOf'
import { changesNothing, codes } from '../helpers/dumpDatabase'
import { startTestPayload } from '../helpers/testPayload'
import type { TestPayload } from '../helpers/testPayload'
import { deliveryApp } from '../helpers/deliveryApp'

const PASSWORD = 're-review-password'
const SLUG = 'causes-of-lower-back-spasms'
let t: TestPayload
let app: Express
let seedId: number
const tokens = { editor: '', writer: '', reviewer: '', second: '' }
let secondReviewerId: number
let due: Article

type Panel = { fingerprint: string; liveFingerprint: string | null; actions: { action: string }[] }

const panel = async (token: string, id = seedId) =>
  (await (await t.rest(`/articles/${id}/workflow`, { token })).json()) as Panel

const post = (token: string, json: Record<string, unknown>, id = seedId) =>
  t.rest(`/articles/${id}/workflow`, { method: 'POST', token, json })

const live = () =>
  t.payload.findByID({ collection: 'articles', id: seedId, depth: 0, draft: false })

const delivered = async () =>
  (await request(app).get(`/content/v1/articles/${SLUG}`)).body as {
    title: string
    lastReviewedAt: string
    nextReviewDue: string
    reviewStatus: string
    publishedAt: string
    medicalReviewer: { name: string }
    sources: { citation: string }[]
  }

beforeAll(async () => {
  t = await startTestPayload()
  seedId = await t.seedDemo(PASSWORD)
  for (const who of ['editor', 'writer', 'reviewer'] as const) {
    tokens[who] = await t.logIn(`${who}@example.com`, PASSWORD)
  }
  const second = await t.addAccount({
    name: 'Sam Second',
    email: 'second@example.com',
    password: PASSWORD,
    roles: ['reviewer'],
  })
  secondReviewerId = idOf(second.medicalReviewer) as number
  tokens.second = await t.logIn('second@example.com', PASSWORD)
  due = await t.publishLikeSeed({
    title: 'Due for review soon',
    tokens: { writer: tokens.writer, reviewer: tokens.reviewer, editor: tokens.editor },
  })
  app = deliveryApp({
    payload: t.payload,
    delivery: { cacheControl: 'public, max-age=60', cacheTtlMs: 60_000 },
  })
}, 90_000)

afterAll(async () => {
  await t?.close()
})

describe('reaffirm', () => {
  it('the panel gives the live fingerprint and offers reaffirm to the assigned reviewer only', async () => {
    const shown = await panel(tokens.reviewer)
    expect(shown.liveFingerprint).toBe(shown.fingerprint)
    expect(shown.actions.map((a) => a.action)).toContain('reaffirm')
    expect((await panel(tokens.writer)).actions.map((a) => a.action)).not.toContain('reaffirm')
    expect((await panel(tokens.editor)).actions.map((a) => a.action)).toContain('request-re-review')
  })

  it('refuses the writer, a missing or stale fingerprint, no attestation, lapsed credentials and what is not live, changing nothing', async () => {
    const { liveFingerprint } = await panel(tokens.reviewer)
    await changesNothing(t.payload, async () => {
      const asWriter = await post(tokens.writer, {
        action: 'reaffirm',
        fingerprint: liveFingerprint,
        attest: true,
      })
      expect(await codes(asWriter)).toEqual(['ROLE_NOT_ALLOWED'])
      expect(
        await codes(await post(tokens.reviewer, { action: 'reaffirm', attest: true })),
      ).toEqual(['FINGERPRINT_REQUIRED'])
      const stale = await post(tokens.reviewer, {
        action: 'reaffirm',
        fingerprint: 'v2:0000',
        attest: true,
      })
      expect(stale.status).toBe(409)
      expect(await codes(stale)).toEqual(['CONTENT_CHANGED_SINCE_VIEWED'])
      expect(
        await codes(
          await post(tokens.reviewer, { action: 'reaffirm', fingerprint: liveFingerprint }),
        ),
      ).toEqual(['ATTESTATION_REQUIRED'])
    })

    const profile = (
      await t.payload.find({ collection: 'medical-reviewers', limit: 1, sort: 'id' })
    ).docs[0]
    const until = profile?.credentialsVerifiedUntil
    await t.payload.update({
      collection: 'medical-reviewers',
      id: profile?.id as number,
      data: { credentialsVerifiedUntil: '2020-01-01T00:00:00.000Z' },
    })
    await changesNothing(t.payload, async () => {
      const lapsed = await post(tokens.reviewer, {
        action: 'reaffirm',
        fingerprint: liveFingerprint,
        attest: true,
      })
      expect(await codes(lapsed)).toEqual(['REVIEWER_CREDENTIALS_EXPIRED'])
    })
    await t.payload.update({
      collection: 'medical-reviewers',
      id: profile?.id as number,
      data: { credentialsVerifiedUntil: until },
    })

    const draftOnly = await t.rest('/articles?draft=true', {
      method: 'POST',
      token: tokens.writer,
      json: { title: 'Never published' },
    })
    const { doc } = (await draftOnly.json()) as { doc: Article }
    await changesNothing(t.payload, async () => {
      // An editor may read the draft; the stage is what refuses.
      const notLive = await post(
        tokens.editor,
        { action: 'reaffirm', fingerprint: liveFingerprint, attest: true },
        doc.id,
      )
      expect(notLive.status).toBe(409)
      expect(await codes(notLive)).toEqual(['NOT_ALLOWED_FROM_STAGE'])
    })
  })

  it('moves the review dates on at once, leaving the live version, publishedAt and a pending draft as they are', async () => {
    const before = await live()
    expect((await delivered()).reviewStatus).toBe('overdue')
    // A pending draft: the writer is revising the live article.
    const draft = await t.rest(`/articles/${seedId}`, {
      method: 'PATCH',
      token: tokens.writer,
      json: { title: 'Causes of lower back spasms (revised)' },
    })
    expect(draft.status).toBe(200)
    const versionsBefore = (
      await t.payload.findVersions({
        collection: 'articles',
        where: { parent: { equals: seedId } },
      })
    ).totalDocs
    const shown = await panel(tokens.reviewer)
    expect(shown.liveFingerprint).not.toBe(shown.fingerprint)

    const res = await post(tokens.reviewer, {
      action: 'reaffirm',
      fingerprint: shown.liveFingerprint,
      attest: true,
      note: 'Re-read against the 2024 guideline: still accurate.',
    })
    expect(res.status).toBe(200)

    const after = await live()
    const today = new Date().toISOString().slice(0, 10)
    expect(after.lastReviewedAt?.slice(0, 10)).toBe(today)
    expect(new Date(after.nextReviewDue as string).getUTCFullYear()).toBe(
      new Date().getUTCFullYear() + 2,
    )
    expect(after.publishedAt).toBe(before.publishedAt)
    expect(after.title).toBe(before.title)
    expect(after._status).toBe('published')
    const versionsAfter = (
      await t.payload.findVersions({
        collection: 'articles',
        where: { parent: { equals: seedId } },
      })
    ).totalDocs
    expect(versionsAfter).toBe(versionsBefore)
    const latest = await t.payload.findByID({ collection: 'articles', id: seedId, draft: true })
    expect(latest.title).toBe('Causes of lower back spasms (revised)')

    const page = await delivered()
    expect(page.lastReviewedAt.slice(0, 10)).toBe(today)
    expect(page.reviewStatus).toBe('current')
    expect(page.title).toBe(before.title)

    const { docs: records } = await t.payload.find({
      collection: 'review-records',
      where: { article: { equals: seedId } },
      sort: '-at',
      limit: 1,
    })
    expect(records[0]).toMatchObject({
      action: 'reaffirm',
      fromStage: 'published',
      toStage: 'published',
      note: 'Re-read against the 2024 guideline: still accurate.',
    })
    expect(records[0]?.attestation).toBeTruthy()
    expect(records[0]?.reviewerCredentials?.verifiedUntil).toBeTruthy()
  })

  it('signs the evidence as it is now: a source changed since publish shows on the live page once reaffirmed', async () => {
    const sourceId = idOf((await live()).sources?.[0]) as number
    const edited = await t.rest(`/sources/${sourceId}`, {
      method: 'PATCH',
      token: tokens.editor,
      json: { title: 'Global prevalence of low back pain: a systematic review (corrected)' },
    })
    expect(edited.status).toBe(200)
    expect((await delivered()).sources[0]?.citation).not.toMatch(/corrected/)
    const { liveFingerprint } = await panel(tokens.reviewer)
    const res = await post(tokens.reviewer, {
      action: 'reaffirm',
      fingerprint: liveFingerprint,
      attest: true,
    })
    expect(res.status).toBe(200)
    expect((await delivered()).sources[0]?.citation).toMatch(/corrected/)
  })
})

describe('editors ask for re-reviews', () => {
  it('a re-review request assigns another reviewer without a draft; when they reaffirm they become the live page reviewer', async () => {
    const draftBefore = await t.payload.findByID({
      collection: 'articles',
      id: seedId,
      draft: true,
    })
    const asked = await post(tokens.editor, {
      action: 'request-re-review',
      reviewer: secondReviewerId,
      note: 'Gina is on leave.',
    })
    expect(asked.status).toBe(200)
    expect(idOf((await live()).reReviewer)).toBe(secondReviewerId)
    const draftAfter = await t.payload.findByID({ collection: 'articles', id: seedId, draft: true })
    expect(draftAfter.title).toBe(draftBefore.title)
    expect(draftAfter.updatedAt).toBe(draftBefore.updatedAt)

    const { liveFingerprint } = await panel(tokens.second)
    await changesNothing(t.payload, async () => {
      const original = await post(tokens.reviewer, {
        action: 'reaffirm',
        fingerprint: liveFingerprint,
        attest: true,
      })
      expect(await codes(original)).toEqual(['NOT_ASSIGNED_REVIEWER'])
    })
    const res = await post(tokens.second, {
      action: 'reaffirm',
      fingerprint: liveFingerprint,
      attest: true,
    })
    expect(res.status).toBe(200)
    const after = await live()
    expect(idOf(after.medicalReviewer)).toBe(secondReviewerId)
    expect(after.reReviewer ?? null).toBeNull()
    expect((await delivered()).medicalReviewer.name).toMatch(/Sam Second/)
  })

  it('refuses an unknown reviewer, and a reviewer given with another action', async () => {
    await changesNothing(t.payload, async () => {
      const unknown = await post(tokens.editor, { action: 'request-re-review', reviewer: 999999 })
      expect(unknown.status).toBe(404)
      const misplaced = await post(tokens.editor, { action: 'archive', reviewer: secondReviewerId })
      expect(await codes(misplaced)).toEqual(['INVALID_BODY'])
    })
  })

  it('the queue lists live articles due, by due date, for editors only; bulk requests answer per article', async () => {
    // Make it due in ten days, below Payload (review dates are the workflow's own).
    const { sql } = await import('@payloadcms/db-sqlite')
    const db = t.payload.db as unknown as { drizzle: { run: (q: unknown) => Promise<unknown> } }
    const soon = new Date(Date.now() + 10 * 24 * 60 * 60 * 1000).toISOString()
    await db.drizzle.run(sql`UPDATE articles SET next_review_due = ${soon} WHERE id = ${due.id}`)

    const res = await t.rest('/articles/re-review-queue?sort=nextReviewDue', {
      token: tokens.editor,
    })
    expect(res.status).toBe(200)
    const queue = (await res.json()) as { docs: { id: number; reviewStatus: string }[] }
    expect(queue.docs.map((d) => d.id)).toEqual([due.id])
    expect(queue.docs[0]?.reviewStatus).toBe('due-soon')

    expect((await t.rest('/articles/re-review-queue', { token: tokens.writer })).status).toBe(403)
    expect(
      (await t.rest('/articles/re-review-queue?sort=traffic', { token: tokens.editor })).status,
    ).toBe(400)

    const bulk = await t.rest('/articles/re-review', {
      method: 'POST',
      token: tokens.editor,
      json: { ids: [due.id, seedId, 424242] },
    })
    expect(bulk.status).toBe(200)
    const { results } = (await bulk.json()) as { results: { id: number; ok: boolean }[] }
    expect(results.map((r) => [r.id, r.ok])).toEqual([
      [due.id, true],
      [seedId, true],
      [424242, false],
    ])
    const forWriter = await t.rest('/articles/re-review', {
      method: 'POST',
      token: tokens.writer,
      json: { ids: [due.id] },
    })
    expect(forWriter.status).toBe(403)
  })
})
