/**
 * Review comments on a passage: anchored by the server, re-found when the text moves, outdated
 * (never lost) when it goes; only the people in the review see them, by any door; an approval
 * waits for every open comment; request-changes may carry comments instead of a note.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import request from 'supertest'

import type { Article, ReviewComment } from '@payload-types'
import { textBlocks } from '@/comments/anchor'
import { idOf } from '@/shared/idOf'
import { contentOf } from '../helpers/articleContent'
import { decide, decisionBody } from '../helpers/decision'
import { changesNothing, codes } from '../helpers/dumpDatabase'
import { startTestPayload } from '../helpers/testPayload'
import type { TestPayload } from '../helpers/testPayload'
import { deliveryApp } from '../helpers/deliveryApp'

const PASSWORD = 'review-comments-password'
let t: TestPayload
let seed: Article
const tokens = {
  admin: '',
  editor: '',
  writer: '',
  reviewer: '',
  otherWriter: '',
  otherReviewer: '',
}

type Thread = {
  id: number
  quote: string
  body: string
  status: string
  anchor: { state: string; blockPath: number[] | null; start: number | null }
  replies: { body: string; author: { name: string } }[]
}

const comment = (token: string, json: Record<string, unknown>) =>
  t.rest('/review-comments', { method: 'POST', token, json })

const threads = async (id: number, token = tokens.reviewer, status = 'all') => {
  const res = await t.rest(`/articles/${id}/comments?status=${status}`, { token })
  expect(res.status).toBe(200)
  return (await res.json()) as {
    threads: Thread[]
    open: number
    resolved: number
    canStartThreads: boolean
  }
}

/** The seed's second paragraph-like block: a sentence a reviewer would query. */
const passage = (article: Article, block = 1, length = 40) => {
  const text = textBlocks(article.body)[block]?.text ?? ''
  return text.slice(0, length).trim()
}

/** A new article like the seed, by the seed's writer, submitted for review. */
const inReview = async (title: string): Promise<Article> => {
  const res = await t.rest('/articles?draft=true', {
    method: 'POST',
    token: tokens.writer,
    json: { ...contentOf(seed), title },
  })
  const { doc } = (await res.json()) as { doc: Article }
  const submitted = await decide({
    rest: t.rest,
    id: doc.id,
    token: tokens.writer,
    action: 'submit',
  })
  expect(submitted.status).toBe(200)
  return doc
}

beforeAll(async () => {
  t = await startTestPayload()
  const seedId = await t.seedDemo(PASSWORD)
  for (const who of ['admin', 'editor', 'writer', 'reviewer'] as const) {
    tokens[who] = await t.logIn(`${who}@example.com`, PASSWORD)
  }
  for (const [who, roles] of [
    ['otherWriter', ['writer']],
    ['otherReviewer', ['reviewer']],
  ] as const) {
    await t.addAccount({
      name: who,
      email: `${who.toLowerCase()}@example.com`,
      password: PASSWORD,
      roles: [...roles],
    })
    tokens[who] = await t.logIn(`${who.toLowerCase()}@example.com`, PASSWORD)
  }
  seed = await t.payload.findByID({ collection: 'articles', id: seedId, depth: 0 })
}, 90_000)

afterAll(async () => {
  await t?.close()
})

