import { describe, expect, it } from '@jest/globals'

import type { Evidence } from '@/workflow/evidence'
import { contentFingerprint } from '@/workflow/fingerprint'
import type { ArticleContent } from '@/workflow/fingerprint'
import { failedPublishRules } from '@/workflow/publishRules'
import type { PublishCandidate } from '@/workflow/publishRules'
import { statusFor } from '@/shared/refusals'
import { EDITORIAL_STAGES } from '@/workflow/stages'
import type { EditorialStage } from '@/workflow/stages'
import {
  EDITORIAL_TRANSITIONS,
  availableActions,
  editorialTransition,
  fingerprintOf,
} from '@/workflow/transitions'
import type { Actor, EditorialAction, WorkflowArticle } from '@/workflow/transitions'

const now = new Date('2026-11-24T10:00:00.000Z')

const ready: PublishCandidate = {
  title: 'Causes of Lower Back Spasms',
  slug: 'causes-of-lower-back-spasms',
  summary: 'Why backs spasm.',
  body: [{ children: [{ text: 'Common.[1] Costly.[2]' }] }],
  hasAuthor: true,
  hasMedicalReviewer: true,
  hasDisclaimer: true,
  sources: [
    { title: 'Hoy 2012', sourceType: 'systematic-review' },
    { title: 'AIHW', sourceType: 'government-health-agency' },
  ],
  heroImage: { alt: 'A woman on a bed' },
}

const NO_EVIDENCE: Evidence = { sources: [], heroImage: null }

/** The fingerprint of content whose article cites nothing and shows no image. */
const fp = (content: ArticleContent) => contentFingerprint({ content, evidence: NO_EVIDENCE })

const article = (stage: EditorialStage, extra: Partial<WorkflowArticle> = {}): WorkflowArticle => ({
  stage,
  createdBy: 'writer',
  authorId: 'author-nikita',
  authorUserId: 'writer',
  medicalReviewerId: 'reviewer-gina',
  medicalReviewerCredentialsUntil: '2099-01-01T00:00:00.000Z',
  publishedAt: null,
  approvedFingerprint: fp({ title: 'Causes of Lower Back Spasms' }),
  content: { title: 'Causes of Lower Back Spasms' },
  evidence: NO_EVIDENCE,
  publishCandidate: ready,
  ...extra,
})

const people: Record<string, Actor> = {
  writer: { id: 'writer', roles: ['writer'], authorId: 'author-nikita', reviewer: null },
  otherWriter: { id: 'other', roles: ['writer'], authorId: 'author-other', reviewer: null },
  reviewer: {
    id: 'gina',
    roles: ['reviewer'],
    authorId: null,
    reviewer: { id: 'reviewer-gina', credentialsVerifiedUntil: '2027-01-01T00:00:00.000Z' },
  },
  editor: { id: 'editor', roles: ['editor'], authorId: null, reviewer: null },
  admin: { id: 'admin', roles: ['admin'], authorId: null, reviewer: null },
}

const act = (
  action: EditorialAction | string,
  stage: EditorialStage,
  actor: Actor | null,
  note = 'ok',
) =>
  editorialTransition({
    article: article(stage),
    action,
    actor,
    now,
    note,
    // As the admin sends them: what it showed, and the attestation ticked.
    viewedFingerprint: fingerprintOf(article(stage)),
    isAttested: true,
  })

