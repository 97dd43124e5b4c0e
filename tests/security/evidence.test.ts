/**
 * Evidence is part of what was signed: nobody but editors changes a source or image that reviewed
 * content cites; when an editor does, live pages keep the evidence that was signed (and are flagged
 * for re-review, with a webhook), an approval that covered it is void, and no file a live or
 * reviewed version shows is replaced or deleted.
 */
import fs from 'node:fs'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import request from 'supertest'

import type { Article, Media, Source } from '@payload-types'
import { placeholderPng } from '@/seed/placeholderImage'
import { startTestPayload } from '../helpers/testPayload'
import type { TestPayload } from '../helpers/testPayload'
import { contentOf } from '../helpers/articleContent'
import { decide } from '../helpers/decision'

const PASSWORD = 'evidence-test-password'
const SLUG = 'causes-of-lower-back-spasms'
let t: TestPayload
let seedId = 0
let seed: Article
const tokens: Record<'writer' | 'writer2' | 'editor' | 'reviewer', string> = {
  writer: '',
  writer2: '',
  editor: '',
  reviewer: '',
}

type Delivered = {
  sources: { citation: string; url: string | null }[]
  heroImage: { url: string; alt: string } | null
  medicalReviewer: { name: string }
  author: { name: string }
}

const delivered = async (slug = SLUG): Promise<Delivered> => {
  const res = await request(t.app()).get(`/content/v1/articles/${slug}`)
  expect(res.status).toBe(200)
  return res.body as Delivered
}

const upload = (alt: string, rgb: [number, number, number]) => {
  const form = new FormData()
  const png = placeholderPng({ width: 8, height: 8, rgb })
  form.append(
    'file',
    new Blob([new Uint8Array(png)], { type: 'image/png' }),
    `${alt.replace(/\W+/g, '-')}.png`,
  )
  form.append('_payload', JSON.stringify({ alt }))
  return form
}

const mediaFile = (media: Media) => path.join(t.dataDir, 'media', String(media.filename))

/** Lets the background job render what changed, as it would a few seconds later. */
const refreshRenderings = () => t.payload.jobs.run({ queue: 'read-model' })

const workflowOf = async (id: number, token: string) =>
  (await (await t.rest(`/articles/${id}/workflow`, { token })).json()) as {
    stage: string
    reviewFlags: { code: string; message: string }[]
  }

const queuedWebhooks = async () =>
  (
    await t.payload.find({ collection: 'payload-jobs', pagination: false, overrideAccess: true })
  ).docs.map((job) => (job.input as { body?: { event: string; changes?: string[] } }).body)

beforeAll(async () => {
  process.env.WEBHOOK_URLS = 'http://127.0.0.1:9/signoff-hook'
  process.env.WEBHOOK_SECRET = 'evidence-test-webhook-secret'
  t = await startTestPayload()
  seedId = await t.seedDemo(PASSWORD)
  await t.addAccount({
    name: 'Second Writer',
    email: 'writer2@example.com',
    password: PASSWORD,
    roles: ['writer'],
  })
  for (const role of Object.keys(tokens) as (keyof typeof tokens)[]) {
    tokens[role] = await t.logIn(`${role}@example.com`, PASSWORD)
  }
  seed = await t.payload.findByID({ collection: 'articles', id: seedId, depth: 0 })
}, 60_000)

afterAll(async () => {
  await t?.close()
})

describe("a writer cannot change what a live, reviewed article's evidence says", () => {
  it("refuses another writer's edit of the seed article's source, and serves the signed citation", async () => {
    const before = await delivered()
    const sourceId = (seed.sources as number[])[0]
    const res = await t.rest(`/sources/${sourceId}`, {
      method: 'PATCH',
      token: tokens.writer2,
      json: { title: 'Miracle cure', url: 'https://evil.example/buy' },
    })
    expect(res.status).toBe(403)
    const source = await t.payload.findByID({ collection: 'sources', id: sourceId as number })
    expect(source.title).not.toBe('Miracle cure')
    expect(await delivered()).toEqual(before)
  })

  it('refuses a new file over the hero image, and keeps the original on disk', async () => {
    const hero = await t.payload.findByID({ collection: 'media', id: seed.heroImage as number })
    const original = fs.readFileSync(mediaFile(hero))
    for (const who of ['writer2', 'writer', 'editor'] as const) {
      const res = await t.rest(`/media/${hero.id}`, {
        method: 'PATCH',
        token: tokens[who],
        body: upload('A different picture', [200, 0, 0]),
      })
      // Refused before Payload touches the disk: 409 FILE_IN_USE, whoever asks.
      expect({ who, status: res.status }).toEqual({ who, status: 409 })
    }
    expect(fs.readFileSync(mediaFile(hero)).equals(original)).toBe(true)
    const deleted = await t.rest(`/media/${hero.id}`, { method: 'DELETE', token: tokens.editor })
    expect(deleted.status).toBe(409)
    expect(fs.existsSync(mediaFile(hero))).toBe(true)
  })

  it('lets a writer change their own source until reviewed content cites it', async () => {
    const created = await t.rest('/sources', {
      method: 'POST',
      token: tokens.writer,
      json: {
        title: 'Exercise therapy for chronic low back pain',
        url: 'https://example.org/cochrane',
        sourceType: 'systematic-review',
      },
    })
    expect(created.status).toBe(201)
    const { doc: source } = (await created.json()) as { doc: Source }
    const fix = (title: string, token: string) =>
      t.rest(`/sources/${source.id}`, { method: 'PATCH', token, json: { title } })
    expect(
      (await fix('Exercise therapy for chronic low back pain (2021)', tokens.writer)).status,
    ).toBe(200)
    expect((await fix('Not yours', tokens.writer2)).status).toBe(403)

    const article = await t.rest('/articles?draft=true', {
      method: 'POST',
      token: tokens.writer,
      json: {
        ...contentOf(seed),
        title: 'Exercise and back pain',
        sources: [source.id, ...((seed.sources as number[]) ?? [])],
      },
    })
    const { doc } = (await article.json()) as { doc: Article }
    expect((await fix('Still a draft that cites it', tokens.writer)).status).toBe(200)
    const submitted = await t.rest(`/articles/${doc.id}/workflow`, {
      method: 'POST',
      token: tokens.writer,
      json: { action: 'submit' },
    })
    expect(submitted.status).toBe(200)
    const refused = await fix('Changed during review', tokens.writer)
    expect(refused.status).toBe(403)
    expect(JSON.stringify(await refused.json())).toMatch(/ask an editor/)
  })
})

