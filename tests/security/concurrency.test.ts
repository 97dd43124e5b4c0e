import { afterAll, beforeAll, expect, it } from '@jest/globals'

import type { User } from '../../payload-types'
import { startTestPayload } from '../helpers/testPayload'
import type { TestPayload } from '../helpers/testPayload'

const PASSWORD = 'concurrency-password'
let t: TestPayload
let seedId: number
const tokens: Record<string, string> = {}

const workflow = (as: string, action: string) =>
  t.rest(`/articles/${seedId}/workflow`, { method: 'POST', token: tokens[as], json: { action } })

beforeAll(async () => {
  t = await startTestPayload()
  seedId = await t.seedDemo(PASSWORD)
  const profile = await t.payload.create({
    collection: 'medical-reviewers',
    data: { name: 'Second Reviewer', credentialsVerifiedUntil: '2099-01-01T00:00:00.000Z' },
  })
  await t.payload.create({
    collection: 'users',
    data: {
      name: 'Second Reviewer',
      email: 'second@example.com',
      password: PASSWORD,
      roles: ['reviewer'],
      medicalReviewer: (profile as User['medicalReviewer'] & { id: number }).id,
    },
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
