/**
 * Scheduled publish and expiry: an editor sets a publish or archive for a time; the `schedules`
 * jobs queue takes the same decision through the same transition table when the time comes, as
 * that editor. What would be refused then (content changed, credentials lapsed) is not applied,
 * is kept on the schedule with its reasons, and the editor is e-mailed.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import request from 'supertest'
import type { Express } from 'express'

import type { Article, ScheduledAction } from '@payload-types'
import { idOf } from '@/shared/idOf'
import { SCHEDULE_QUEUE } from '@/schedules/schedules'
import { decide } from '../helpers/decision'
import { changesNothing, codes } from '../helpers/dumpDatabase'
import { startTestPayload } from '../helpers/testPayload'
import type { TestPayload } from '../helpers/testPayload'

const PASSWORD = 'scheduled-decisions-password'
let t: TestPayload
let app: Express
const tokens = { editor: '', writer: '', reviewer: '' }
let editorId: number | string

type Panel = {
  fingerprint: string
  schedules: { id: number; action: string; status: string; outcome: string | null }[]
}

const panel = async (id: number | string, token = tokens.editor) =>
  (await (await t.rest(`/articles/${id}/workflow`, { token })).json()) as Panel

const schedule = async (
  id: number | string,
  json: Record<string, unknown>,
  token = tokens.editor,
): Promise<Response> => t.rest(`/articles/${id}/workflow`, { method: 'POST', token, json })

const inMs = (ms: number) => new Date(Date.now() + ms).toISOString()

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** The queue, run as the worker runs it: only jobs whose time has come. */
const runSchedules = () => t.payload.jobs.run({ queue: SCHEDULE_QUEUE, limit: 50 })

const waitFor = async (iso: string) => {
  await sleep(Math.max(0, new Date(iso).getTime() - Date.now()) + 50)
}

const scheduleRow = (id: number | string) =>
  t.payload.findByID({ collection: 'scheduled-actions', id, depth: 0 }) as Promise<ScheduledAction>

const live = async (id: number | string) =>
  (await t.payload.findByID({ collection: 'articles', id, depth: 0, draft: false })) as Article

const approved = (title: string) =>
  t.publishLikeSeed({ title, tokens, until: 'approved', extra: {} })

const publishRecords = async (id: number | string) =>
  (
    await t.payload.find({
      collection: 'review-records',
      where: { and: [{ article: { equals: id } }, { action: { equals: 'publish' } }] },
      depth: 0,
    })
  ).docs

const refusalNotices = async () =>
  (
    await t.payload.find({
      collection: 'payload-jobs',
      where: { taskSlug: { equals: 'sendNotification' } },
      limit: 200,
      depth: 0,
    })
  ).docs
    .map(
      (job) =>
        job.input as { recipient: number | string; notice: { event: string; detail?: string } },
    )
    .filter((input) => input.notice.event === 'scheduleRefused')

beforeAll(async () => {
  t = await startTestPayload()
  await t.seedDemo(PASSWORD)
  for (const who of ['editor', 'writer', 'reviewer'] as const) {
    tokens[who] = await t.logIn(`${who}@example.com`, PASSWORD)
  }
  const { docs } = await t.payload.find({
    collection: 'users',
    where: { email: { equals: 'editor@example.com' } },
    depth: 0,
  })
  editorId = docs[0]!.id
  app = t.app()
}, 90_000)

afterAll(async () => {
  await t?.close()
})