describe("an editor's change to evidence", () => {
  it('keeps the live page on the signed evidence, flags it for re-review and sends a webhook', async () => {
    const before = await delivered()
    const sourceId = (seed.sources as number[])[0] as number
    const res = await t.rest(`/sources/${sourceId}`, {
      method: 'PATCH',
      token: tokens.editor,
      json: { title: 'A retitled study', url: 'https://example.org/moved' },
    })
    expect(res.status).toBe(200)
    await refreshRenderings()
    const after = await delivered()
    expect(after.sources).toEqual(before.sources)
    expect(JSON.stringify(after)).not.toMatch(/A retitled study|example\.org\/moved/)

    const state = await workflowOf(seedId, tokens.editor)
    expect(state.reviewFlags.map((flag) => flag.code)).toEqual(['EVIDENCE_CHANGED'])
    expect(state.reviewFlags[0]?.message).toMatch(/Source \[1\].*title, url changed/)
    const summary = (await (
      await t.rest('/articles/editorial-summary', { token: tokens.editor })
    ).json()) as {
      flagged: { id: number }[]
    }
    expect(summary.flagged.map((entry) => entry.id)).toContain(seedId)
    const hooks = await queuedWebhooks()
    expect(hooks).toContainEqual(
      expect.objectContaining({
        event: 'article.evidence_changed',
        changes: [expect.stringMatching(/title, url changed/)],
      }),
    )
  })

  it('flags a live article whose source became tertiary, and leaves it live', async () => {
    const sourceId = (seed.sources as number[])[1] as number
    const res = await t.rest(`/sources/${sourceId}`, {
      method: 'PATCH',
      token: tokens.editor,
      json: { sourceType: 'tertiary' },
    })
    expect(res.status).toBe(200)
    await refreshRenderings()
    const state = await workflowOf(seedId, tokens.editor)
    expect(state.reviewFlags.map((flag) => flag.code)).toEqual([
      'EVIDENCE_CHANGED',
      'PUBLISH_RULES_FAILED',
    ])
    expect((await delivered()).sources).toHaveLength(2)
  })

  it('refreshes presentation at once: a renamed author shows on the live page', async () => {
    await t.payload.update({
      collection: 'authors',
      id: seed.author as number,
      data: { name: 'Nikita Mistry-Jones' },
    })
    expect((await delivered()).author.name).toBe('Nikita Mistry-Jones')
  })

  it('voids an approval that covered the old evidence: the article goes back to draft', async () => {
    const source = await t.payload.create({
      collection: 'sources',
      data: {
        title: 'Heat therapy for back pain',
        url: 'https://example.org/heat',
        sourceType: 'systematic-review',
      },
    })
    const created = await t.rest('/articles?draft=true', {
      method: 'POST',
      token: tokens.writer,
      json: {
        title: 'Heat and back spasms',
        summary: 'Does heat help?',
        author: seed.author,
        medicalReviewer: seed.medicalReviewer,
        sources: [source.id],
        topics: seed.topics,
      },
    })
    const { doc } = (await created.json()) as { doc: Article }
    for (const [who, action] of [
      ['writer', 'submit'],
      ['reviewer', 'approve'],
    ] as const) {
      const res = await decide({ rest: t.rest, id: doc.id, token: tokens[who], action })
      expect(res.status).toBe(200)
    }
    const edit = await t.rest(`/sources/${source.id}`, {
      method: 'PATCH',
      token: tokens.editor,
      json: { url: 'https://example.org/heat-v2' },
    })
    expect(edit.status).toBe(200)
    expect((await workflowOf(doc.id, tokens.editor)).stage).toBe('draft')
    const publish = await t.rest(`/articles/${doc.id}/workflow`, {
      method: 'POST',
      token: tokens.editor,
      json: { action: 'publish' },
    })
    expect(publish.status).toBe(409)
  })
})
