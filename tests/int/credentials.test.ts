/**
 * A reviewer's last valid day: the workflow panel's warning and `approve` agree, on that day and
 * the day after (one rule, src/workflow/credentials.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import type { Article } from '@payload-types'
import { credentialsProblem } from '@/workflow/credentials'
import { startTestPayload } from '../helpers/testPayload'
import type { TestPayload } from '../helpers/testPayload'
import { decide } from '../helpers/decision'

const PASSWORD = 'credentials-test-password'
let t: TestPayload
const tokens: Record<'writer' | 'reviewer' | 'editor', string> = {
  writer: '',
  reviewer: '',
  editor: '',
}
let reviewerProfile = 0

const utcDay = (offsetDays: number) =>
  new Date(
    Date.UTC(
      new Date().getUTCFullYear(),
      new Date().getUTCMonth(),
      new Date().getUTCDate() + offsetDays,
    ),
  ).toISOString()

const submitted = async (title: string): Promise<Article> => {
  const seed = (
    await t.payload.find({
      collection: 'articles',
      where: { slug: { equals: 'causes-of-lower-back-spasms' } },
      depth: 0,
    })
  ).docs[0] as Article
  const res = await t.rest('/articles?draft=true', {
    method: 'POST',
    token: tokens.writer,
    json: {
      title,
      summary: 'S.',
      author: seed.author,
      medicalReviewer: reviewerProfile,
      sources: seed.sources,
    },
  })
  const { doc } = (await res.json()) as { doc: Article }
  await t.rest(`/articles/${doc.id}/workflow`, {
    method: 'POST',
    token: tokens.writer,
    json: { action: 'submit' },
  })
  return doc
}

const panel = async (id: number) =>
  (await (await t.rest(`/articles/${id}/workflow`, { token: tokens.editor })).json()) as {
    reviewerWarning: string | null
  }

const approve = (id: number) =>
  decide({ rest: t.rest, id, token: tokens.reviewer, action: 'approve' })

beforeAll(async () => {
  t = await startTestPayload()
  await t.seedDemo(PASSWORD)
  for (const role of Object.keys(tokens) as (keyof typeof tokens)[]) {
    tokens[role] = await t.logIn(`${role}@example.com`, PASSWORD)
  }
  const { docs } = await t.payload.find({ collection: 'medical-reviewers', limit: 1, depth: 0 })
  reviewerProfile = docs[0]?.id as number
}, 60_000)

afterAll(async () => {
  await t?.close()
})

describe("a reviewer's credentials verified until a day", () => {
  it('are current all that day (UTC): no warning, and approve succeeds', async () => {
    await t.payload.update({
      collection: 'medical-reviewers',
      id: reviewerProfile,
      data: { credentialsVerifiedUntil: utcDay(0) },
    })
    const article = await submitted('Reviewed on the last valid day')
    expect((await panel(article.id)).reviewerWarning).toBeNull()
    expect((await approve(article.id)).status).toBe(200)
  })

  it('have lapsed the next day: the warning shows, and approve is refused', async () => {
    await t.payload.update({
      collection: 'medical-reviewers',
      id: reviewerProfile,
      data: { credentialsVerifiedUntil: utcDay(-1) },
    })
    const article = await submitted('Reviewed a day too late')
    expect((await panel(article.id)).reviewerWarning).toMatch(/expired/)
    const res = await approve(article.id)
    expect(res.status).toBe(403)
    expect(JSON.stringify(await res.json())).toMatch(/REVIEWER_CREDENTIALS_EXPIRED/)
  })

  it('is one rule: the warning text the admin shows comes from the same function', () => {
    const now = new Date('2026-12-02T23:59:59.000Z')
    expect(credentialsProblem({ verifiedUntil: '2026-12-02T00:00:00.000Z', now })).toBeNull()
    expect(credentialsProblem({ verifiedUntil: '2026-12-01T00:00:00.000Z', now })).toMatch(
      /expired/,
    )
    expect(credentialsProblem({ verifiedUntil: null, now })).toMatch(/not verified/)
  })
})