describe('the transition table, row by row', () => {
  const rows: [EditorialAction, EditorialStage, string, EditorialStage][] = [
    ['submit', 'draft', 'writer', 'in_review'],
    ['submit', 'changes_requested', 'writer', 'in_review'],
    ['submit', 'draft', 'editor', 'in_review'],
    ['submit', 'draft', 'admin', 'in_review'],
    ['withdraw', 'in_review', 'writer', 'draft'],
    ['withdraw', 'in_review', 'editor', 'draft'],
    ['withdraw', 'in_review', 'admin', 'draft'],
    ['request-changes', 'in_review', 'reviewer', 'changes_requested'],
    ['approve', 'in_review', 'reviewer', 'approved'],
    ['publish', 'approved', 'editor', 'published'],
    ['publish', 'approved', 'admin', 'published'],
    ['archive', 'published', 'editor', 'archived'],
    ['archive', 'published', 'admin', 'archived'],
    ['restore', 'archived', 'editor', 'draft'],
    ['restore', 'archived', 'admin', 'draft'],
    ['request-re-review', 'published', 'editor', 'published'],
    ['request-re-review', 'published', 'admin', 'published'],
    ['reaffirm', 'published', 'reviewer', 'published'],
  ]
  it.each(rows)('%s from %s by %s → %s', (action, from, who, to) => {
    const result = act(action, from, people[who] as Actor)
    expect(result).toMatchObject({ ok: true, action, from, changes: { stage: to } })
  })

  it('covers every row of the table', () => {
    for (const [action, transition] of Object.entries(EDITORIAL_TRANSITIONS)) {
      for (const from of transition.from) {
        expect(rows.some(([a, f]) => a === action && f === from)).toBe(true)
      }
    }
  })

  it('refuses every action from every stage it does not start from', () => {
    for (const [action, transition] of Object.entries(EDITORIAL_TRANSITIONS)) {
      for (const stage of EDITORIAL_STAGES.filter((s) => !transition.from.includes(s))) {
        const result = act(action, stage, people.admin as Actor)
        expect(result).toMatchObject({ ok: false, refusals: [{ code: 'NOT_ALLOWED_FROM_STAGE' }] })
      }
    }
  })
})

