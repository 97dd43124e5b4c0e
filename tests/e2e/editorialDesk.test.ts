import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Page } from 'playwright-core'

import { openAdminBrowser } from '../helpers/browser'
import type { AdminBrowser } from '../helpers/browser'
import { startApp } from '../helpers/startApp'
import type { RunningApp } from '../helpers/startApp'

const TITLE = 'Knee Pain After Running'
const SLUG = 'knee-pain-after-running'
const SUMMARY = 'Why runners get knee pain and what helps.'
const REVISED_SUMMARY = 'Why runners get knee pain and how long to rest before running again.'
const WORKFLOW_FIELD_LABELS = [
  'Stage',
  'Published At',
  'Last Reviewed At',
  'Next Review Due',
  'Review Status',
  'Created By',
]
const NOTE = 'Please say how long to rest before running again.'
// A cold admin page compiles and renders for several seconds on two cores.
const STEP_TIMEOUT = 180_000

let app: RunningApp
let admin: AdminBrowser
let articleUrl = ''

const shoot = (page: Page, name: string) => admin.shoot(page, name)

const logIn = (email: string) => admin.logIn(email)

const workflowStage = (page: Page, stage: string) =>
  page.waitForSelector(`.signoff-workflow[data-stage="${stage}"]`, { timeout: 30_000 })

/**
 * Payload's edit locks are advisory and taken by the admin's form requests: one still in flight
 * when the writer's page reloaded after the submit can lock the article again for the writer (seen
 * once in a full run). A reviewer met by "Document locked" takes over, as a person would.
 */
const takeOverIfLocked = async (page: Page) => {
  const locked = page.locator('dialog#document-locked')
  if (await locked.isVisible()) {
    console.warn('The article was still locked by its writer: the reviewer takes over.')
    await locked.getByRole('button', { name: 'Take over' }).click()
    await locked.waitFor({ state: 'detached', timeout: 30_000 })
  }
}

const act = async (page: Page, action: string, stageAfter: string) => {
  await page.click(`[data-workflow-action="${action}"]`)
  await workflowStage(page, stageAfter)
}

/** The writer must never be offered a way to publish or approve. */
const expectNoPublishOrApprove = async (page: Page) => {
  expect(await page.locator('[data-workflow-action="publish"]').count()).toBe(0)
  expect(await page.locator('[data-workflow-action="approve"]').count()).toBe(0)
  expect(await page.locator('#action-save').count()).toBe(0)
  expect(await page.getByRole('button', { name: /^Publish/ }).count()).toBe(0)
}

/** The workflow's own fields show once, in the panel: no disabled inputs, no Payload status line. */
const expectWorkflowFieldsOnlyInPanel = async (page: Page) => {
  for (const field of ['stage', 'publishedAt', 'lastReviewedAt', 'nextReviewDue', 'createdBy']) {
    expect(await page.locator(`#field-${field}`).count()).toBe(0)
  }
  expect(await page.locator('.doc-controls__status').isVisible()).toBe(false)
  expect(await page.locator('.signoff-workflow [data-workflow-field]').count()).toBe(4)
}

const failingCheck = (rule: string) => `.signoff-checks [data-rule="${rule}"][data-ok="false"]`
const passingCheck = (rule: string) => `.signoff-checks [data-rule="${rule}"][data-ok="true"]`

/**
 * Types into the rich text editor and waits until the editor shows it: on a loaded machine the
 * form can still be settling (its state round-trips to the server) and swallow early keystrokes.
 */
const typeInBody = async (page: Page, text: string) => {
  await page.keyboard.type(text)
  await page.waitForFunction(
    (expected) => document.querySelector('#field-body')?.textContent?.includes(expected),
    text,
    { timeout: 10_000 },
  )
}

const choose = async (page: Page, field: string, search: string) => {
  await page.click(`#field-${field} .rs__control`)
  await page.keyboard.type(search)
  await page.waitForSelector('.rs__option', { timeout: 15_000 })
  await page.keyboard.press('Enter')
}

