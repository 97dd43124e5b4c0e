/**
 * The medical review binds to what the reviewer read: content is frozen while in review (every
 * door), a decision names the fingerprint it read and an approval its attestation, the evidence
 * rules run before review, and each refusal changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import type { Article } from '@payload-types'
import { contentOf } from '../helpers/articleContent'
import { decide } from '../helpers/decision'
import { changesNothing, codes } from '../helpers/dumpDatabase'
import { startTestPayload } from '../helpers/testPayload'
import type { TestPayload } from '../helpers/testPayload'

const PASSWORD = 'review-integrity-password'
let t: TestPayload
let seed: Article
const tokens: Record<'writer' | 'reviewer' | 'editor', string> = {
  writer: '',
  reviewer: '',
  editor: '',
}

type Panel = {
  fingerprint: string
  checks: { rule: string; ok: boolean; message: string }[]
  attestation: string
  changesSinceLastReview: null | { since: { action: string }; changes: { field: string }[] }
}

const panel = async (id: number, token = tokens.reviewer) =>
  (await (await t.rest(`/articles/${id}/workflow`, { token })).json()) as Panel

const post = (id: number, token: string, json: Record<string, unknown>) =>
  t.rest(`/articles/${id}/workflow`, { method: 'POST', token, json })

/** Something changes nothing: the whole database is the same before and after. */
/** A new article like the seed, written by the writer and submitted. */
const inReview = async (title: string): Promise<Article> => {
  const res = await t.rest('/articles?draft=true', {
    method: 'POST',
    token: tokens.writer,
    json: { ...contentOf(seed), title },
  })
  const { doc } = (await res.json()) as { doc: Article }
  expect((await post(doc.id, tokens.writer, { action: 'submit' })).status).toBe(200)
  return doc
}

beforeAll(async () => {
  t = await startTestPayload()
  const seedId = await t.seedDemo(PASSWORD)
  for (const role of Object.keys(tokens) as (keyof typeof tokens)[]) {
    tokens[role] = await t.logIn(`${role}@example.com`, PASSWORD)
  }
  seed = await t.payload.findByID({ collection: 'articles', id: seedId, depth: 0 })
}, 60_000)

afterAll(async () => {
  await t?.close()
})

describe('content in review is frozen', () => {
  it('ARTICLE_IN_REVIEW: a content edit through REST, GraphQL or the Local API is refused, and changes nothing', async () => {
    const doc = await inReview('Frozen while in review')
    await changesNothing(t.payload, async () => {
      for (const token of [tokens.writer, tokens.editor]) {
        const res = await t.rest(`/articles/${doc.id}?draft=true`, {
          method: 'PATCH',
          token,
          json: { summary: 'Changed while in review.' },
        })
        expect(res.status).toBe(409)
        expect(await codes(res)).toEqual(['ARTICLE_IN_REVIEW'])
      }
      const graphql = await t.graphql(
        `mutation { updateArticle(id: ${doc.id}, draft: true, data: { summary: "Changed via GraphQL." }) { id } }`,
        tokens.writer,
      )
      expect(JSON.stringify(graphql.errors)).toMatch(/in medical review/)
      const writer = (
        await t.payload.find({
          collection: 'users',
          where: { email: { equals: 'writer@example.com' } },
        })
      ).docs[0]
      await expect(
        t.payload.update({
          collection: 'articles',
          id: doc.id,
          draft: true,
          data: { title: 'Changed through the Local API' },
          overrideAccess: false,
          user: writer,
        }),
      ).rejects.toThrow(/in medical review/)
      const { docs: versions } = await t.payload.findVersions({
        collection: 'articles',
        where: { parent: { equals: doc.id } },
        depth: 0,
      })
      const restore = await t.rest(`/articles/versions/${versions[0]?.id}`, {
        method: 'POST',
        token: tokens.writer,
      })
      expect(restore.status).toBe(409)
    })
  })

  it('withdraw takes it back for editing, and is recorded like every decision', async () => {
    const doc = await inReview('Withdrawn to fix a typo')
    const withdrawn = await post(doc.id, tokens.writer, { action: 'withdraw' })
    expect(withdrawn.status).toBe(200)
    expect(((await withdrawn.json()) as { stage: string }).stage).toBe('draft')
    const edit = await t.rest(`/articles/${doc.id}?draft=true`, {
      method: 'PATCH',
      token: tokens.writer,
      json: { summary: 'Fixed the typo.' },
    })
    expect(edit.status).toBe(200)
    const { docs } = await t.payload.find({
      collection: 'review-records',
      where: { article: { equals: doc.id } },
      sort: 'at',
    })
    expect(docs.map((record) => record.action)).toEqual(['submit', 'withdraw'])
  })
})