describe('scheduling a decision', () => {
  it('refuses what cannot be scheduled with a clear 4xx, changing nothing', async () => {
    const article = await approved('Refused schedules')
    const { fingerprint } = await panel(article.id)
    await changesNothing(t.payload, async () => {
      const asWriter = await schedule(
        article.id,
        { action: 'publish', at: inMs(60_000) },
        tokens.writer,
      )
      expect(asWriter.status).toBe(403)
      expect(await codes(asWriter)).toEqual(['ROLE_NOT_ALLOWED'])
      const submitLater = await schedule(article.id, { action: 'submit', at: inMs(60_000) })
      expect(submitLater.status).toBe(400)
      expect(await codes(submitLater)).toEqual(['NOT_SCHEDULABLE'])
      for (const at of [
        new Date(Date.now() - 60_000).toISOString(),
        '2027-01-05T09:00',
        '2027-02-30T09:00:00Z',
        'tomorrow',
        12345,
        inMs(400 * 24 * 60 * 60 * 1000),
      ]) {
        const res = await schedule(article.id, { action: 'publish', at })
        expect(res.status).toBe(400)
        expect(await codes(res)).toEqual(['INVALID_BODY'])
      }
      const stale = await schedule(article.id, {
        action: 'publish',
        at: inMs(60_000),
        fingerprint: 'v2:0000',
      })
      expect(stale.status).toBe(409)
      expect(await codes(stale)).toEqual(['CONTENT_CHANGED_SINCE_VIEWED'])
      const expireDraft = await schedule(article.id, { action: 'archive', at: inMs(60_000) })
      expect(expireDraft.status).toBe(409)
      expect(await codes(expireDraft)).toEqual(['NOT_ALLOWED_FROM_STAGE'])
      expect(fingerprint).toMatch(/^v\d+:/)
    })
  })

  it('publishes at its time, through the schedules queue, as the editor who set it', async () => {
    const article = await approved('Published on schedule')
    const { fingerprint } = await panel(article.id)
    const at = inMs(1500)
    const res = await schedule(article.id, { action: 'publish', at, fingerprint })
    expect(res.status).toBe(202)
    const answer = (await res.json()) as {
      id: number
      action: string
      scheduledFor: string
      schedule: { id: number; status: string }
    }
    expect(answer).toMatchObject({ id: article.id, action: 'publish', scheduledFor: at })
    expect(answer.schedule.status).toBe('scheduled')
    const jobs = await t.payload.find({
      collection: 'payload-jobs',
      where: { taskSlug: { equals: 'applyScheduledAction' } },
      depth: 0,
    })
    // Payload's own scheduled publish would sit on `default`, which nothing polls.
    expect(jobs.docs.map((job) => job.queue)).toEqual([SCHEDULE_QUEUE])

    const again = await schedule(article.id, { action: 'publish', at: inMs(60_000) })
    expect(again.status).toBe(409)
    expect(await codes(again)).toEqual(['ALREADY_SCHEDULED'])
    expect((await panel(article.id)).schedules).toEqual([
      expect.objectContaining({ id: answer.schedule.id, action: 'publish', status: 'scheduled' }),
    ])

    // Before its time the queue leaves it alone.
    await runSchedules()
    expect((await live(article.id))._status).not.toBe('published')
    expect((await request(app).get('/content/v1/articles/published-on-schedule')).status).toBe(404)

    await waitFor(at)
    await runSchedules()
    const after = await live(article.id)
    expect(after).toMatchObject({ _status: 'published', stage: 'published' })
    expect((await request(app).get('/content/v1/articles/published-on-schedule')).status).toBe(200)
    const [record] = await publishRecords(article.id)
    expect(idOf(record?.actor)).toEqual(editorId)
    expect(record?.note).toMatch(/^Scheduled by Eddie/)
    expect(await scheduleRow(answer.schedule.id)).toMatchObject({
      status: 'applied',
      outcome: 'Published.',
    })
    // Run again: nothing is published twice.
    await runSchedules()
    expect(await publishRecords(article.id)).toHaveLength(1)
  })

  it('is refused at its time when the content changed after scheduling, even re-approved: nothing goes live, the editor is told', async () => {
    const article = await approved('Changed after scheduling')
    const { fingerprint } = await panel(article.id)
    const at = inMs(2500)
    const res = await schedule(article.id, { action: 'publish', at, fingerprint })
    expect(res.status).toBe(202)
    const { schedule: made } = (await res.json()) as { schedule: { id: number } }
    // The writer changes the summary and takes it through review again.
    const edited = await t.rest(`/articles/${article.id}?draft=true`, {
      method: 'PATCH',
      token: tokens.writer,
      json: { summary: 'A different summary, written after the publish was scheduled.' },
    })
    expect(edited.status).toBe(200)
    for (const [who, action] of [
      ['writer', 'submit'],
      ['reviewer', 'approve'],
    ] as const) {
      expect(
        (await decide({ rest: t.rest, id: article.id, token: tokens[who], action })).status,
      ).toBe(200)
    }
    await waitFor(at)
    await runSchedules()
    expect((await live(article.id))._status).not.toBe('published')
    expect(await publishRecords(article.id)).toHaveLength(0)
    const row = await scheduleRow(made.id)
    expect(row.status).toBe('refused')
    expect((row.refusals as { code: string }[]).map((r) => r.code)).toEqual([
      'CONTENT_CHANGED_SINCE_VIEWED',
    ])
    const notices = await refusalNotices()
    expect(notices).toEqual([
      expect.objectContaining({
        recipient: editorId,
        notice: expect.objectContaining({ event: 'scheduleRefused' }),
      }),
    ])
    expect(notices[0]?.notice.detail).toMatch(/changed after you opened it/)
    // The editor sees why on the article, and can publish what was re-approved by hand.
    expect((await panel(article.id)).schedules).toEqual([
      expect.objectContaining({ id: made.id, status: 'refused' }),
    ])
  })

  it("is refused when the reviewer's credentials lapsed before its time", async () => {
    const article = await approved('Credentials lapsed before publish')
    const { fingerprint } = await panel(article.id)
    const at = inMs(1500)
    expect((await schedule(article.id, { action: 'publish', at, fingerprint })).status).toBe(202)
    const reviewerId = idOf(article.medicalReviewer) as number
    const profile = await t.payload.findByID({ collection: 'medical-reviewers', id: reviewerId })
    await t.payload.update({
      collection: 'medical-reviewers',
      id: reviewerId,
      data: { credentialsVerifiedUntil: new Date(Date.now() - 86_400_000).toISOString() },
    })
    try {
      await waitFor(at)
      await runSchedules()
      expect((await live(article.id))._status).not.toBe('published')
      const [row] = (
        await t.payload.find({
          collection: 'scheduled-actions',
          where: { article: { equals: article.id } },
          depth: 0,
        })
      ).docs
      expect(row?.status).toBe('refused')
      expect((row?.refusals as { code: string }[]).map((r) => r.code)).toEqual([
        'REVIEWER_CREDENTIALS_LAPSED',
      ])
      // Publishing by hand is refused for the same reason: one rule for every door.
      const now = await t.rest(`/articles/${article.id}/workflow`, {
        method: 'POST',
        token: tokens.editor,
        json: { action: 'publish' },
      })
      expect(now.status).toBe(409)
      expect(await codes(now)).toEqual(['REVIEWER_CREDENTIALS_LAPSED'])
    } finally {
      await t.payload.update({
        collection: 'medical-reviewers',
        id: reviewerId,
        data: { credentialsVerifiedUntil: profile.credentialsVerifiedUntil },
      })
    }
  })
})