beforeAll(async () => {
  app = await startApp()
  admin = await openAdminBrowser({ appUrl: app.url })
}, 400_000)

afterAll(async () => {
  await admin?.close()
  await app?.stop()
})

describe('the editorial desk, in a real browser', () => {
  let writer: Page
  let reviewer: Page

  it(
    'a writer creates an article, sees the checklist fail, fixes it and submits it',
    async () => {
      ;({ page: writer } = await logIn('writer@example.com'))
      await shoot(writer, 'writer-dashboard')
      await writer.goto(`${app.url}/admin/collections/articles/create`)
      await writer.fill('#field-title', TITLE)
      await writer.fill('#field-summary', SUMMARY)
      // Let the form settle before the editor takes keystrokes.
      await writer.waitForLoadState('networkidle')
      await writer.click('#field-body')
      const toolbar = writer.locator('.rich-text__toolbar .rich-text__button')
      await toolbar.nth(0).click()
      await typeInBody(writer, 'Why knees hurt')
      await writer.keyboard.press('Enter')
      await typeInBody(writer, 'Runners often feel pain around the kneecap.[1]')
      await writer.keyboard.press('Enter')
      await toolbar.nth(4).click()
      await typeInBody(writer, 'Rest')
      await writer.keyboard.press('Enter')
      await typeInBody(writer, 'Ice')
      await choose(writer, 'author', 'Nikita')
      // No source yet, though the body cites [1]: the checklist and the server both say so.
      await expectNoPublishOrApprove(writer)
      await shoot(writer, 'writer-new-article')
      await writer.click('#action-save-draft')
      await writer.waitForURL(/\/admin\/collections\/articles\/\d+/)
      articleUrl = writer.url()
      await workflowStage(writer, 'draft')
      await expectWorkflowFieldsOnlyInPanel(writer)
      await expect(
        writer.locator('[data-workflow-field="createdBy"] dd').textContent(),
      ).resolves.toBe('Nikita Mistry')
      await expectNoPublishOrApprove(writer)
      await writer.waitForSelector(failingCheck('sources'))
      await writer.waitForSelector(failingCheck('citations'))
      await writer.click('[data-workflow-action="submit"]')
      await writer.waitForSelector('.signoff-refusals [data-rule="sources"]')
      await expect(
        writer
          .locator('.signoff-refusals li')
          .evaluateAll((lines) => lines.map((line) => line.getAttribute('data-rule'))),
      ).resolves.toEqual(['sources', 'citations'])
      await expect(writer.locator('.signoff-refusals li').first().textContent()).resolves.toBe(
        'Cite at least one source.',
      )
      await workflowStage(writer, 'draft')
      await shoot(writer, 'writer-checklist-fails')
      await choose(writer, 'sources', 'global prevalence')
      await writer.click('#action-save-draft')
      // The panel asks the server again after the save: the rules now pass.
      await writer.waitForSelector(passingCheck('sources'), { timeout: 30_000 })
      await writer.waitForSelector(passingCheck('citations'))
      // A source from 2012 is worth a look, not a block.
      await expect(
        writer.locator('.signoff-check-warnings [data-warning="sourceAge"]').textContent(),
      ).resolves.toMatch(/Older than 10 years: .*\(2012\)/)
      await act(writer, 'submit', 'in_review')
      await expect(writer.locator('.signoff-frozen').textContent()).resolves.toBe(
        'In medical review: the content is frozen while the reviewer reads it.',
      )
      expect(await writer.locator('[data-workflow-action="withdraw"]').count()).toBe(1)
      await expectNoPublishOrApprove(writer)
      await shoot(writer, 'writer-submitted')
    },
    STEP_TIMEOUT,
  )

  it(
    'the reviewer reads it as readers will see it and requests changes with a note',
    async () => {
      ;({ page: reviewer } = await logIn('reviewer@example.com'))
      await reviewer.goto(`${app.url}/admin/collections/articles`)
      // Left out of the edit view, the workflow fields can still be filtered on.
      await reviewer.click('#toggle-list-filters')
      await reviewer.click('.where-builder__add-first-filter')
      await reviewer.click('.condition__field .rs__control')
      await expect(reviewer.locator('.rs__option').allTextContents()).resolves.toEqual(
        expect.arrayContaining(WORKFLOW_FIELD_LABELS),
      )
      await reviewer.keyboard.press('Escape')
      await reviewer.click('text=Awaiting my review')
      await reviewer.waitForSelector(`text=${TITLE}`)
      // The stage stays a list column, though the edit view leaves the field out.
      await reviewer.waitForSelector('.table .signoff-stage-badge[data-stage="in_review"]')
      await shoot(reviewer, 'reviewer-awaiting-review')
      await reviewer.click(`a:has-text("${TITLE}")`)
      await workflowStage(reviewer, 'in_review')
      // Open from the start for a reviewer.
      const view = reviewer.locator('.signoff-reading-view')
      await view.waitFor({ timeout: 30_000 })
      await expect(view.locator('h1').textContent()).resolves.toBe(TITLE)
      await expect(view.locator('.signoff-reading-summary').textContent()).resolves.toBe(SUMMARY)
      await expect(view.locator('.signoff-reading-body h2').textContent()).resolves.toBe(
        'Why knees hurt',
      )
      await expect(
        view.locator('.signoff-reading-body a.citation').getAttribute('href'),
      ).resolves.toBe('#source-1')
      await expect(view.locator('#source-1').textContent()).resolves.toContain(
        'global prevalence of low back pain',
      )
      // No reviewer is assigned until one takes the review up.
      await expect(view.locator('.signoff-reading-byline').textContent()).resolves.toBe(
        'Written by Nikita Mistry',
      )
      await expect(view.locator('.signoff-reading-disclaimer strong').textContent()).resolves.toBe(
        'Content Disclaimer',
      )
      // A first review: nothing to compare with.
      expect(await reviewer.locator('.signoff-changes').count()).toBe(0)
      expect(await reviewer.isDisabled('[data-workflow-action="approve"]')).toBe(true)
      await expectWorkflowFieldsOnlyInPanel(reviewer)
      await shoot(reviewer, 'reviewer-reading-view')
      await reviewer.fill('textarea[name="workflow-note"]', NOTE)
      await act(reviewer, 'request-changes', 'changes_requested')
      await shoot(reviewer, 'reviewer-requested-changes')
    },
    STEP_TIMEOUT,
  )

  it(
    'the writer reads the note, edits and resubmits; an edit while in review is refused',
    async () => {
      await writer.goto(articleUrl)
      await workflowStage(writer, 'changes_requested')
      await expect(
        writer.locator('.signoff-history-note').first().textContent(),
      ).resolves.toContain(NOTE)
      await expectNoPublishOrApprove(writer)
      // One click away for everyone but reviewers.
      expect(await writer.locator('.signoff-reading-view').count()).toBe(0)
      await writer.click('[data-reading-view-toggle="show"]')
      await writer.waitForSelector('.signoff-reading-view h1')
      await shoot(writer, 'writer-sees-note')
      await writer.fill('#field-summary', REVISED_SUMMARY)
      const [saved] = await Promise.all([
        writer.waitForResponse(
          (res) => res.request().method() === 'PATCH' && res.url().includes('/api/articles/'),
        ),
        writer.click('#action-save-draft'),
      ])
      expect(saved.status()).toBe(200)
      await act(writer, 'submit', 'in_review')
      await expectNoPublishOrApprove(writer)
      expect(await writer.isEditable('#field-summary')).toBe(false)
      const id = articleUrl.split('/').pop()
      const refused = await writer.evaluate(async (articleId) => {
        const res = await fetch(`/api/articles/${articleId}?draft=true`, {
          method: 'PATCH',
          credentials: 'include',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ summary: 'Changed while the reviewer reads it.' }),
        })
        return { status: res.status, body: await res.text() }
      }, id)
      expect(refused.status).toBe(409)
      expect(refused.body).toContain('ARTICLE_IN_REVIEW')
      expect(refused.body).toContain('This article is in medical review')
      await shoot(writer, 'writer-resubmitted-frozen')
      // The writer moves on; leaving the article releases the edit lock its page holds.
      await writer.goto(`${app.url}/admin`)
    },
    STEP_TIMEOUT,
  )

  it(
    'the reviewer sees exactly the changed words, attests and approves; the editor publishes',
    async () => {
      await reviewer.goto(articleUrl)
      await workflowStage(reviewer, 'in_review')
      await takeOverIfLocked(reviewer)
      const changes = reviewer.locator('.signoff-changes')
      await changes.waitFor({ timeout: 30_000 })
      await expect(changes.locator('h3').textContent()).resolves.toMatch(
        /^Changed since Request changes on /,
      )
      await expect(
        changes
          .locator('[data-change-field]')
          .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-change-field'))),
      ).resolves.toEqual(['summary'])
      await expect(changes.locator('del').allTextContents()).resolves.toEqual(['what helps'])
      await expect(changes.locator('ins').allTextContents()).resolves.toEqual([
        'how long to rest before running again',
      ])
      await expect(
        reviewer.locator('.signoff-reading-view .signoff-reading-summary').textContent(),
      ).resolves.toBe(REVISED_SUMMARY)
      await expect(
        reviewer.locator('.signoff-reading-view .signoff-reading-byline').textContent(),
      ).resolves.toBe('Written by Nikita Mistry · Medically reviewed by Dr Gina Arena')
      await shoot(reviewer, 'reviewer-sees-changes')
      await reviewer.check('input[name="workflow-attest"]')
      await act(reviewer, 'approve', 'approved')
      await expect(
        reviewer
          .locator('[data-history-action="approve"] .signoff-history-attestation')
          .textContent(),
      ).resolves.toContain('I have reviewed')
      await shoot(reviewer, 'reviewer-approved')
      const { page: editor } = await logIn('editor@example.com')
      await editor.goto(articleUrl)
      await workflowStage(editor, 'approved')
      // Publish at a time: it waits, listed with a Cancel; cancelled, it will not happen.
      const later = new Date(Date.now() + 24 * 60 * 60 * 1000)
      const pad = (n: number) => String(n).padStart(2, '0')
      await editor.fill(
        'input[name="workflow-at"]',
        `${later.getFullYear()}-${pad(later.getMonth() + 1)}-${pad(later.getDate())}T09:30`,
      )
      await editor.click('[data-schedule-action="publish"]')
      const waiting = editor.locator('[data-schedule-status="scheduled"]')
      await waiting.waitFor({ timeout: 30_000 })
      await expect(waiting.textContent()).resolves.toMatch(
        /^Publish at .*9:30.*, set by Eddie Editor/,
      )
      await shoot(editor, 'editor-scheduled')
      await editor.click('[data-schedule-cancel]')
      await waiting.waitFor({ state: 'detached', timeout: 30_000 })
      await workflowStage(editor, 'approved')
      await editor.waitForSelector('[data-schedule-action="publish"]')
      expect(await waiting.count()).toBe(0)
      await act(editor, 'publish', 'published')
      await shoot(editor, 'editor-published')
    },
    STEP_TIMEOUT,
  )

  it(
    'the delivery API serves it with the reviewer and today’s review date',
    async () => {
      const res = await fetch(`${app.url}/content/v1/articles/${SLUG}`)
      expect(res.status).toBe(200)
      const article = (await res.json()) as {
        summary: string
        html: string
        medicalReviewer: { name: string; honorific: string }
        lastReviewedAt: string
      }
      // The plain name, the title beside it: sites print both.
      expect(article.medicalReviewer).toMatchObject({ name: 'Gina Arena', honorific: 'Dr' })
      expect(article.lastReviewedAt.slice(0, 10)).toBe(new Date().toISOString().slice(0, 10))
      expect(article.summary).toBe(REVISED_SUMMARY)
      expect(article.html).toContain('<h2>Why knees hurt</h2>')
      expect(article.html).toContain('kneecap.<a class="citation" href="#source-1">[1]</a>')
      expect(article.html).toMatch(/<ul><li>Rest<\/li><li>Ice<\/li><\/ul>/)
    },
    STEP_TIMEOUT,
  )

  it(
    "an editor sees a reviewer's missing disclosure, records one, and readers get it",
    async () => {
      const { page: editor } = await logIn('editor@example.com')
      await editor.goto(`${app.url}/admin/collections/medical-reviewers`)
      await editor.waitForSelector('.table [data-disclosure="never-declared"]', {
        timeout: 30_000,
      })
      await editor.click('a:has-text("Gina Arena")')
      const warning = editor.locator('.signoff-disclosure-warning')
      await warning.waitFor({ timeout: 30_000 })
      await expect(warning.textContent()).resolves.toMatch(/not declared yet/)
      await editor.click('label[for="field-disclosures.status-none-declared"]')
      await editor.click('#field-disclosures__declaredAt input')
      await editor.click('.react-datepicker__day--today')
      // The warning follows the form, before the save.
      await warning.waitFor({ state: 'detached', timeout: 10_000 })
      await shoot(editor, 'editor-records-disclosure')
      const [saved] = await Promise.all([
        editor.waitForResponse(
          (res) =>
            res.request().method() === 'PATCH' && res.url().includes('/api/medical-reviewers/'),
        ),
        editor.click('#action-save'),
      ])
      expect(saved.status()).toBe(200)
      await editor.goto(`${app.url}/admin/collections/medical-reviewers`)
      await editor.waitForSelector('.table [data-disclosure="current"]', { timeout: 30_000 })
      const res = await fetch(`${app.url}/content/v1/reviewers/gina-arena`)
      const profile = (await res.json()) as {
        disclosures: { status: string; statements: string[] } | null
      }
      expect(profile.disclosures).toMatchObject({ status: 'none-declared', statements: [] })
    },
    STEP_TIMEOUT,
  )

  it(
    'an editor asks for the re-review of an overdue live article from the dashboard queue',
    async () => {
      const { page: editor } = await logIn('editor@example.com')
      await editor.goto(`${app.url}/admin`)
      const row = editor.locator('[data-re-review-article]', {
        hasText: 'Causes of Lower Back Spasms',
      })
      await row.waitFor({ timeout: 30_000 })
      await expect(row.textContent()).resolves.toMatch(/\(overdue\)/)
      await row.locator('input[type="checkbox"]').check()
      await editor.selectOption('select[name="re-review-ask"]', { label: 'Gina Arena' })
      const NOTE_FOR_REVIEWER = 'Check the NSAID advice against the 2024 guideline.'
      await editor.fill('input[name="re-review-note"]', NOTE_FOR_REVIEWER)
      await editor.click('[data-re-review-request]')
      const outcome = editor.locator('.signoff-re-review-outcome')
      await outcome.waitFor({ timeout: 30_000 })
      await expect(outcome.textContent()).resolves.toBe('1 asked to re-review.')
      // The queue is fetched again after the outcome is shown: the row changes a moment later.
      await row.filter({ hasText: 'Gina Arena (asked)' }).waitFor({ timeout: 30_000 })
      await expect(row.textContent()).resolves.toContain('Gina Arena (asked)')
      const notes = await editor.evaluate(async () => {
        const res = await fetch(
          '/api/review-records?where[action][equals]=request-re-review&depth=0',
          { credentials: 'include' },
        )
        return ((await res.json()) as { docs: { note: string | null }[] }).docs.map((d) => d.note)
      })
      expect(notes).toContain(NOTE_FOR_REVIEWER)
      await shoot(editor, 'editor-re-review-queue')
    },
    STEP_TIMEOUT,
  )

  it('loaded nothing from outside hosts', () => {
    expect(admin.outsideRequests).toEqual([])
  })

  it('broke no rule of the Content-Security-Policy on any page', () => {
    expect(admin.loginPagePolicy()).toMatch(/script-src [^;]*'nonce-[^;]*'strict-dynamic'/)
    expect(admin.loginPagePolicy()).toMatch(/frame-ancestors 'none'/)
    expect(admin.cspViolations).toEqual([])
  })
})