describe('a decision names what was read', () => {
  it('FINGERPRINT_REQUIRED and ATTESTATION_REQUIRED: 400, nothing changes', async () => {
    const doc = await inReview('Approved only with what was read')
    const { fingerprint } = await panel(doc.id)
    await changesNothing(t.payload, async () => {
      const noFingerprint = await post(doc.id, tokens.reviewer, { action: 'approve', attest: true })
      expect(noFingerprint.status).toBe(400)
      expect(await codes(noFingerprint)).toEqual(['FINGERPRINT_REQUIRED'])
      const noAttest = await post(doc.id, tokens.reviewer, { action: 'approve', fingerprint })
      expect(noAttest.status).toBe(400)
      expect(await codes(noAttest)).toEqual(['ATTESTATION_REQUIRED'])
      const wrongType = await post(doc.id, tokens.reviewer, { action: 'approve', fingerprint: 42 })
      expect(wrongType.status).toBe(400)
      expect(await codes(wrongType)).toEqual(['INVALID_BODY'])
    })
  })

  it('CONTENT_CHANGED_SINCE_VIEWED: an editor changes a cited source after the reviewer opened it: 409, nothing changes', async () => {
    const source = await t.payload.create({
      collection: 'sources',
      data: {
        title: 'Massage for back pain',
        url: 'https://example.org/massage',
        sourceType: 'systematic-review',
      },
    })
    const created = await t.rest('/articles?draft=true', {
      method: 'POST',
      token: tokens.writer,
      json: {
        ...contentOf(seed),
        title: 'Read, then changed',
        sources: [...((seed.sources as number[]) ?? []), source.id],
      },
    })
    const { doc } = (await created.json()) as { doc: Article }
    await post(doc.id, tokens.writer, { action: 'submit' })
    const { fingerprint } = await panel(doc.id)
    await t.rest(`/sources/${source.id}`, {
      method: 'PATCH',
      token: tokens.editor,
      json: { url: 'https://example.org/massage-v2' },
    })
    await changesNothing(t.payload, async () => {
      for (const json of [
        { action: 'approve', fingerprint, attest: true },
        { action: 'request-changes', fingerprint, note: 'Add a guideline.' },
      ]) {
        const res = await post(doc.id, tokens.reviewer, json)
        expect(res.status).toBe(409)
        expect(await codes(res)).toEqual(['CONTENT_CHANGED_SINCE_VIEWED'])
      }
    })
    // Read again: the decision goes through.
    expect(
      (await decide({ rest: t.rest, id: doc.id, token: tokens.reviewer, action: 'approve' }))
        .status,
    ).toBe(200)
  })

  it('an approval records what was attested and the credentials held, never the registration number', async () => {
    await t.payload.update({
      collection: 'medical-reviewers',
      id: seed.medicalReviewer as number,
      data: { qualifications: 'PhD, MPH', registrationNumber: 'MED0009999999' },
    })
    const doc = await inReview('Attested approval')
    const shown = await panel(doc.id)
    expect(shown.attestation).toMatch(/reviewed this content for clinical accuracy/)
    const res = await post(doc.id, tokens.reviewer, {
      action: 'approve',
      fingerprint: shown.fingerprint,
      attest: true,
    })
    expect(res.status).toBe(200)
    const { docs } = await t.payload.find({
      collection: 'review-records',
      where: { and: [{ article: { equals: doc.id } }, { action: { equals: 'approve' } }] },
      depth: 0,
    })
    const record = docs[0]
    expect(record).toMatchObject({
      attestation: shown.attestation,
      fingerprint: shown.fingerprint,
      reviewerCredentials: { qualifications: 'PhD, MPH' },
    })
    expect(typeof record?.versionId).toBe('string')
    expect(record?.reviewerCredentials?.verifiedUntil).toBeTruthy()
    expect(JSON.stringify(record)).not.toContain('MED0009999999')
  })
})

describe('checks before review, and what changed since', () => {
  it('lists every publish rule with its state, and credits a new article to its writer', async () => {
    const res = await t.rest('/articles?draft=true&depth=0', {
      method: 'POST',
      token: tokens.writer,
      json: { title: 'Not ready yet' },
    })
    const { doc } = (await res.json()) as { doc: Article }
    expect(doc.author).toBe(seed.author)
    const { checks } = await panel(doc.id, tokens.writer)
    expect(checks.map((check) => check.rule)).toEqual([
      'title',
      'slug',
      'summary',
      'author',
      'medicalReviewer',
      'sources',
      'noTertiarySources',
      'noRetractedSources',
      'citations',
      'disclaimer',
      'heroImageAlt',
    ])
    // A reviewer is assigned by taking the review up: not a box the writer must tick.
    expect(checks.filter((check) => !check.ok).map((check) => check.rule)).toEqual([
      'summary',
      'sources',
    ])
  })

  it('shows nothing on a first review, then the changes since the reviewer asked for them', async () => {
    const doc = await inReview('Changed after review')
    expect((await panel(doc.id)).changesSinceLastReview).toBeNull()
    expect(
      (
        await decide({
          rest: t.rest,
          id: doc.id,
          token: tokens.reviewer,
          action: 'request-changes',
          note: 'Say what helps.',
        })
      ).status,
    ).toBe(200)
    await t.rest(`/articles/${doc.id}?draft=true`, {
      method: 'PATCH',
      token: tokens.writer,
      json: { summary: 'Why lower back spasms happen, and what helps them.' },
    })
    await post(doc.id, tokens.writer, { action: 'submit' })
    const changes = (await panel(doc.id)).changesSinceLastReview
    expect(changes?.since.action).toBe('request-changes')
    expect(changes?.changes.map((change) => change.field)).toEqual(['summary'])
  })
})
