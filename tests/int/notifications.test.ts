/**
 * E-mail notifications through a real SMTP server in this process: who hears of each event, what
 * the message says and links to, opting out, the daily digest, and a mail server in trouble, which
 * neither blocks nor undoes the decision and is retried by the jobs queue.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'

import type { Article, User } from '@payload-types'
import { notifyExpiringCredentials } from '@/notifications/credentialsExpiring'
import { sweepReviewStatus } from '@/reviewDue/sweep'
import { idOf } from '@/shared/idOf'
import { contentOf } from '../helpers/articleContent'
import { decide } from '../helpers/decision'
import { startMailbox } from '../helpers/mailbox'
import type { Mail, Mailbox } from '../helpers/mailbox'
import { startTestPayload } from '../helpers/testPayload'
import type { TestPayload } from '../helpers/testPayload'

const PASSWORD = 'notifications-password'
const SERVER_URL = 'https://cms.signoff.test'
const DAY_MS = 24 * 60 * 60 * 1000

let t: TestPayload
let mailbox: Mailbox
let seed: Article
const tokens: Record<string, string> = {}
const users: Record<string, User> = {}

const link = (id: number | string, collection = 'articles') =>
  `${SERVER_URL}/admin/collections/${collection}/${id}`

/** The Subject header, unfolded. */
const subjectOf = (mail: Mail): string =>
  (/^Subject: (.*(?:\r?\n[ \t].*)*)/m.exec(mail.raw)?.[1] ?? '').replace(/\r?\n[ \t]/g, ' ')

/** Runs the notifications queue as the autorun cron would, until nothing is left to run now. */
const runQueue = async () => {
  for (let round = 0; round < 5; round += 1) {
    const result = await t.payload.jobs.run({ queue: 'notifications', limit: 100 })
    if (result.noJobsRemaining) {
      return
    }
  }
}

/** Every message the queue sends now, as `[recipient, subject]`, sorted. */
const delivered = async (): Promise<[string, string][]> => {
  await runQueue()
  return mailbox.messages
    .flatMap((mail) => mail.to.map((to): [string, string] => [to, subjectOf(mail)]))
    .sort((a, b) => (a.join(' ') < b.join(' ') ? -1 : 1))
}

const step = async (id: number | string, as: string, action: string, note?: string) => {
  const res = await decide({ rest: t.rest, id, token: tokens[as], action, note })
  expect(res.status).toBe(200)
}

/** A new article by the writer, with the seed article's author, reviewer and evidence. */
const newArticle = async (title: string, extra: Partial<Article> = {}): Promise<Article> => {
  const res = await t.rest('/articles?draft=true', {
    method: 'POST',
    token: tokens.writer,
    json: { ...contentOf(seed), title, ...extra },
  })
  expect(res.status).toBe(201)
  return ((await res.json()) as { doc: Article }).doc
}

const setPreferences = async (who: string, notifications: Record<string, unknown>) => {
  const res = await t.rest(`/users/${users[who]?.id}`, {
    method: 'PATCH',
    token: tokens[who],
    json: { notifications },
  })
  expect(res.status).toBe(200)
}

const sendNotificationJobs = async () =>
  (
    await t.payload.find({
      collection: 'payload-jobs',
      where: { taskSlug: { equals: 'sendNotification' } },
      limit: 100,
    })
  ).docs

beforeAll(async () => {
  mailbox = await startMailbox()
  process.env.SMTP_URL = mailbox.url
  process.env.EMAIL_FROM = 'Signoff <no-reply@signoff.test>'
  process.env.SERVER_URL = SERVER_URL
  process.env.NOTIFICATION_RETRY_DELAY_MS = '0'
  t = await startTestPayload()
  const seedId = await t.seedDemo(PASSWORD)
  seed = await t.payload.findByID({ collection: 'articles', id: seedId, depth: 0 })
  await t.addAccount({
    name: 'Second Reviewer',
    email: 'reviewer2@example.com',
    password: PASSWORD,
    roles: ['reviewer'],
  })
  const lapsed = await t.addAccount({
    name: 'Lapsed Reviewer',
    email: 'lapsed@example.com',
    password: PASSWORD,
    roles: ['reviewer'],
  })
  await t.payload.update({
    collection: 'medical-reviewers',
    id: idOf(lapsed.medicalReviewer) as number,
    data: { credentialsVerifiedUntil: '2020-01-01T00:00:00.000Z' },
  })
  for (const who of ['admin', 'editor', 'writer', 'reviewer', 'reviewer2']) {
    const res = await t.rest('/users/login', {
      method: 'POST',
      json: { email: `${who}@example.com`, password: PASSWORD },
    })
    const body = (await res.json()) as { token: string; user: User }
    tokens[who] = body.token
    users[who] = body.user
  }
}, 60_000)