describe('refusals', () => {
  it('UNKNOWN_ACTION names the actions that exist', () => {
    const result = act('teleport', 'draft', people.editor as Actor)
    expect(result).toMatchObject({ ok: false, refusals: [{ code: 'UNKNOWN_ACTION' }] })
    expect(!result.ok && result.refusals[0]?.message).toMatch(
      /submit, withdraw, request-changes, approve, publish/,
    )
    expect(!result.ok && statusFor(result.refusals)).toBe(400)
  })

  it('ROLE_NOT_ALLOWED: a writer cannot publish or approve, nor submit another writer’s article', () => {
    expect(act('publish', 'approved', people.writer as Actor)).toMatchObject({
      ok: false,
      refusals: [{ code: 'ROLE_NOT_ALLOWED' }],
    })
    expect(act('approve', 'in_review', people.writer as Actor)).toMatchObject({
      refusals: [{ code: 'ROLE_NOT_ALLOWED' }],
    })
    expect(act('submit', 'draft', people.otherWriter as Actor)).toMatchObject({
      refusals: [{ code: 'ROLE_NOT_ALLOWED' }],
    })
    expect(act('submit', 'draft', null)).toMatchObject({ refusals: [{ code: 'ROLE_NOT_ALLOWED' }] })
    const refused = act('publish', 'approved', people.reviewer as Actor)
    expect(!refused.ok && statusFor(refused.refusals)).toBe(403)
  })

  it('NOTE_REQUIRED: requesting changes needs a note', () => {
    expect(act('request-changes', 'in_review', people.reviewer as Actor, '  ')).toMatchObject({
      refusals: [{ code: 'NOTE_REQUIRED' }],
    })
  })

  it('SELF_REVIEW: the author cannot approve their own article, even as a reviewer', () => {
    const authorReviewer: Actor = {
      id: 'writer',
      roles: ['writer', 'reviewer'],
      authorId: 'author-nikita',
      reviewer: { id: 'reviewer-nikita', credentialsVerifiedUntil: '2030-01-01' },
    }
    const result = editorialTransition({
      article: article('in_review', { medicalReviewerId: null }),
      action: 'approve',
      viewedFingerprint: fingerprintOf(article('in_review', { medicalReviewerId: null })),
      isAttested: true,
      actor: authorReviewer,
      now,
    })
    expect(result).toMatchObject({ ok: false, refusals: [{ code: 'SELF_REVIEW' }] })
  })

  it('REVIEWER_CREDENTIALS_EXPIRED: yesterday is too late, today is fine', () => {
    const withUntil = (until: string | null): Actor => ({
      ...(people.reviewer as Actor),
      reviewer: { id: 'reviewer-gina', credentialsVerifiedUntil: until },
    })
    const approve = (actor: Actor) =>
      editorialTransition({
        article: article('in_review'),
        action: 'approve',
        actor,
        now,
        viewedFingerprint: fingerprintOf(article('in_review')),
        isAttested: true,
      })
    expect(approve(withUntil('2026-11-23T00:00:00.000Z'))).toMatchObject({
      refusals: [{ code: 'REVIEWER_CREDENTIALS_EXPIRED' }],
    })
    expect(approve(withUntil(null))).toMatchObject({
      refusals: [{ code: 'REVIEWER_CREDENTIALS_EXPIRED' }],
    })
    expect(approve(withUntil('2026-11-24T00:00:00.000Z'))).toMatchObject({ ok: true })
  })

  it('a reviewer requesting changes on an unassigned article becomes its reviewer', () => {
    const result = editorialTransition({
      article: article('in_review', { medicalReviewerId: null }),
      action: 'request-changes',
      actor: people.reviewer as Actor,
      now,
      note: 'Cite a guideline.',
    })
    expect(result).toEqual({
      ok: true,
      action: 'request-changes',
      from: 'in_review',
      changes: { stage: 'changes_requested', medicalReviewer: 'reviewer-gina' },
    })
  })

  it('NOT_ASSIGNED_REVIEWER, and self-assignment when nobody is assigned', () => {
    const other = editorialTransition({
      article: article('in_review', { medicalReviewerId: 'reviewer-someone-else' }),
      action: 'approve',
      viewedFingerprint: fingerprintOf(
        article('in_review', { medicalReviewerId: 'reviewer-someone-else' }),
      ),
      isAttested: true,
      actor: people.reviewer as Actor,
      now,
    })
    expect(other).toMatchObject({ refusals: [{ code: 'NOT_ASSIGNED_REVIEWER' }] })
    const unassigned = editorialTransition({
      article: article('in_review', { medicalReviewerId: null }),
      action: 'approve',
      viewedFingerprint: fingerprintOf(article('in_review', { medicalReviewerId: null })),
      isAttested: true,
      actor: people.reviewer as Actor,
      now,
    })
    expect(unassigned).toMatchObject({
      ok: true,
      changes: {
        medicalReviewer: 'reviewer-gina',
        // The sign-off covers the reviewer it assigns: publishing compares against the assigned content.
        approvedFingerprint: fp({
          title: 'Causes of Lower Back Spasms',
          medicalReviewer: 'reviewer-gina',
        }),
      },
    })
  })

  it('CONTENT_CHANGED_SINCE_APPROVAL: publish compares the fingerprint', () => {
    const changed = editorialTransition({
      article: article('approved', { content: { title: 'Causes of Lower Back Spasms!' } }),
      action: 'publish',
      actor: people.editor as Actor,
      now,
    })
    expect(changed).toMatchObject({ refusals: [{ code: 'CONTENT_CHANGED_SINCE_APPROVAL' }] })
    expect(!changed.ok && statusFor(changed.refusals)).toBe(409)
  })

  it("REVIEWER_CREDENTIALS_LAPSED: publish needs the signing reviewer's credentials current that day", () => {
    const publishOn = (until: string | null, at: Date) =>
      editorialTransition({
        article: article('approved', { medicalReviewerCredentialsUntil: until }),
        action: 'publish',
        actor: people.editor as Actor,
        now: at,
      })
    expect(publishOn('2026-06-30T00:00:00.000Z', new Date('2026-06-30T23:59:00Z')).ok).toBe(true)
    const lapsed = publishOn('2026-06-30T00:00:00.000Z', new Date('2026-07-01T00:00:01Z'))
    expect(lapsed).toMatchObject({ refusals: [{ code: 'REVIEWER_CREDENTIALS_LAPSED' }] })
    expect(!lapsed.ok && statusFor(lapsed.refusals)).toBe(409)
    expect(!lapsed.ok && lapsed.refusals[0]?.message).toMatch(/2026-06-30/)
    expect(publishOn(null, now)).toMatchObject({
      refusals: [{ code: 'REVIEWER_CREDENTIALS_LAPSED' }],
    })
  })

  it('publish with a fingerprint publishes only that content; without one it is not asked', () => {
    const approvedArticle = article('approved')
    const publish = (viewedFingerprint?: string) =>
      editorialTransition({
        article: approvedArticle,
        action: 'publish',
        actor: people.editor as Actor,
        now,
        viewedFingerprint,
      })
    expect(publish().ok).toBe(true)
    expect(publish(fingerprintOf(approvedArticle)).ok).toBe(true)
    expect(publish('v2:0000')).toMatchObject({
      refusals: [{ code: 'CONTENT_CHANGED_SINCE_VIEWED' }],
    })
  })

  it('PUBLISH_RULES_FAILED lists every failing rule at once', () => {
    const result = editorialTransition({
      article: article('approved', {
        publishCandidate: {
          ...ready,
          summary: '',
          hasDisclaimer: false,
          sources: [{ title: 'Wikipedia', sourceType: 'tertiary' }],
        },
      }),
      action: 'publish',
      actor: people.editor as Actor,
      now,
    })
    expect(result.ok).toBe(false)
    const refusal = !result.ok ? result.refusals[0] : undefined
    expect(refusal?.code).toBe('PUBLISH_RULES_FAILED')
    expect(refusal?.rules?.map((r) => r.rule)).toEqual([
      'summary',
      'noTertiarySources',
      'citations',
      'disclaimer',
    ])
  })
})