describe('a comment on a passage', () => {
  it('is anchored by the server at the first occurrence of its quote', async () => {
    const doc = await inReview('Anchored by the server')
    const quote = passage(doc)
    const res = await comment(tokens.reviewer, { article: doc.id, quote, body: 'Source?' })
    expect(res.status).toBe(201)
    const { doc: made } = (await res.json()) as { doc: ReviewComment }
    const block = textBlocks(doc.body).findIndex((b) => b.text.includes(quote))
    expect(made.anchor).toEqual({
      blockPath: textBlocks(doc.body)[block]?.path,
      start: textBlocks(doc.body)[block]?.text.indexOf(quote),
      end: (textBlocks(doc.body)[block]?.text.indexOf(quote) ?? 0) + quote.length,
    })
    expect(made.status).toBe('open')
    expect(made.authorName).toBe('Gina Arena')
  })

  it('QUOTE_NOT_FOUND: a quote that is not in the body is a 400 and changes nothing', async () => {
    const doc = await inReview('Quote not in the text')
    await changesNothing(t.payload, async () => {
      const res = await comment(tokens.reviewer, {
        article: doc.id,
        quote: 'Cures every back pain overnight',
        body: 'Where is this from?',
      })
      expect(res.status).toBe(400)
      expect(await codes(res)).toEqual(['QUOTE_NOT_FOUND'])
      const empty = await comment(tokens.reviewer, { article: doc.id, body: 'No quote' })
      expect(empty.status).toBe(400)
    })
  })

  it('survives edits elsewhere, is re-found when its text moves, and is outdated (kept) when its passage goes', async () => {
    const doc = await inReview('Anchors that move')
    const quote = passage(doc, 2)
    await comment(tokens.reviewer, { article: doc.id, quote, body: 'Check this claim.' })
    const note = 'See the comment.'
    const sent = await t.rest(`/articles/${doc.id}/workflow`, {
      method: 'POST',
      token: tokens.reviewer,
      json: await decisionBody({
        rest: t.rest,
        id: doc.id,
        token: tokens.reviewer,
        action: 'request-changes',
        note,
      }),
    })
    expect(sent.status).toBe(200)
    expect((await threads(doc.id)).threads[0]?.anchor.state).toBe('exact')

    const body = doc.body as unknown[]
    const edit = (newBody: unknown[]) =>
      t.rest(`/articles/${doc.id}?draft=true`, {
        method: 'PATCH',
        token: tokens.writer,
        json: { body: newBody },
      })
    // A new paragraph at the top moves every block down by one.
    const added = { type: 'p', children: [{ text: 'A new opening paragraph.' }] }
    expect((await edit([added, ...body])).status).toBe(200)
    const moved = (await threads(doc.id)).threads[0]
    expect(moved?.anchor.state).toBe('moved')
    expect(moved?.anchor.blockPath?.[0]).toBe(
      (textBlocks(body).find((b) => b.text.includes(quote))?.path[0] ?? -1) + 1,
    )

    // The passage is removed: the comment stays, marked outdated.
    const without = JSON.parse(JSON.stringify(body).split(quote).join('')) as unknown[]
    expect((await edit(without)).status).toBe(200)
    const outdated = (await threads(doc.id, tokens.writer)).threads[0]
    expect(outdated?.anchor.state).toBe('outdated')
    expect(outdated?.body).toBe('Check this claim.')
  })
})

