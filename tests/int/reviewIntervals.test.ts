/**
 * Risk-based review intervals: a topic's interval (the shortest wins), an article's own, and a
 * change on a live article that moves its review date at once, without a draft.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import type { Article } from '@payload-types'
import { nextReviewDue } from '@/workflow/reviewDates'
import { contentOf } from '../helpers/articleContent'
import { decide } from '../helpers/decision'
import { dumpDatabase } from '../helpers/dumpDatabase'
import { startTestPayload } from '../helpers/testPayload'
import type { TestPayload } from '../helpers/testPayload'

const PASSWORD = 'review-intervals-password'
let t: TestPayload
let seed: Article
const tokens = { editor: '', writer: '', reviewer: '' }

const monthsAfter = (from: string | null | undefined, months: number) =>
  nextReviewDue({ lastReviewedAt: new Date(from as string), months }).toISOString()

/** The writer's article like the seed; an editor sets what the writer may not, then reviewed. */
const approved = async (title: string, byEditor: Partial<Article> = {}) => {
  const res = await t.rest('/articles?draft=true', {
    method: 'POST',
    token: tokens.writer,
    json: { ...contentOf(seed), title },
  })
  const { doc } = (await res.json()) as { doc: Article }
  if (Object.keys(byEditor).length) {
    const set = await t.rest(`/articles/${doc.id}?draft=true`, {
      method: 'PATCH',
      token: tokens.editor,
      json: byEditor,
    })
    expect(set.status).toBe(200)
  }
  for (const [who, action] of [
    ['writer', 'submit'],
    ['reviewer', 'approve'],
  ] as const) {
    expect((await decide({ rest: t.rest, id: doc.id, token: tokens[who], action })).status).toBe(
      200,
    )
  }
  return t.payload.findByID({ collection: 'articles', id: doc.id, draft: true, depth: 0 })
}

beforeAll(async () => {
  t = await startTestPayload()
  const seedId = await t.seedDemo(PASSWORD)
  for (const who of ['editor', 'writer', 'reviewer'] as const) {
    tokens[who] = await t.logIn(`${who}@example.com`, PASSWORD)
  }
  seed = await t.payload.findByID({ collection: 'articles', id: seedId, depth: 0 })
}, 90_000)

afterAll(async () => {
  await t?.close()
})

describe('review intervals', () => {
  it('a topic sets the interval of its articles; an article may set its own (editors only)', async () => {
    const topic = seed.topics?.[0] as number
    const set = await t.rest(`/topics/${topic}`, {
      method: 'PATCH',
      token: tokens.editor,
      json: { reviewIntervalMonths: 6 },
    })
    expect(set.status).toBe(200)
    const byTopic = await approved('Interval from the topic')
    expect(byTopic.nextReviewDue).toBe(monthsAfter(byTopic.lastReviewedAt, 6))

    const own = await approved('Its own interval', { reviewIntervalMonths: 3 })
    expect(own.nextReviewDue).toBe(monthsAfter(own.lastReviewedAt, 3))

    // A writer's value for the field is not taken.
    const res = await t.rest('/articles?draft=true', {
      method: 'POST',
      token: tokens.writer,
      json: { title: 'Writer sets an interval', reviewIntervalMonths: 36 },
    })
    expect(((await res.json()) as { doc: Article }).doc.reviewIntervalMonths ?? null).toBeNull()
  })

  it('the reviewer changes a live article interval: the review date follows at once, no draft', async () => {
    const article = await approved('Live with a new interval', { reviewIntervalMonths: 12 })
    const published = await decide({
      rest: t.rest,
      id: article.id,
      token: tokens.editor,
      action: 'publish',
    })
    expect(published.status).toBe(200)
    const versions = async () =>
      (
        await t.payload.findVersions({
          collection: 'articles',
          where: { parent: { equals: article.id } },
        })
      ).totalDocs
    const before = await versions()
    const res = await t.rest(`/articles/${article.id}/review-interval`, {
      method: 'POST',
      token: tokens.reviewer,
      json: { months: 3 },
    })
    expect(res.status).toBe(200)
    const live = await t.payload.findByID({ collection: 'articles', id: article.id, depth: 0 })
    expect(live.reviewIntervalMonths).toBe(3)
    expect(live.nextReviewDue).toBe(monthsAfter(live.lastReviewedAt, 3))
    expect(live._status).toBe('published')
    expect(await versions()).toBe(before)
  })

  it('refuses writers and values outside 3–36 months, changing nothing', async () => {
    const id = seed.id
    const snapshot = await dumpDatabase(t.payload)
    const asWriter = await t.rest(`/articles/${id}/review-interval`, {
      method: 'POST',
      token: tokens.writer,
      json: { months: 6 },
    })
    expect(asWriter.status).toBe(403)
    for (const months of [2, 37, 6.5, '6']) {
      const bad = await t.rest(`/articles/${id}/review-interval`, {
        method: 'POST',
        token: tokens.editor,
        json: { months },
      })
      expect(bad.status).toBe(400)
    }
    expect(await dumpDatabase(t.payload)).toEqual(snapshot)
  })
})
