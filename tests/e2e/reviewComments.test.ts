/**
 * Review comments in the admin, in Chromium: the reviewer selects a passage in the reading view
 * and comments on it; approve waits while comments are open; the writer replies and resolves in
 * the workflow panel; the reviewer approves.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Page } from 'playwright-core'

import type { Article } from '@payload-types'
import { contentOf } from '../helpers/articleContent'
import { openAdminBrowser } from '../helpers/browser'
import type { AdminBrowser } from '../helpers/browser'
import { startMailbox } from '../helpers/mailbox'
import type { Mailbox } from '../helpers/mailbox'
import { startApp } from '../helpers/startApp'
import type { RunningApp } from '../helpers/startApp'

const TITLE = 'Lower Back Spasms: What Helps'
// A paragraph of one sentence in the seed body: a triple click selects it.
const SENTENCE = 'The symptoms will vary depending on the cause and location of the symptoms.'
const SENTENCE_COMMENT = 'Name the common causes here, or link to the section below.'
// In the body several times: the comment must sit where it was selected (its last occurrence).
const REPEATED = 'lower back spasms'
const REPEATED_COMMENT = 'Say "back spasms" once the term is introduced.'
const REPLY = 'Added a pointer to the causes section in the next revision.'
// A cold admin page compiles and renders for several seconds on two cores.
const STEP_TIMEOUT = 180_000

type Thread = {
  id: number
  quote: string
  status: string
  anchor: { state: string; blockPath: number[] | null; start: number | null }
  replies: { body: string }[]
}

let app: RunningApp
// A real SMTP server: the e-mails for the submit, the comment and the approval land here.
let mailbox: Mailbox
let admin: AdminBrowser
let articleUrl = ''
let articleId = 0

const api = async (path: string, init: RequestInit & { token?: string; json?: unknown } = {}) => {
  const { token, json, ...rest } = init
  return fetch(`${app.url}/api${path}`, {
    ...rest,
    headers: {
      ...(json !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `JWT ${token}` } : {}),
    },
    ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
  })
}

const tokenFor = async (email: string): Promise<string> => {
  const res = await api('/users/login', {
    method: 'POST',
    json: { email, password: 'signoff-demo' },
  })
  expect(res.status).toBe(200)
  return ((await res.json()) as { token: string }).token
}

/** The writer's new article like the seed, submitted: in review with the seed's reviewer. */
const articleInReview = async (): Promise<number> => {
  const writer = await tokenFor('writer@example.com')
  const found = await api('/articles?where[slug][equals]=causes-of-lower-back-spasms&depth=0', {
    token: writer,
  })
  const seed = ((await found.json()) as { docs: Article[] }).docs[0] as Article
  const created = await api('/articles?draft=true', {
    method: 'POST',
    token: writer,
    json: { ...contentOf(seed), title: TITLE },
  })
  expect(created.status).toBe(201)
  const { doc } = (await created.json()) as { doc: Article }
  const submitted = await api(`/articles/${doc.id}/workflow`, {
    method: 'POST',
    token: writer,
    json: { action: 'submit' },
  })
  expect(submitted.status).toBe(200)
  return doc.id
}

const workflowStage = (page: Page, stage: string) =>
  page.waitForSelector(`.signoff-workflow[data-stage="${stage}"]`, { timeout: 30_000 })

/** The threads as the page's own session reads them. */
const threadsSeenBy = (page: Page) =>
  page.evaluate(async (id) => {
    const res = await fetch(`/api/articles/${id}/comments?status=all`, { credentials: 'include' })
    return (await res.json()) as { threads: Thread[]; open: number; resolved: number }
  }, articleId) as Promise<{ threads: Thread[]; open: number; resolved: number }>

/**
 * Selects the last occurrence of a phrase in the reading view's body, as a drag would, and
 * answers the path of the text block it is in.
 */
const selectLast = (page: Page, phrase: string) =>
  page.evaluate((wanted) => {
    const body = document.querySelector('.signoff-reading-body') as HTMLElement
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT)
    let found: { node: Text; at: number } | null = null
    for (
      let node = walker.nextNode() as Text | null;
      node;
      node = walker.nextNode() as Text | null
    ) {
      const at = node.data.lastIndexOf(wanted)
      if (at >= 0) {
        found = { node, at }
      }
    }
    if (!found) {
      throw new Error(`"${wanted}" is not in the reading view`)
    }
    const range = document.createRange()
    range.setStart(found.node, found.at)
    range.setEnd(found.node, found.at + wanted.length)
    window.getSelection()?.removeAllRanges()
    window.getSelection()?.addRange(range)
    return found.node.parentElement?.closest<HTMLElement>('[data-block-path]')?.dataset.blockPath
  }, phrase)

