/**
 * A queue for each role, from GET /api/articles/editorial-summary: the writer's own articles by
 * stage with the latest note and open comments, the reviewer's waiting reviews oldest first with
 * days waiting, and the editor's ready, stuck and reviewer workload, timed from the review records.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import type { Article } from '@payload-types'
import { contentOf } from '../helpers/articleContent'
import { decide } from '../helpers/decision'
import { startTestPayload } from '../helpers/testPayload'
import type { TestPayload } from '../helpers/testPayload'

const PASSWORD = 'role-queues-password'
const DAY_MS = 24 * 60 * 60 * 1000
let t: TestPayload
let seed: Article
const tokens = { editor: '', writer: '', reviewer: '', otherWriter: '' }

type Item = {
  id: number
  title: string
  stage: string
  since: string
  daysInStage: number
  latestNote: string | null
  openComments: number
}
type Queues = {
  writer?: { byStage: Record<string, Item[]> }
  reviewer?: { awaitingMyReview: Item[]; reReviewsDue: Item[] }
  editor?: {
    readyToPublish: Item[]
    stuck: Item[]
    staleAfterDays: number
    reviewerWorkload: { reviewer: string | null; openReviews: number }[]
  }
}

const queuesOf = async (token: string) => {
  const res = await t.rest('/articles/editorial-summary', { token })
  expect(res.status).toBe(200)
  return ((await res.json()) as { queues: Queues }).queues
}

const newArticle = async (
  title: string,
  token = tokens.writer,
  extra: Partial<Article> = {},
): Promise<Article> => {
  const res = await t.rest('/articles?draft=true', {
    method: 'POST',
    token,
    json: { ...contentOf(seed), title, ...extra },
  })
  return ((await res.json()) as { doc: Article }).doc
}

const act = async (id: number, token: string, action: string, note?: string) => {
  const res = await decide({ rest: t.rest, id, token, action, note })
  expect(res.status).toBe(200)
}

/** Moves an article's history back in time, as if its decisions were taken `days` ago. */
const age = async (id: number, days: number) => {
  const { docs } = await t.payload.find({
    collection: 'review-records',
    where: { article: { equals: id } },
    depth: 0,
  })
  for (const record of docs) {
    // Review records refuse every change, even trusted ones; the test goes below Payload.
    const db = t.payload.db as unknown as { drizzle?: { run: (q: unknown) => Promise<unknown> } }
    const { sql } = await import('@payloadcms/db-sqlite')
    const at = new Date(new Date(record.at).getTime() - days * DAY_MS).toISOString()
    await db.drizzle?.run(sql`UPDATE review_records SET at = ${at} WHERE id = ${record.id}`)
  }
}

beforeAll(async () => {
  t = await startTestPayload()
  const seedId = await t.seedDemo(PASSWORD)
  seed = await t.payload.findByID({ collection: 'articles', id: seedId, depth: 0 })
  for (const who of ['editor', 'writer', 'reviewer'] as const) {
    tokens[who] = await t.logIn(`${who}@example.com`, PASSWORD)
  }
  await t.addAccount({
    name: 'Other Writer',
    email: 'otherwriter@example.com',
    password: PASSWORD,
    roles: ['writer'],
  })
  tokens.otherWriter = await t.logIn('otherwriter@example.com', PASSWORD)
}, 90_000)

afterAll(async () => {
  await t?.close()
})

describe('each role has its queue', () => {
  it('is timed from the review records, and each person sees only their own', async () => {
    const old = await newArticle('Waiting ten days')
    await act(old.id, tokens.writer, 'submit')
    await age(old.id, 10)
    const recent = await newArticle('Waiting since today')
    await act(recent.id, tokens.writer, 'submit')
    const sentBack = await newArticle('Sent back with a note')
    await act(sentBack.id, tokens.writer, 'submit')
    await act(sentBack.id, tokens.reviewer, 'request-changes', 'Add the dose.')
    const quote = JSON.stringify(sentBack.body)
      .match(/"text":"([^"\\[]{30,})/)?.[1]
      ?.slice(0, 25)
    const made = await t.rest('/review-comments', {
      method: 'POST',
      token: tokens.reviewer,
      json: { article: sentBack.id, quote, body: 'And a source.' },
    })
    expect(made.status).toBe(201)
    const ready = await newArticle('Approved, ready')
    await act(ready.id, tokens.writer, 'submit')
    await act(ready.id, tokens.reviewer, 'approve')
    // Credited to nobody: not the seed writer's article.
    await newArticle('Someone else draft', tokens.otherWriter, { author: null })

    const reviewer = (await queuesOf(tokens.reviewer)).reviewer
    expect(reviewer?.awaitingMyReview.map((i) => [i.title, i.daysInStage])).toEqual([
      ['Waiting ten days', 10],
      ['Waiting since today', 0],
    ])

    const writer = (await queuesOf(tokens.writer)).writer
    const changes = writer?.byStage.changes_requested?.find((i) => i.id === sentBack.id)
    expect(changes).toMatchObject({ latestNote: 'Add the dose.', openComments: 1 })
    expect(writer?.byStage.approved?.map((i) => i.title)).toEqual(['Approved, ready'])
    const everyTitle = Object.values(writer?.byStage ?? {}).flatMap((items) =>
      items.map((i) => i.title),
    )
    expect(everyTitle).not.toContain('Someone else draft')
    expect((await queuesOf(tokens.writer)).editor).toBeUndefined()

    const editor = (await queuesOf(tokens.editor)).editor
    expect(editor?.readyToPublish.map((i) => i.title)).toEqual(['Approved, ready'])
    expect(editor?.staleAfterDays).toBe(7)
    expect(editor?.stuck.map((i) => i.title)).toEqual(['Waiting ten days'])
    expect(editor?.reviewerWorkload).toEqual([
      { reviewer: 'Gina Arena', id: expect.any(String), openReviews: 2 },
    ])
  })

  it('an editor sees how many reviews each reviewer holds, unassigned ones apart', async () => {
    const unassigned = await newArticle('Nobody assigned yet')
    await t.rest(`/articles/${unassigned.id}?draft=true`, {
      method: 'PATCH',
      token: tokens.writer,
      json: { medicalReviewer: null },
    })
    await act(unassigned.id, tokens.writer, 'submit')
    const editor = (await queuesOf(tokens.editor)).editor
    expect(editor?.reviewerWorkload.find((w) => w.reviewer === null)?.openReviews).toBe(1)
    // Any reviewer may take up an unassigned review: it waits in their queue too.
    const reviewer = (await queuesOf(tokens.reviewer)).reviewer
    expect(reviewer?.awaitingMyReview.map((i) => i.title)).toContain('Nobody assigned yet')
  })
})