afterAll(async () => {
  await t?.close()
  await mailbox?.close()
})

beforeEach(async () => {
  mailbox.refuse(false)
  await runQueue()
  mailbox.messages.length = 0
})

describe('each decision e-mails the person whose turn it is, never the one who acted', () => {
  it('submit: the assigned reviewer, after the request, with a link to the article', async () => {
    const article = await newArticle('Heat or ice for back spasms')
    await step(article.id, 'writer', 'submit')
    // Queued with the decision, not sent inside its request.
    expect(mailbox.messages).toEqual([])
    expect(await delivered()).toEqual([
      ['reviewer@example.com', 'Review requested: Heat or ice for back spasms'],
    ])
    const mail = mailbox.messages[0] as Mail
    expect(mail.raw).toContain(link(article.id))
    expect(mail.raw).toContain('Nikita Mistry submitted')
    expect(mail.raw).toContain('Next: Read it, then approve it or request changes.')
    expect(mail.raw).toMatch(/Content-Type: text\/html/i)
    // The title is the only draft content a message names.
    expect(mail.raw).not.toContain(article.summary as string)
  })

  it('submit with no reviewer assigned: every reviewer whose credentials are current', async () => {
    const article = await newArticle('Sleeping positions for back pain', { medicalReviewer: null })
    await step(article.id, 'writer', 'submit')
    expect((await delivered()).map(([to]) => to)).toEqual([
      'reviewer2@example.com',
      'reviewer@example.com',
    ])
  })

  it('request changes: the writer; approve: the editors; publish and archive: writer and reviewer', async () => {
    const article = await newArticle('Walking with back spasms')
    await step(article.id, 'writer', 'submit')
    await runQueue()
    mailbox.messages.length = 0

    await step(article.id, 'reviewer', 'request-changes', 'Cite the 2019 trial.')
    expect(await delivered()).toEqual([
      ['writer@example.com', 'Changes requested: Walking with back spasms'],
    ])
    expect(mailbox.messages[0]?.raw).toContain(link(article.id))
    mailbox.messages.length = 0

    await step(article.id, 'writer', 'submit')
    await step(article.id, 'reviewer', 'approve')
    expect(await delivered()).toEqual([
      ['editor@example.com', 'Approved, ready to publish: Walking with back spasms'],
      ['reviewer@example.com', 'Review requested: Walking with back spasms'],
    ])
    mailbox.messages.length = 0

    await step(article.id, 'editor', 'publish')
    expect(await delivered()).toEqual([
      ['reviewer@example.com', 'Published: Walking with back spasms'],
      ['writer@example.com', 'Published: Walking with back spasms'],
    ])
    mailbox.messages.length = 0

    await step(article.id, 'editor', 'archive')
    expect(await delivered()).toEqual([
      ['reviewer@example.com', 'Archived: Walking with back spasms'],
      ['writer@example.com', 'Archived: Walking with back spasms'],
    ])
  })

  it("Payload's own Publish button notifies like the workflow endpoint", async () => {
    const article = await newArticle('Back spasms at night')
    await step(article.id, 'writer', 'submit')
    await step(article.id, 'reviewer', 'approve')
    await runQueue()
    mailbox.messages.length = 0
    const res = await t.rest(`/articles/${article.id}`, {
      method: 'PATCH',
      token: tokens.editor,
      json: { _status: 'published' },
    })
    expect(res.status).toBe(200)
    expect(await delivered()).toEqual([
      ['reviewer@example.com', 'Published: Back spasms at night'],
      ['writer@example.com', 'Published: Back spasms at night'],
    ])
  })

  it('withdraw tells nobody', async () => {
    const article = await newArticle('Stretching before work')
    await step(article.id, 'writer', 'submit')
    await runQueue()
    mailbox.messages.length = 0
    await step(article.id, 'writer', 'withdraw')
    expect(await delivered()).toEqual([])
  })
})

