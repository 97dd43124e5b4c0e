import { afterAll, beforeAll, expect, it } from '@jest/globals'

import type { Article, User } from '@payload-types'
import type { Evidence } from '@/workflow/evidence'
import { contentFingerprint } from '@/workflow/fingerprint'
import { contentOf } from '../helpers/articleContent'
import { startTestPayload } from '../helpers/testPayload'
import type { TestPayload } from '../helpers/testPayload'
import { decide } from '../helpers/decision'

const PASSWORD = 'concurrency-password'
let t: TestPayload
let seedId: number
const tokens: Record<string, string> = {}

const workflow = (as: string, action: string) =>
  decide({ rest: t.rest, id: seedId, token: tokens[as], action })

beforeAll(async () => {
  t = await startTestPayload()
  seedId = await t.seedDemo(PASSWORD)
  await t.addAccount({
    name: 'Second Reviewer',
    email: 'second@example.com',
    password: PASSWORD,
    roles: ['reviewer'],
  })
  for (const who of ['editor', 'writer', 'reviewer', 'second']) {
    tokens[who] = await t.logIn(`${who}@example.com`, PASSWORD)
  }
  // Unassign the reviewer so either reviewer may approve.
  await t.payload.update({
    collection: 'articles',
    id: seedId,
    data: { medicalReviewer: null },
    context: { editorialTransition: 'test-setup' },
  })
})

afterAll(async () => {
  await t?.close()
})

it('20 simultaneous approvals and publishes: exactly one outcome per transition, records consistent', async () => {
  expect((await workflow('editor', 'archive')).status).toBe(200)
  expect((await workflow('editor', 'restore')).status).toBe(200)
  expect((await workflow('writer', 'submit')).status).toBe(200)

  const approvals = await Promise.all(
    Array.from({ length: 20 }, (_, i) => workflow(i % 2 ? 'reviewer' : 'second', 'approve')),
  )
  // The winner is now the assigned reviewer: the other sees 409, the other reviewer no longer sees it (404).
  const approved = approvals.filter((res) => res.status === 200)
  expect(approved).toHaveLength(1)
  expect(
    approvals
      .filter((res) => res.status !== 200)
      .every((res) => res.status === 409 || res.status === 404),
  ).toBe(true)

  const publishes = await Promise.all(
    Array.from({ length: 20 }, () => workflow('editor', 'publish')),
  )
  expect(publishes.filter((res) => res.status === 200)).toHaveLength(1)
  expect(publishes.filter((res) => res.status !== 200).every((res) => res.status === 409)).toBe(
    true,
  )

  const { docs: records } = await t.payload.find({
    collection: 'review-records',
    where: { article: { equals: seedId } },
    sort: 'at',
    limit: 100,
  })
  expect(records.map((r) => r.action)).toEqual([
    'archive',
    'restore',
    'submit',
    'approve',
    'publish',
  ])
  const live = await t.payload.findByID({ collection: 'articles', id: seedId })
  expect(live).toMatchObject({ stage: 'published', _status: 'published' })
  expect(live.approvedFingerprint).toBe(records[3]?.fingerprint)
})

/** A copy of the seed article, by the writer, submitted for review with no reviewer assigned yet. */
const articleInReview = async (): Promise<number> => {
  const seed = await t.payload.findByID({ collection: 'articles', id: seedId, depth: 0 })
  const { docs } = await t.payload.find({
    collection: 'users',
    where: { email: { equals: 'writer@example.com' } },
    depth: 0,
  })
  const copy = await t.payload.create({
    collection: 'articles',
    draft: true,
    data: {
      ...contentOf(seed),
      medicalReviewer: null,
      title: `${seed.title} (${Math.random().toString(36).slice(2, 8)})`,
    } as Article,
    user: { ...(docs[0] as User), collection: 'users' },
    overrideAccess: false,
  })
  const res = await t.rest(`/articles/${copy.id}/workflow`, {
    method: 'POST',
    token: tokens.writer,
    json: { action: 'submit' },
  })
  expect(res.status).toBe(200)
  return copy.id
}

/** Sends every request at once; returns who got what and the records and versions afterwards. */
const burst = async (kinds: ('approve' | 'publish' | 'edit')[]) => {
  const id = await articleInReview()
  const act = (as: string, action: string) =>
    decide({ rest: t.rest, id, token: tokens[as], action })
  const before = (
    await t.payload.count({ collection: 'review-records', where: { article: { equals: id } } })
  ).totalDocs
  const answers = await Promise.all(
    kinds.map(async (kind, i) => {
      const res =
        kind === 'edit'
          ? await t.rest(`/articles/${id}`, {
              method: 'PATCH',
              token: tokens.writer,
              json: { summary: `Edited in the burst, take ${i}.` },
            })
          : kind === 'approve'
            ? await act(i % 2 ? 'reviewer' : 'second', 'approve')
            : await act('editor', 'publish')
      return { kind, i, status: res.status }
    }),
  )
  const { docs: records } = await t.payload.find({
    collection: 'review-records',
    where: { article: { equals: id } },
    sort: 'at',
    limit: 100,
  })
  return {
    answers,
    records,
    fresh: records.slice(before),
    latest: await t.payload.findByID({ collection: 'articles', id, draft: true }),
    live: await t.payload.findByID({ collection: 'articles', id }),
  }
}

it.each([
  ['approvals and publishes', ['approve', 'publish'] as const],
  ['approvals, publishes and edits', ['approve', 'publish', 'approve', 'publish', 'edit'] as const],
])(
  '%s all at once (20 requests): one approval, at most one publish of exactly what was approved, no edit lost',
  async (_name, pattern) => {
    const kinds = Array.from({ length: 20 }, (_, i) => pattern[i % pattern.length] as 'edit')
    const { answers, records, fresh, latest, live } = await burst(kinds)
    expect(answers.filter((a) => a.status >= 500)).toEqual([])
    // One answer per transition: every 200 left exactly one record, and nothing else did.
    const count = (kind: string) =>
      answers.filter((a) => a.kind === kind && a.status === 200).length
    expect(count('approve')).toBe(1)
    expect(count('publish')).toBeLessThanOrEqual(1)
    expect(fresh.map((r) => r.action).sort()).toEqual(
      [
        ...Array(count('approve')).fill('approve'),
        ...Array(count('publish')).fill('publish'),
      ].sort(),
    )
    // The records chain: each starts where the previous one ended.
    for (let k = 1; k < records.length; k += 1) {
      expect({ k, from: records[k]?.fromStage }).toEqual({ k, from: records[k - 1]?.toStage })
    }
    const publish = fresh.find((r) => r.action === 'publish')
    if (publish) {
      // What went live is exactly what the reviewer approved.
      const approve = fresh.find((r) => r.action === 'approve')
      expect(publish.fingerprint).toBe(approve?.fingerprint)
      expect(contentFingerprint({ content: live, evidence: live.signedEvidence as Evidence })).toBe(
        approve?.fingerprint,
      )
    }
    // Never live before the burst, it is live afterwards exactly when a publish happened.
    expect(live._status === 'published').toBe(Boolean(publish))
    // No lost update: the latest draft holds an edit that was accepted, if any was.
    const accepted = answers.filter((a) => a.kind === 'edit' && a.status === 200).map((a) => a.i)
    if (accepted.length > 0) {
      expect(accepted.map((k) => `Edited in the burst, take ${k}.`)).toContain(latest.summary)
    }
  },
)