describe('who takes part', () => {
  let doc: Article
  let first: ReviewComment

  beforeAll(async () => {
    doc = await inReview('Who may see the comments')
    const res = await comment(tokens.reviewer, {
      article: doc.id,
      quote: passage(doc),
      body: 'Please cite a guideline.',
    })
    first = ((await res.json()) as { doc: ReviewComment }).doc
  })

  it("the writer replies and resolves, but does not start a thread or change the reviewer's words", async () => {
    const start = await comment(tokens.writer, {
      article: doc.id,
      quote: passage(doc),
      body: 'My own thread',
    })
    expect(start.status).toBe(403)
    expect(await codes(start)).toEqual(['ROLE_NOT_ALLOWED'])

    const reply = await comment(tokens.writer, { parent: first.id, body: 'Added NICE NG59 [3].' })
    expect(reply.status).toBe(201)
    const { doc: replied } = (await reply.json()) as { doc: ReviewComment }
    expect(idOf(replied.article)).toBe(doc.id)

    await changesNothing(t.payload, async () => {
      const rewrite = await t.rest(`/review-comments/${first.id}`, {
        method: 'PATCH',
        token: tokens.writer,
        json: { body: 'Looks great!' },
      })
      expect(rewrite.status).toBe(403)
      expect(await codes(rewrite)).toEqual(['COMMENT_NOT_YOURS'])
    })

    const resolve = await t.rest(`/review-comments/${first.id}`, {
      method: 'PATCH',
      token: tokens.writer,
      json: { status: 'resolved' },
    })
    expect(resolve.status).toBe(200)
    const { doc: resolved } = (await resolve.json()) as { doc: ReviewComment }
    expect(resolved.status).toBe('resolved')
    expect(resolved.resolvedAt).toBeTruthy()
    const shown = await threads(doc.id, tokens.writer, 'resolved')
    expect(shown.threads.map((th) => th.replies.map((r) => r.body))).toEqual([
      ['Added NICE NG59 [3].'],
    ])
    expect(shown.open).toBe(0)
    // The admin offers "Comment" on a selection to those the server lets start a thread.
    expect(shown.canStartThreads).toBe(false)
    expect((await threads(doc.id, tokens.reviewer)).canStartThreads).toBe(true)
    expect((await threads(doc.id, tokens.editor)).canStartThreads).toBe(true)
  })

  it('other writers, other reviewers and anonymous readers see nothing: 404, empty lists, GraphQL not found', async () => {
    for (const token of [tokens.otherWriter, tokens.otherReviewer, undefined]) {
      const one = await t.rest(`/review-comments/${first.id}`, token ? { token } : {})
      expect(one.status).toBe(404)
      const list = await t.rest(`/review-comments?where[article][equals]=${doc.id}`, {
        ...(token ? { token } : {}),
      })
      expect(list.status).toBe(200)
      expect(((await list.json()) as { totalDocs: number }).totalDocs).toBe(0)
      const graphql = await t.graphql(
        `{ ReviewComment(id: ${first.id}) { body } ReviewComments { totalDocs } }`,
        token,
      )
      expect(JSON.stringify(graphql.data)).not.toContain('Please cite a guideline.')
      expect((graphql.data?.ReviewComments as { totalDocs: number } | null)?.totalDocs ?? 0).toBe(0)
    }
    // Nor may they resolve, reply or delete.
    await changesNothing(t.payload, async () => {
      const resolve = await t.rest(`/review-comments/${first.id}`, {
        method: 'PATCH',
        token: tokens.otherWriter,
        json: { status: 'open' },
      })
      expect(resolve.status).toBe(404)
      const reply = await comment(tokens.otherWriter, { parent: first.id, body: 'Me too' })
      expect(reply.status).toBe(404)
      const remove = await t.rest(`/review-comments/${first.id}`, {
        method: 'DELETE',
        token: tokens.otherWriter,
      })
      expect([403, 404]).toContain(remove.status)
    })
  })

  it('is never deleted once the article has a review record, not even by its author', async () => {
    await changesNothing(t.payload, async () => {
      const remove = await t.rest(`/review-comments/${first.id}`, {
        method: 'DELETE',
        token: tokens.reviewer,
      })
      expect(remove.status).toBe(409)
      expect(await codes(remove)).toEqual(['HAS_REVIEW_HISTORY'])
    })
  })

  it('never reaches the delivery API, previews included', async () => {
    const app = deliveryApp({
      payload: t.payload,
    })
    const link = await t.rest(`/articles/${doc.id}/preview-link`, { token: tokens.editor })
    const { url } = (await link.json()) as { url: string }
    const preview = await request(app).get(url.replace(/^https?:\/\/[^/]+/, ''))
    expect(preview.status).toBe(200)
    expect(preview.text).not.toContain('Please cite a guideline.')
    expect(preview.text).not.toContain('NICE NG59')
    expect((await request(app).get('/content/v1/review-comments')).status).toBe(404)
  })
})