describe('settings', () => {
  it('a kind turned off in the account is not sent; the others still are', async () => {
    await setPreferences('writer', { published: false })
    try {
      const article = await newArticle('Massage for back spasms')
      await step(article.id, 'writer', 'submit')
      await step(article.id, 'reviewer', 'approve')
      await runQueue()
      mailbox.messages.length = 0
      await step(article.id, 'editor', 'publish')
      expect((await delivered()).map(([to]) => to)).toEqual(['reviewer@example.com'])
      mailbox.messages.length = 0
      await step(article.id, 'editor', 'archive')
      expect((await delivered()).map(([to]) => to)).toEqual([
        'reviewer@example.com',
        'writer@example.com',
      ])
    } finally {
      await setPreferences('writer', { published: true })
    }
  })

  it('the daily digest gathers the messages into one e-mail, sent once', async () => {
    await setPreferences('reviewer', { digest: 'daily' })
    try {
      const first = await newArticle('Core exercises')
      const second = await newArticle('Posture at the desk')
      await step(first.id, 'writer', 'submit')
      await step(second.id, 'writer', 'submit')
      expect(await delivered()).toEqual([])

      await t.payload.jobs.queue({
        task: 'sendNotificationDigests',
        input: {},
        queue: 'notifications',
      })
      expect(await delivered()).toEqual([
        ['reviewer@example.com', 'Signoff daily digest: 2 updates'],
      ])
      const mail = mailbox.messages[0] as Mail
      expect(mail.raw).toContain(link(first.id))
      expect(mail.raw).toContain(link(second.id))
      expect(mail.raw).toContain('"Core exercises" for medical review')

      mailbox.messages.length = 0
      await t.payload.jobs.queue({
        task: 'sendNotificationDigests',
        input: {},
        queue: 'notifications',
      })
      expect(await delivered()).toEqual([])
    } finally {
      await setPreferences('reviewer', { digest: 'immediate' })
    }
  })
})

describe('reminders, once each', () => {
  it('a review due soon, then overdue: the reviewer and the editors, once per due date', async () => {
    const now = new Date()
    // The seed article's review fell due long ago: its one overdue notice goes out first.
    await sweepReviewStatus({ payload: t.payload, now })
    expect(await delivered()).toEqual([
      ['editor@example.com', 'Medical review overdue: Causes of Lower Back Spasms'],
      ['reviewer@example.com', 'Medical review overdue: Causes of Lower Back Spasms'],
    ])
    mailbox.messages.length = 0
    const due = new Date(now.getTime() + 10 * DAY_MS).toISOString()
    const live = await t.payload.create({
      collection: 'articles',
      context: { editorialTransition: 'seed' },
      data: {
        title: 'Due for review',
        _status: 'published',
        stage: 'published',
        medicalReviewer: seed.medicalReviewer,
        nextReviewDue: due,
        reviewStatus: 'current',
      },
    })
    await sweepReviewStatus({ payload: t.payload, now })
    const dueDay = due.slice(0, 10)
    expect(await delivered()).toEqual([
      ['editor@example.com', `Medical review due ${dueDay}: Due for review`],
      ['reviewer@example.com', `Medical review due ${dueDay}: Due for review`],
    ])
    expect(mailbox.messages[0]?.raw).toContain(link(live.id))
    mailbox.messages.length = 0

    await sweepReviewStatus({ payload: t.payload, now: new Date(now.getTime() + DAY_MS) })
    expect(await delivered()).toEqual([])

    const later = new Date(now.getTime() + 11 * DAY_MS)
    await sweepReviewStatus({ payload: t.payload, now: later })
    await sweepReviewStatus({ payload: t.payload, now: later })
    expect(await delivered()).toEqual([
      ['editor@example.com', 'Medical review overdue: Due for review'],
      ['reviewer@example.com', 'Medical review overdue: Due for review'],
    ])
  })

  it('credentials expiring within 30 days: the reviewer and the admins, once per expiry date', async () => {
    const profileId = idOf(users.reviewer2?.medicalReviewer) as number
    const until = new Date(Date.now() + 12 * DAY_MS).toISOString()
    await t.payload.update({
      collection: 'medical-reviewers',
      id: profileId,
      data: { credentialsVerifiedUntil: until },
    })
    try {
      await notifyExpiringCredentials({ payload: t.payload })
      const subject = `Reviewer credentials expire ${until.slice(0, 10)}: Second Reviewer`
      expect(await delivered()).toEqual([
        ['admin@example.com', subject],
        ['reviewer2@example.com', subject],
      ])
      expect(mailbox.messages[0]?.raw).toContain(link(profileId, 'medical-reviewers'))
      mailbox.messages.length = 0
      await notifyExpiringCredentials({ payload: t.payload })
      expect(await delivered()).toEqual([])
    } finally {
      await t.payload.update({
        collection: 'medical-reviewers',
        id: profileId,
        data: { credentialsVerifiedUntil: '2099-01-01T00:00:00.000Z' },
      })
    }
  })
})