describe('publish rules', () => {
  it('passes a complete article', () => {
    expect(failedPublishRules(ready)).toEqual([])
  })

  it('fails each rule on its own', () => {
    const cases: [Partial<PublishCandidate>, string][] = [
      [{ title: ' ' }, 'title'],
      [{ slug: null }, 'slug'],
      [{ summary: undefined }, 'summary'],
      [{ hasAuthor: false }, 'author'],
      [{ hasMedicalReviewer: false }, 'medicalReviewer'],
      [{ sources: [], body: [] }, 'sources'],
      [{ body: [{ children: [{ text: 'See [3].' }] }] }, 'citations'],
      [{ hasDisclaimer: false }, 'disclaimer'],
      [{ heroImage: { alt: '' } }, 'heroImageAlt'],
    ]
    for (const [change, rule] of cases) {
      expect(failedPublishRules({ ...ready, ...change }).map((r) => r.rule)).toEqual([rule])
    }
    expect(failedPublishRules({ ...ready, heroImage: null })).toEqual([])
  })
})

describe('dates and fingerprints', () => {
  it('approve sets the review dates and binds the fingerprint; publish keeps the first publish date', () => {
    const approved = editorialTransition({
      article: article('in_review', { content: { title: 'abc' } }),
      action: 'approve',
      viewedFingerprint: fingerprintOf(article('in_review', { content: { title: 'abc' } })),
      isAttested: true,
      actor: people.reviewer as Actor,
      now,
      reviewIntervalMonths: 24,
    })
    expect(approved).toMatchObject({
      ok: true,
      changes: {
        lastReviewedAt: '2026-11-24T10:00:00.000Z',
        nextReviewDue: '2028-11-24T10:00:00.000Z',
        reviewStatus: 'current',
        approvedFingerprint: fp({ title: 'abc' }),
      },
    })
    const republished = editorialTransition({
      article: article('approved', { publishedAt: '2022-05-30T00:00:00.000Z' }),
      action: 'publish',
      actor: people.editor as Actor,
      now,
    })
    expect(republished).toMatchObject({ changes: { publishedAt: '2022-05-30T00:00:00.000Z' } })
    const first = editorialTransition({
      article: article('approved'),
      action: 'publish',
      actor: people.editor as Actor,
      now,
    })
    expect(first).toMatchObject({ changes: { publishedAt: now.toISOString() } })
  })

  it('fingerprints content, not representation', () => {
    const a = fp({
      title: 'T',
      author: { id: 3, name: 'N' },
      sources: [1, 2],
      keyMessages: [{ id: 'x', message: 'm' }],
    })
    const b = fp({
      title: 'T',
      author: 3,
      sources: [{ id: 1 }, { id: 2 }],
      keyMessages: [{ id: 'y', message: 'm' }],
    })
    expect(a).toBe(b)
    expect(fp({ title: 'T', sources: [2, 1] })).not.toBe(fp({ title: 'T', sources: [1, 2] }))
    expect(fp({ title: 'T.' })).not.toBe(fp({ title: 'T' }))
  })
})