describe('cancelling and superseding', () => {
  it('a cancelled schedule does nothing; only editors may cancel, once', async () => {
    const article = await approved('Cancelled schedule')
    const at = inMs(1500)
    const res = await schedule(article.id, { action: 'publish', at })
    const { schedule: made } = (await res.json()) as { schedule: { id: number } }
    const cancel = (token: string, id: number | string = made.id) =>
      t.rest(`/scheduled-actions/${id}/cancel`, { method: 'POST', token })
    await changesNothing(t.payload, async () => {
      for (const token of [tokens.writer, tokens.reviewer]) {
        const res = await cancel(token)
        expect(res.status).toBe(404)
        expect(await codes(res)).toEqual(['NOT_FOUND'])
      }
      expect(
        (await t.rest(`/scheduled-actions/${made.id}/cancel`, { method: 'POST' })).status,
      ).toBe(401)
      expect(await codes(await cancel(tokens.editor, 'nope'))).toEqual(['NOT_FOUND'])
    })
    const cancelled = await cancel(tokens.editor)
    expect(cancelled.status).toBe(200)
    expect(await scheduleRow(made.id)).toMatchObject({
      status: 'cancelled',
      outcome: expect.stringMatching(/^Cancelled by Eddie/),
    })
    const twice = await cancel(tokens.editor)
    expect(twice.status).toBe(409)
    expect(await codes(twice)).toEqual(['SCHEDULE_NOT_PENDING'])
    await waitFor(at)
    await runSchedules()
    expect((await live(article.id))._status).not.toBe('published')
  })

  it('publishing by hand closes the waiting schedule, which then does nothing', async () => {
    const article = await approved('Published by hand first')
    const at = inMs(1500)
    const { schedule: made } = (await (
      await schedule(article.id, { action: 'publish', at })
    ).json()) as { schedule: { id: number } }
    expect(
      (await decide({ rest: t.rest, id: article.id, token: tokens.editor, action: 'publish' }))
        .status,
    ).toBe(200)
    expect(await scheduleRow(made.id)).toMatchObject({
      status: 'cancelled',
      outcome: expect.stringMatching(/published first/),
    })
    await waitFor(at)
    await runSchedules()
    expect(await publishRecords(article.id)).toHaveLength(1)
  })

  it("Payload's own Publish closes the waiting schedule as well", async () => {
    const article = await approved('Published with the Publish button')
    const { schedule: made } = (await (
      await schedule(article.id, { action: 'publish', at: inMs(60_000) })
    ).json()) as { schedule: { id: number } }
    const published = await t.rest(`/articles/${article.id}`, {
      method: 'PATCH',
      token: tokens.editor,
      json: { _status: 'published' },
    })
    expect(published.status).toBe(200)
    expect(await scheduleRow(made.id)).toMatchObject({
      status: 'cancelled',
      outcome: expect.stringMatching(/published first/),
    })
  })

  it('an expiry archives a live article at its time, and readers stop seeing it', async () => {
    const article = await t.publishLikeSeed({ title: 'Expires soon', tokens })
    expect((await request(app).get('/content/v1/articles/expires-soon')).status).toBe(200)
    const at = inMs(1500)
    const res = await schedule(article.id, { action: 'archive', at })
    expect(res.status).toBe(202)
    await waitFor(at)
    await runSchedules()
    expect((await live(article.id)).stage).toBe('archived')
    expect((await request(app).get('/content/v1/articles/expires-soon')).status).toBe(404)
  })
})

describe('the list of scheduled decisions', () => {
  it('editors read it; writers, reviewers and the public do not, and nobody writes it directly', async () => {
    const asEditor = await t.rest('/scheduled-actions?limit=100', { token: tokens.editor })
    expect(asEditor.status).toBe(200)
    const { docs } = (await asEditor.json()) as { docs: ScheduledAction[] }
    expect(new Set(docs.map((doc) => doc.status))).toEqual(
      new Set(['applied', 'refused', 'cancelled']),
    )
    for (const token of [tokens.writer, tokens.reviewer, undefined]) {
      const res = await t.rest('/scheduled-actions', token ? { token } : {})
      expect(res.status).toBe(403)
    }
    const first = docs[0] as ScheduledAction
    await changesNothing(t.payload, async () => {
      const created = await t.rest('/scheduled-actions', {
        method: 'POST',
        token: tokens.editor,
        json: { article: idOf(first.article), action: 'publish', at: inMs(60_000) },
      })
      expect(created.status).toBe(403)
      const changed = await t.rest(`/scheduled-actions/${first.id}`, {
        method: 'PATCH',
        token: tokens.editor,
        json: { status: 'scheduled' },
      })
      expect(changed.status).toBe(403)
    })
  })
})