describe('comments', () => {
  it("a comment through the API tells the article's writer; the writer's reply tells the reviewer; comments made with request-changes ride on its one e-mail", async () => {
    const article = await newArticle('Yoga for back spasms')
    await step(article.id, 'writer', 'submit')
    await delivered()
    mailbox.messages.length = 0
    const quote = JSON.stringify(article.body)
      .match(/"text":"([^"\\[]{30,})/)?.[1]
      ?.slice(0, 30)
    const made = await t.rest('/review-comments', {
      method: 'POST',
      token: tokens.reviewer,
      json: { article: article.id, quote, body: 'Which poses?' },
    })
    expect(made.status).toBe(201)
    const { doc: thread } = (await made.json()) as { doc: { id: number } }
    expect(await delivered()).toEqual([['writer@example.com', 'New comment: Yoga for back spasms']])
    expect(mailbox.messages[0]?.raw).toContain(link(article.id))
    // The comment's words are draft content: they stay in the admin.
    expect(mailbox.messages[0]?.raw).not.toContain('Which poses?')
    mailbox.messages.length = 0

    const reply = await t.rest('/review-comments', {
      method: 'POST',
      token: tokens.writer,
      json: { parent: thread.id, body: 'Child pose and cat-cow.' },
    })
    expect(reply.status).toBe(201)
    expect(await delivered()).toEqual([['reviewer@example.com', 'New reply: Yoga for back spasms']])
    mailbox.messages.length = 0

    const fingerprint = (
      (await (
        await t.rest(`/articles/${article.id}/workflow`, { token: tokens.reviewer })
      ).json()) as {
        fingerprint: string
      }
    ).fingerprint
    const sent = await t.rest(`/articles/${article.id}/workflow`, {
      method: 'POST',
      token: tokens.reviewer,
      json: {
        action: 'request-changes',
        fingerprint,
        comments: [{ quote, body: 'Add a source here.' }],
      },
    })
    expect(sent.status).toBe(200)
    expect((await delivered()).map(([to, subject]) => `${to} ${subject.split(':')[0]}`)).toEqual([
      'writer@example.com Changes requested',
    ])
  })
})

describe('a mail server in trouble', () => {
  it('neither blocks nor undoes the decision; the message is retried and arrives later', async () => {
    mailbox.refuse(true)
    const article = await newArticle('Hot baths for back spasms')
    await step(article.id, 'writer', 'submit')
    const stored = await t.payload.findByID({ collection: 'articles', id: article.id, draft: true })
    expect(stored.stage).toBe('in_review')
    await t.payload.jobs.run({ queue: 'notifications' })
    expect(mailbox.messages).toEqual([])
    const [job] = await sendNotificationJobs()
    expect(job?.totalTried).toBeGreaterThanOrEqual(1)
    expect(JSON.stringify(job?.log)).toMatch(/451|Mailbox unavailable/)

    mailbox.refuse(false)
    expect(await delivered()).toEqual([
      ['reviewer@example.com', 'Review requested: Hot baths for back spasms'],
    ])
  })

  it('a message that keeps failing shows as a failed job after its attempts', async () => {
    mailbox.refuse(true)
    const article = await newArticle('Cold packs for back spasms')
    await step(article.id, 'writer', 'submit')
    for (let round = 0; round < 10; round += 1) {
      await t.payload.jobs.run({ queue: 'notifications' })
    }
    const failed = (await sendNotificationJobs()).filter((job) => job.hasError)
    expect(failed).toHaveLength(1)
    expect(failed[0]?.totalTried).toBe(6)
    mailbox.refuse(false)
    expect(await delivered()).toEqual([])
    const records = await t.payload.find({
      collection: 'review-records',
      where: { article: { equals: article.id } },
    })
    expect(records.docs.map((record) => record.action)).toEqual(['submit'])
  })
})