const openCount = (page: Page) =>
  page.locator('[data-comment-filter="open"] .signoff-comment-count').textContent()

const panelCard = (page: Page, id: number) =>
  page.locator(`.signoff-comment--panel[data-comment-id="${id}"]`)

const marginCard = (page: Page, id: number) =>
  page.locator(`.signoff-comment--margin[data-comment-id="${id}"]`)

beforeAll(async () => {
  mailbox = await startMailbox()
  app = await startApp({ env: { SMTP_URL: mailbox.url } })
  admin = await openAdminBrowser({ appUrl: app.url, shotPrefix: 'comments-' })
  articleId = await articleInReview()
  articleUrl = `${app.url}/admin/collections/articles/${articleId}`
}, 400_000)

afterAll(async () => {
  await admin?.close()
  await app?.stop()
  await mailbox?.close()
})

describe('review comments, in a real browser', () => {
  let reviewer: Page
  let writer: Page
  let sentenceThread = 0
  let repeatedThread = 0

  it(
    'the reviewer selects a sentence in the reading view and comments on it in the margin',
    async () => {
      ;({ page: reviewer } = await admin.logIn('reviewer@example.com'))
      await reviewer.goto(articleUrl)
      await workflowStage(reviewer, 'in_review')
      await reviewer.waitForSelector('.signoff-reading-body [data-block-path]', { timeout: 30_000 })
      await expect(openCount(reviewer)).resolves.toBe('0')

      // A triple click selects the paragraph (and the start of the next block): one sentence.
      await reviewer
        .locator('.signoff-reading-body p', { hasText: SENTENCE })
        .click({ clickCount: 3 })
      await reviewer.click('[data-comment-action="start"]')
      await expect(
        reviewer.locator('.signoff-comment-composer label').textContent(),
      ).resolves.toContain(SENTENCE.slice(0, 40))
      // The passage stays marked while the comment is written.
      await expect(
        reviewer.locator('mark.signoff-comment-mark--draft').allTextContents(),
      ).resolves.toEqual([SENTENCE])
      await reviewer.fill('textarea[name="comment-body"]', SENTENCE_COMMENT)
      await reviewer.click('[data-comment-action="save"]')
      await reviewer.waitForSelector('.signoff-comment--margin', { timeout: 15_000 })
      expect(await reviewer.locator('.signoff-comment-composer').count()).toBe(0)

      const afterFirst = await threadsSeenBy(reviewer)
      expect(afterFirst.threads.map((thread) => thread.quote)).toEqual([SENTENCE])
      sentenceThread = afterFirst.threads[0]?.id as number
      const sentenceMark = reviewer.locator(`mark[data-comment-id="${sentenceThread}"]`)
      await expect(sentenceMark.allTextContents()).resolves.toEqual([SENTENCE])
      await expect(
        marginCard(reviewer, sentenceThread).locator('.signoff-comment-body').textContent(),
      ).resolves.toBe(SENTENCE_COMMENT)
      // Beside its passage: the card starts level with the highlight.
      const [markBox, cardBox] = await Promise.all([
        sentenceMark.first().boundingBox(),
        marginCard(reviewer, sentenceThread).boundingBox(),
      ])
      expect(cardBox!.x).toBeGreaterThan(markBox!.x + markBox!.width)
      expect(Math.abs(cardBox!.y - markBox!.y)).toBeLessThan(12)

      // A phrase the body repeats is anchored where it was selected, not at its first occurrence.
      const selectedBlock = await selectLast(reviewer, REPEATED)
      await reviewer.click('[data-comment-action="start"]')
      await reviewer.fill('textarea[name="comment-body"]', REPEATED_COMMENT)
      await reviewer.click('[data-comment-action="save"]')
      await reviewer.waitForFunction(
        () => document.querySelectorAll('.signoff-comment--margin').length === 2,
        undefined,
        { timeout: 15_000 },
      )
      const afterSecond = await threadsSeenBy(reviewer)
      const repeated = afterSecond.threads.find((thread) => thread.quote === REPEATED) as Thread
      repeatedThread = repeated.id
      expect(repeated.anchor.state).toBe('exact')
      expect(repeated.anchor.blockPath?.join('.')).toBe(selectedBlock)
      const firstBlock = await reviewer
        .locator('.signoff-reading-body [data-block-path]', { hasText: REPEATED })
        .first()
        .getAttribute('data-block-path')
      expect(firstBlock).not.toBe(selectedBlock)
      await expect(openCount(reviewer)).resolves.toBe('2')
      await expect(
        reviewer.locator('.signoff-comment--panel .signoff-comment-quote').allTextContents(),
      ).resolves.toEqual([SENTENCE, REPEATED])
      await admin.shoot(reviewer, 'reviewer-margin-comments')
      await admin.shoot(reviewer, 'reviewer-panel-comments', { of: '.signoff-workflow' })
      // E-mail: the reviewer was told of the submit, and the writer of the new comment.
      await mailbox.waitFor(
        (mail) =>
          mail.to.includes('reviewer@example.com') &&
          mail.raw.includes(`Review requested: ${TITLE}`),
        60_000,
      )
      const comment = await mailbox.waitFor(
        (mail) =>
          mail.to.includes('writer@example.com') && mail.raw.includes(`New comment: ${TITLE}`),
        60_000,
      )
      expect(comment.raw).toContain(`/admin/collections/articles/${articleId}`)
    },
    STEP_TIMEOUT,
  )

  it(
    'a comment the server cannot anchor is refused with its reason, shown in the box',
    async () => {
      // As if the draft had changed since the page was loaded: the server no longer finds the quote.
      await reviewer.route('**/api/review-comments', (route) =>
        route.request().method() === 'POST'
          ? route.fulfill({
              status: 400,
              contentType: 'application/json',
              body: JSON.stringify({
                errors: [
                  {
                    code: 'QUOTE_NOT_FOUND',
                    message: `"${REPEATED}" is not in the article's body as it is now; quote the text as it reads.`,
                  },
                ],
              }),
            })
          : route.continue(),
      )
      await selectLast(reviewer, 'Diagnosis')
      await reviewer.click('[data-comment-action="start"]')
      await reviewer.fill('textarea[name="comment-body"]', 'A heading, not a sentence.')
      await reviewer.click('[data-comment-action="save"]')
      const refusal = reviewer.locator(
        '.signoff-comment-composer [role="alert"] [data-code="QUOTE_NOT_FOUND"]',
      )
      await refusal.waitFor()
      await expect(refusal.textContent()).resolves.toContain('is not in the article')
      await reviewer.unroute('**/api/review-comments')
      await reviewer.keyboard.press('Escape')
      expect(await reviewer.locator('.signoff-comment-composer').count()).toBe(0)
    },
    STEP_TIMEOUT,
  )

  it(
    'approve is refused while comments are open, listing them',
    async () => {
      await reviewer.check('input[name="workflow-attest"]')
      await reviewer.click('[data-workflow-action="approve"]')
      const refusal = reviewer.locator('.signoff-refusals [data-code="OPEN_COMMENTS"]')
      await refusal.waitFor({ timeout: 30_000 })
      await expect(refusal.textContent()).resolves.toContain(
        '2 comments are still open: resolve them before approving.',
      )
      await expect(refusal.locator('.signoff-refusal-quote').allTextContents()).resolves.toEqual([
        SENTENCE,
        REPEATED,
      ])
      await workflowStage(reviewer, 'in_review')
      // Each listed comment is one click from its thread in the panel.
      await refusal.locator(`[data-comment-id="${repeatedThread}"] button`).click()
      await reviewer.waitForFunction(
        (id) => document.activeElement?.matches(`.signoff-comment--panel[data-comment-id="${id}"]`),
        repeatedThread,
      )
      await admin.shoot(reviewer, 'reviewer-approve-waits-for-comments', {
        of: '.signoff-workflow',
      })
    },
    STEP_TIMEOUT,
  )

  it(
    'the writer sees the comments in the panel, replies and resolves; starts none',
    async () => {
      ;({ page: writer } = await admin.logIn('writer@example.com'))
      await writer.goto(articleUrl)
      await workflowStage(writer, 'in_review')
      await writer.waitForSelector('.signoff-comment--panel', { timeout: 30_000 })
      await expect(openCount(writer)).resolves.toBe('2')
      const card = panelCard(writer, sentenceThread)
      await expect(card.locator('.signoff-comment-quote').textContent()).resolves.toBe(SENTENCE)
      await expect(
        card.locator('.signoff-comment-byline strong').first().textContent(),
      ).resolves.toBe('Gina Arena')
      await card.locator('[data-comment-action="reply"]').click()
      await card.locator('textarea[name="comment-reply"]').fill(REPLY)
      await card.locator('[data-comment-action="send-reply"]').click()
      await card.locator('.signoff-comment-replies li').waitFor()
      await expect(
        card.locator('.signoff-comment-replies .signoff-comment-body').textContent(),
      ).resolves.toBe(REPLY)
      await card.locator('[data-comment-action="resolve"]').click()
      // Resolved, it leaves the Open list.
      await panelCard(writer, sentenceThread).waitFor({ state: 'detached' })
      await expect(openCount(writer)).resolves.toBe('1')
      await writer.click('[data-comment-filter="resolved"]')
      await expect(
        panelCard(writer, sentenceThread).getAttribute('data-comment-status'),
      ).resolves.toBe('resolved')
      await admin.shoot(writer, 'writer-replied-and-resolved', { of: '.signoff-workflow' })

      // Writers answer comments; the server lets only the reviewer and editors start them.
      await writer.click('[data-reading-view-toggle="show"]')
      await writer.waitForSelector('.signoff-reading-body [data-block-path]')
      await writer
        .locator('.signoff-reading-body p', { hasText: SENTENCE })
        .click({ clickCount: 3 })
      await writer.waitForTimeout(300)
      expect(await writer.locator('[data-comment-action="start"]').count()).toBe(0)
    },
    STEP_TIMEOUT,
  )

  it(
    'the reviewer reads the reply, resolves the last comment in the margin and approves',
    async () => {
      await reviewer.goto(articleUrl)
      await workflowStage(reviewer, 'in_review')
      await reviewer.waitForSelector('.signoff-comment--margin', { timeout: 30_000 })
      // The margin shows what is still open; resolved comments on request.
      expect(await marginCard(reviewer, sentenceThread).count()).toBe(0)
      await reviewer.click('[data-comment-margin-toggle]')
      await expect(
        marginCard(reviewer, sentenceThread).locator('.signoff-comment-replies').textContent(),
      ).resolves.toContain(REPLY)
      await expect(
        reviewer
          .locator(`mark.signoff-comment-mark--resolved[data-comment-id="${sentenceThread}"]`)
          .count(),
      ).resolves.toBeGreaterThan(0)
      await marginCard(reviewer, repeatedThread).locator('[data-comment-action="resolve"]').click()
      await reviewer.waitForFunction(
        () =>
          document.querySelector('[data-comment-filter="open"] .signoff-comment-count')
            ?.textContent === '0',
      )
      await reviewer.click('[data-comment-filter="all"]')
      await admin.shoot(reviewer, 'reviewer-all-resolved')
      await admin.shoot(reviewer, 'reviewer-panel-all-resolved', { of: '.signoff-workflow' })
      const { open, resolved } = await threadsSeenBy(reviewer)
      expect({ open, resolved }).toEqual({ open: 0, resolved: 2 })

      await reviewer.check('input[name="workflow-attest"]')
      await reviewer.click('[data-workflow-action="approve"]')
      await workflowStage(reviewer, 'approved')
      await admin.shoot(reviewer, 'reviewer-approved')
      // E-mail: the editors are told it is approved and ready to publish.
      await mailbox.waitFor(
        (mail) =>
          mail.to.includes('editor@example.com') &&
          mail.raw.includes(`Approved, ready to publish: ${TITLE}`),
        60_000,
      )
    },
    STEP_TIMEOUT,
  )

  it('loaded nothing from outside hosts and broke no rule of the Content-Security-Policy', () => {
    expect(admin.outsideRequests).toEqual([])
    expect(admin.loginPagePolicy()).toMatch(/script-src [^;]*'nonce-[^;]*'strict-dynamic'/)
    expect(admin.cspViolations).toEqual([])
  })
})