describe('a decision names what was read and what was attested', () => {
  const reviewer = people.reviewer as Actor
  const decideOn = (
    extra: { viewedFingerprint?: string; isAttested?: boolean },
    action = 'approve',
  ) =>
    editorialTransition({
      article: article('in_review'),
      action,
      actor: reviewer,
      now,
      note: 'n',
      ...extra,
    })

  it('FINGERPRINT_REQUIRED: an approval must say which content it read (400)', () => {
    const result = decideOn({ isAttested: true })
    expect(result).toMatchObject({ ok: false, refusals: [{ code: 'FINGERPRINT_REQUIRED' }] })
    expect(!result.ok && statusFor(result.refusals)).toBe(400)
    // Optional when requesting changes.
    expect(decideOn({}, 'request-changes')).toMatchObject({ ok: true })
  })

  it('CONTENT_CHANGED_SINCE_VIEWED: a decision on content that changed since it was read (409)', () => {
    const stale = fp({ title: 'What the reviewer saw an hour ago' })
    for (const action of ['approve', 'request-changes']) {
      const result = decideOn({ viewedFingerprint: stale, isAttested: true }, action)
      expect(result).toMatchObject({
        ok: false,
        refusals: [{ code: 'CONTENT_CHANGED_SINCE_VIEWED' }],
      })
      expect(!result.ok && statusFor(result.refusals)).toBe(409)
    }
  })

  it('ATTESTATION_REQUIRED: an approval confirms the attestation (400)', () => {
    const result = decideOn({ viewedFingerprint: fingerprintOf(article('in_review')) })
    expect(result).toMatchObject({ ok: false, refusals: [{ code: 'ATTESTATION_REQUIRED' }] })
  })

  it('submit runs the publish rules first: a clinician never reviews what could not be published', () => {
    const unready = article('draft', { publishCandidate: { ...ready, hasAuthor: false } })
    const result = editorialTransition({
      article: unready,
      action: 'submit',
      actor: people.writer as Actor,
      now,
    })
    expect(result).toMatchObject({
      ok: false,
      refusals: [{ code: 'PUBLISH_RULES_FAILED', rules: [{ rule: 'author' }] }],
    })
  })
})

describe('available actions', () => {
  it('never offers a writer approve or publish', () => {
    for (const stage of EDITORIAL_STAGES) {
      const actions = availableActions({
        article: article(stage),
        actor: people.writer as Actor,
        now,
      })
      expect(actions).not.toContain('approve')
      expect(actions).not.toContain('publish')
    }
    expect(
      availableActions({ article: article('draft'), actor: people.writer as Actor, now }),
    ).toEqual(['submit'])
    expect(
      availableActions({ article: article('in_review'), actor: people.reviewer as Actor, now }),
    ).toEqual(['request-changes', 'approve'])
  })
})

describe('re-review of a live article', () => {
  const live = (extra: Partial<WorkflowArticle> = {}) =>
    article('published', { publishedAt: '2024-05-30T00:00:00.000Z', ...extra })

  it('reaffirm moves the review dates on, signs the live text, keeps publishedAt and the stage', () => {
    const result = editorialTransition({
      article: live(),
      action: 'reaffirm',
      actor: people.reviewer as Actor,
      now,
      viewedFingerprint: fingerprintOf(live()),
      isAttested: true,
    })
    expect(result).toMatchObject({
      ok: true,
      changes: {
        stage: 'published',
        lastReviewedAt: now.toISOString(),
        nextReviewDue: '2028-11-24T10:00:00.000Z',
        reviewStatus: 'current',
        medicalReviewer: 'reviewer-gina',
        reReviewer: null,
      },
    })
    expect(result.ok && 'publishedAt' in result.changes).toBe(false)
  })

  it('only the reviewer an editor asked may reaffirm, once asked', () => {
    const asked = live({ reReviewerId: 'reviewer-sam' })
    const result = editorialTransition({
      article: asked,
      action: 'reaffirm',
      actor: people.reviewer as Actor,
      now,
      viewedFingerprint: fingerprintOf(asked),
      isAttested: true,
    })
    expect(result.ok ? [] : result.refusals.map((r) => r.code)).toEqual(['NOT_ASSIGNED_REVIEWER'])
  })

  it('request-re-review records the reviewer asked and changes nothing else', () => {
    const result = editorialTransition({
      article: live(),
      action: 'request-re-review',
      actor: people.editor as Actor,
      now,
      reReviewer: 'reviewer-sam',
    })
    expect(result).toEqual({
      ok: true,
      action: 'request-re-review',
      from: 'published',
      changes: { stage: 'published', reReviewer: 'reviewer-sam' },
    })
  })
})