describe('a draft never submitted', () => {
  it('may be deleted by an editor with its comments, which go with it', async () => {
    const res = await t.rest('/articles?draft=true', {
      method: 'POST',
      token: tokens.writer,
      json: { ...contentOf(seed), title: 'Draft with an editor note' },
    })
    const { doc } = (await res.json()) as { doc: Article }
    const made = await comment(tokens.editor, {
      article: doc.id,
      quote: passage(doc),
      body: 'Before you submit: shorten this.',
    })
    expect(made.status).toBe(201)
    const removed = await t.rest(`/articles/${doc.id}`, { method: 'DELETE', token: tokens.editor })
    expect(removed.status).toBe(200)
    const left = await t.payload.count({
      collection: 'review-comments',
      where: { article: { equals: doc.id } },
    })
    expect(left.totalDocs).toBe(0)
  })
})

describe('decisions and open comments', () => {
  it('OPEN_COMMENTS: approve is refused while a comment is open, listing it; resolved, it goes through', async () => {
    const doc = await inReview('Approve waits for comments')
    const quote = passage(doc)
    const made = await comment(tokens.reviewer, { article: doc.id, quote, body: 'Dose?' })
    const { doc: open } = (await made.json()) as { doc: ReviewComment }
    await changesNothing(t.payload, async () => {
      const refused = await decide({
        rest: t.rest,
        id: doc.id,
        token: tokens.reviewer,
        action: 'approve',
      })
      expect(refused.status).toBe(409)
      const { errors } = (await refused.json()) as {
        errors: { code: string; comments?: { id: number; quote: string; body: string }[] }[]
      }
      expect(errors.map((e) => e.code)).toEqual(['OPEN_COMMENTS'])
      expect(errors[0]?.comments).toEqual([
        { id: open.id, quote, body: 'Dose?', author: 'Gina Arena' },
      ])
    })
    await t.rest(`/review-comments/${open.id}`, {
      method: 'PATCH',
      token: tokens.reviewer,
      json: { status: 'resolved' },
    })
    const approved = await decide({
      rest: t.rest,
      id: doc.id,
      token: tokens.reviewer,
      action: 'approve',
    })
    expect(approved.status).toBe(200)
  })

  it('request-changes carries comments instead of a note; a bad quote takes back the whole decision', async () => {
    const doc = await inReview('Changes by comment')
    const base = await decisionBody({
      rest: t.rest,
      id: doc.id,
      token: tokens.reviewer,
      action: 'request-changes',
    })
    await changesNothing(t.payload, async () => {
      const bare = await t.rest(`/articles/${doc.id}/workflow`, {
        method: 'POST',
        token: tokens.reviewer,
        json: base,
      })
      expect(await codes(bare)).toEqual(['NOTE_REQUIRED'])
      const bad = await t.rest(`/articles/${doc.id}/workflow`, {
        method: 'POST',
        token: tokens.reviewer,
        json: {
          ...base,
          comments: [
            { quote: passage(doc), body: 'Fine' },
            { quote: 'not in this article at all', body: 'Hm' },
          ],
        },
      })
      expect(bad.status).toBe(400)
      expect(await codes(bad)).toEqual(['QUOTE_NOT_FOUND'])
      const malformed = await t.rest(`/articles/${doc.id}/workflow`, {
        method: 'POST',
        token: tokens.reviewer,
        json: { ...base, comments: [{ quote: 1 }] },
      })
      expect(malformed.status).toBe(400)
      expect(await codes(malformed)).toEqual(['INVALID_BODY'])
    })
    const res = await t.rest(`/articles/${doc.id}/workflow`, {
      method: 'POST',
      token: tokens.reviewer,
      json: { ...base, comments: [{ quote: passage(doc), body: 'Cite the trial here.' }] },
    })
    expect(res.status).toBe(200)
    expect(((await res.json()) as { stage: string }).stage).toBe('changes_requested')
    const { threads: made, open } = await threads(doc.id, tokens.writer, 'open')
    expect(open).toBe(1)
    expect(made[0]?.body).toBe('Cite the trial here.')
  })
})
