import { areCredentialsCurrent } from './credentials'
import type { Evidence } from './evidence'
import { contentFingerprint } from './fingerprint'
import type { ArticleContent } from './fingerprint'
import { FULFILLED_BY_REVIEW, failedPublishRules } from './publishRules'
import type { PublishCandidate } from './publishRules'
import type { Refusal } from '@/shared/refusals'
import { nextReviewDue, reviewStatusOf } from './reviewDates'
import type { EditorialStage, ReviewStatus } from './stages'

type Id = number | string

export type EditorialRole = 'admin' | 'editor' | 'writer' | 'reviewer'

/** Who may take a transition: a role, or `writer` meaning the writer of this very article. */
export type Who = 'admin' | 'editor' | 'reviewer' | 'articleWriter'

type Guard =
  | 'noteRequired'
  | 'notTheAuthor'
  | 'assignedReviewer'
  | 'credentialsCurrent'
  | 'contentUnchangedSinceApproval'
  | 'publishRules'
  | 'viewedCurrentContent'
  | 'attested'
  | 'noOpenComments'
  | 'reviewerCredentialsCurrent'

export type EditorialAction =
  | 'submit'
  | 'withdraw'
  | 'request-changes'
  | 'approve'
  | 'publish'
  | 'archive'
  | 'restore'
  | 'reaffirm'
  | 'request-re-review'

type EditorialTransition = {
  from: EditorialStage[]
  to: EditorialStage
  who: Who[]
  guards: Guard[]
  label: string
}

/** The editorial workflow, as data. Everything that moves an article asks this table. */
export const EDITORIAL_TRANSITIONS: Record<EditorialAction, EditorialTransition> = {
  submit: {
    from: ['draft', 'changes_requested'],
    to: 'in_review',
    who: ['articleWriter', 'editor', 'admin'],
    // A clinician never reviews an article that could not be published.
    guards: ['publishRules'],
    label: 'Submit for medical review',
  },
  withdraw: {
    from: ['in_review'],
    to: 'draft',
    who: ['articleWriter', 'editor', 'admin'],
    guards: [],
    label: 'Withdraw from review',
  },
  'request-changes': {
    from: ['in_review'],
    to: 'changes_requested',
    who: ['reviewer'],
    guards: ['noteRequired', 'viewedCurrentContent'],
    label: 'Request changes',
  },
  approve: {
    from: ['in_review'],
    to: 'approved',
    who: ['reviewer'],
    guards: [
      'notTheAuthor',
      'assignedReviewer',
      'credentialsCurrent',
      'viewedCurrentContent',
      'attested',
      'noOpenComments',
    ],
    label: 'Approve',
  },
  publish: {
    from: ['approved'],
    to: 'published',
    who: ['editor', 'admin'],
    // When the editor names the fingerprint of what they saw (a scheduled publish always does),
    // nothing else goes live.
    guards: [
      'contentUnchangedSinceApproval',
      'reviewerCredentialsCurrent',
      'publishRules',
      'viewedCurrentContent',
    ],
    label: 'Publish',
  },
  archive: {
    from: ['published'],
    to: 'archived',
    who: ['editor', 'admin'],
    guards: [],
    label: 'Archive',
  },
  restore: {
    from: ['archived'],
    to: 'draft',
    who: ['editor', 'admin'],
    guards: [],
    label: 'Restore',
  },
  // Re-review of what is live: decided on the live version, whatever draft is pending.
  'request-re-review': {
    from: ['published'],
    to: 'published',
    who: ['editor', 'admin'],
    guards: [],
    label: 'Request re-review',
  },
  reaffirm: {
    from: ['published'],
    to: 'published',
    who: ['reviewer'],
    guards: [
      'notTheAuthor',
      'assignedReviewer',
      'credentialsCurrent',
      'viewedCurrentContent',
      'attested',
    ],
    label: 'Reaffirm: still accurate',
  },
}

/** Actions on the live version itself: they neither make nor need a draft. */
export const LIVE_VERSION_ACTIONS: readonly EditorialAction[] = ['request-re-review', 'reaffirm']

export const EDITORIAL_ACTIONS = Object.keys(EDITORIAL_TRANSITIONS) as EditorialAction[]

const isEditorialAction = (value: unknown): value is EditorialAction =>
  typeof value === 'string' && Object.hasOwn(EDITORIAL_TRANSITIONS, value)

/** The article as the workflow sees it. */
export type WorkflowArticle = {
  stage: EditorialStage
  createdBy: Id | null
  authorId: Id | null
  /** The account linked to the credited author, if any. */
  authorUserId: Id | null
  medicalReviewerId: Id | null
  /** Until when the assigned reviewer's credentials were verified: publishing needs them current. */
  medicalReviewerCredentialsUntil: string | null
  /** The reviewer an editor asked to re-review the live article, when not its own reviewer. */
  reReviewerId?: Id | null
  publishedAt: string | null
  approvedFingerprint: string | null
  /** The content fields as they are now: what a reviewer signs off. */
  content: ArticleContent
  /** The cited sources and hero image as they are now: signed off with the content. */
  evidence: Evidence
  publishCandidate: PublishCandidate
  /** The open comment threads on it: an approval waits until they are resolved. */
  openComments?: { total: number; listed: NonNullable<Refusal['comments']> }
}

/** The fingerprint of what a reviewer would sign now: the content with its current evidence. */
export const fingerprintOf = (article: Pick<WorkflowArticle, 'content' | 'evidence'>): string =>
  contentFingerprint({ content: article.content, evidence: article.evidence })

/** The person acting, with their reviewer profile when they have one. */
export type Actor = {
  id: Id
  roles: EditorialRole[]
  authorId: Id | null
  reviewer: {
    id: Id
    credentialsVerifiedUntil: string | null
    /** Kept with an approval: what the reviewer held when they signed. */
    qualifications?: string | null
  } | null
}

/** What a successful transition writes onto the article. */
type TransitionChanges = {
  stage: EditorialStage
  medicalReviewer?: Id
  reReviewer?: Id | null
  lastReviewedAt?: string
  nextReviewDue?: string
  reviewStatus?: ReviewStatus
  approvedFingerprint?: string | null
  /** The evidence as approved: what the live article shows, whatever later happens to a source. */
  signedEvidence?: Evidence
  publishedAt?: string
}

export type TransitionResult =
  | { ok: true; action: EditorialAction; from: EditorialStage; changes: TransitionChanges }
  | { ok: false; refusals: Refusal[] }

const same = (a: Id | null | undefined, b: Id | null | undefined): boolean =>
  a !== null && a !== undefined && b !== null && b !== undefined && String(a) === String(b)

/** Whether the actor wrote this article: created it, or is (linked to) its credited author. */
const isArticleWriter = (article: WorkflowArticle, actor: Actor): boolean =>
  same(article.createdBy, actor.id) ||
  same(article.authorUserId, actor.id) ||
  same(article.authorId, actor.authorId)

const mayAct = (who: Who[], article: WorkflowArticle, actor: Actor): boolean =>
  who.some((w) =>
    w === 'articleWriter'
      ? actor.roles.includes('writer') && isArticleWriter(article, actor)
      : actor.roles.includes(w),
  )

type GuardContext = {
  action: EditorialAction
  article: WorkflowArticle
  actor: Actor
  note: string
  now: Date
  /** The fingerprint of the content the person saw (GET …/workflow gives it). */
  viewedFingerprint: string | undefined
  isAttested: boolean
}

const GUARDS: Record<Guard, (c: GuardContext) => Refusal | null> = {
  // Comments on the passages say what to change as well as a note does.
  noteRequired: ({ note, article }) =>
    note.trim() || (article.openComments?.total ?? 0) > 0
      ? null
      : {
          code: 'NOTE_REQUIRED',
          message: 'Say what needs to change: a note, or comments on the passages.',
        },
  noOpenComments: ({ article }) => {
    const open = article.openComments
    return !open || open.total === 0
      ? null
      : {
          code: 'OPEN_COMMENTS',
          message: `${open.total} comment${open.total === 1 ? ' is' : 's are'} still open: resolve ${open.total === 1 ? 'it' : 'them'} before approving.`,
          comments: open.listed,
        }
  },
  notTheAuthor: ({ article, actor }) =>
    isArticleWriter(article, actor)
      ? {
          code: 'SELF_REVIEW',
          message: 'You wrote this article; another clinician must review it.',
        }
      : null,
  assignedReviewer: ({ action, article, actor }) => {
    if (!actor.reviewer) {
      return {
        code: 'REVIEWER_PROFILE_MISSING',
        message:
          'Your account is not linked to a medical reviewer profile; ask an admin to link it.',
      }
    }
    const assigned =
      action === 'reaffirm'
        ? (article.reReviewerId ?? article.medicalReviewerId)
        : article.medicalReviewerId
    return assigned === null || same(assigned, actor.reviewer.id)
      ? null
      : {
          code: 'NOT_ASSIGNED_REVIEWER',
          message: 'Another medical reviewer is assigned to this article.',
        }
  },
  credentialsCurrent: ({ actor, now }) => {
    const until = actor.reviewer?.credentialsVerifiedUntil
    if (!actor.reviewer) {
      return null
    }
    return areCredentialsCurrent({ verifiedUntil: until, now })
      ? null
      : {
          code: 'REVIEWER_CREDENTIALS_EXPIRED',
          message: until
            ? `Your credentials were verified until ${until.slice(0, 10)}; an editor must renew the check before you approve.`
            : 'Your credentials have not been verified; an editor must check them before you approve.',
        }
  },
  reviewerCredentialsCurrent: ({ article, now }) => {
    const until = article.medicalReviewerCredentialsUntil
    return article.medicalReviewerId === null ||
      areCredentialsCurrent({ verifiedUntil: until, now })
      ? null
      : {
          code: 'REVIEWER_CREDENTIALS_LAPSED',
          message: until
            ? `The medical reviewer's credentials were verified until ${until.slice(0, 10)}; renew the check before publishing what they signed.`
            : "The medical reviewer's credentials have not been verified; check them before publishing what they signed.",
        }
  },
  contentUnchangedSinceApproval: ({ article }) =>
    article.approvedFingerprint && article.approvedFingerprint === fingerprintOf(article)
      ? null
      : {
          code: 'CONTENT_CHANGED_SINCE_APPROVAL',
          message: 'The content changed after the medical review; it must be reviewed again.',
        },
  viewedCurrentContent: ({ action, article, viewedFingerprint }) => {
    if (viewedFingerprint === undefined) {
      return action === 'approve' || action === 'reaffirm'
        ? {
            code: 'FINGERPRINT_REQUIRED',
            message:
              'Send the "fingerprint" of the content you reviewed (GET /api/articles/:id/workflow gives it).',
          }
        : null
    }
    return viewedFingerprint === fingerprintOf(article)
      ? null
      : {
          code: 'CONTENT_CHANGED_SINCE_VIEWED',
          message:
            'The article or its evidence changed after you opened it: read it again before deciding.',
        }
  },
  attested: ({ isAttested }) =>
    isAttested
      ? null
      : {
          code: 'ATTESTATION_REQUIRED',
          message: 'Confirm the attestation ("attest": true) to approve.',
        },
  publishRules: ({ action, article }) => {
    // A reviewer is assigned by taking the review up, so submitting needs none yet.
    const rules = failedPublishRules(article.publishCandidate).filter(
      (failure) => action !== 'submit' || !FULFILLED_BY_REVIEW.includes(failure.rule),
    )
    const forWhat = action === 'submit' ? 'for medical review' : 'to publish'
    return rules.length
      ? {
          code: 'PUBLISH_RULES_FAILED',
          message: `The article is not ready ${forWhat}: ${rules.map((r) => r.message).join(' ')}`,
          rules,
        }
      : null
  },
}

/** What a medical sign-off writes: the review dates, and what was signed. */
const signOff = ({
  article,
  reviewer,
  now,
  reviewIntervalMonths,
}: {
  article: WorkflowArticle
  reviewer: { medicalReviewer?: Id }
  now: Date
  reviewIntervalMonths: number
}) => {
  const due = nextReviewDue({ lastReviewedAt: now, months: reviewIntervalMonths })
  return {
    lastReviewedAt: now.toISOString(),
    nextReviewDue: due.toISOString(),
    reviewStatus: reviewStatusOf({ nextReviewDue: due, now }),
    approvedFingerprint: fingerprintOf({
      content: { ...article.content, ...reviewer },
      evidence: article.evidence,
    }),
    signedEvidence: article.evidence,
  }
}

const changesFor = ({
  action,
  article,
  actor,
  now,
  reviewIntervalMonths,
  reReviewer,
}: {
  action: EditorialAction
  article: WorkflowArticle
  actor: Actor
  now: Date
  reviewIntervalMonths: number
  reReviewer: Id | null
}): TransitionChanges => {
  const to = EDITORIAL_TRANSITIONS[action].to
  if (action === 'request-re-review') {
    return { stage: to, reReviewer }
  }
  if (action === 'reaffirm') {
    // The reviewer who reaffirms is the live page's reviewer from now on.
    const reviewer = actor.reviewer ? { medicalReviewer: actor.reviewer.id } : {}
    return {
      stage: to,
      ...reviewer,
      reReviewer: null,
      ...signOff({ article, reviewer, now, reviewIntervalMonths }),
    }
  }
  // A reviewer who takes up an unassigned article becomes its reviewer: they see it again when it
  // comes back, and an approval's sign-off covers the assignment too.
  const assigned =
    article.medicalReviewerId === null && actor.reviewer
      ? { medicalReviewer: actor.reviewer.id }
      : {}
  if (action === 'request-changes') {
    return { stage: to, ...assigned }
  }
  if (action === 'approve') {
    return {
      stage: to,
      ...assigned,
      ...signOff({ article, reviewer: assigned, now, reviewIntervalMonths }),
    }
  }
  if (action === 'publish') {
    return { stage: to, publishedAt: article.publishedAt ?? now.toISOString() }
  }
  if (action === 'submit' || action === 'restore' || action === 'withdraw') {
    return { stage: to, approvedFingerprint: null }
  }
  return { stage: to }
}

/** Whether the actor's role lets them take the action on this article at all (stage aside). */
export const mayTake = ({
  action,
  article,
  actor,
}: {
  action: EditorialAction
  article: WorkflowArticle
  actor: Actor | null
}): boolean => actor !== null && mayAct(EDITORIAL_TRANSITIONS[action].who, article, actor)

/**
 * Decides one workflow action: the next state of the article, or every reason it is refused.
 * Pure: the caller loads the article and the actor and writes the result.
 */
export const editorialTransition = ({
  article,
  action,
  actor,
  now,
  note = '',
  viewedFingerprint,
  isAttested = false,
  reviewIntervalMonths = 24,
  reReviewer = null,
}: {
  article: WorkflowArticle
  action: unknown
  actor: Actor | null
  now: Date
  note?: string
  viewedFingerprint?: string
  isAttested?: boolean
  reviewIntervalMonths?: number
  /** For request-re-review: the reviewer asked (null: the article's own reviewer). */
  reReviewer?: Id | null
}): TransitionResult => {
  if (!isEditorialAction(action)) {
    return {
      ok: false,
      refusals: [
        {
          code: 'UNKNOWN_ACTION',
          message: `Unknown action ${JSON.stringify(action)}; use one of: ${EDITORIAL_ACTIONS.join(', ')}.`,
        },
      ],
    }
  }
  const transition = EDITORIAL_TRANSITIONS[action]
  if (!transition.from.includes(article.stage)) {
    return {
      ok: false,
      refusals: [
        {
          code: 'NOT_ALLOWED_FROM_STAGE',
          message: `"${transition.label}" is possible from ${transition.from.join(' or ')}; this article is ${article.stage}.`,
        },
      ],
    }
  }
  if (!actor || !mayAct(transition.who, article, actor)) {
    const who = transition.who.map((w) => (w === 'articleWriter' ? "the article's writer" : w))
    return {
      ok: false,
      refusals: [
        { code: 'ROLE_NOT_ALLOWED', message: `"${transition.label}" is for ${who.join(', ')}.` },
      ],
    }
  }
  const refusals = transition.guards.flatMap((guard) => {
    const refusal = GUARDS[guard]({
      action,
      article,
      actor,
      note,
      now,
      viewedFingerprint,
      isAttested,
    })
    return refusal ? [refusal] : []
  })
  if (refusals.length) {
    return { ok: false, refusals }
  }
  return {
    ok: true,
    action,
    from: article.stage,
    changes: changesFor({ action, article, actor, now, reviewIntervalMonths, reReviewer }),
  }
}

/** The actions this actor may take on this article now: what the admin shows as buttons. */
export const availableActions = ({
  article,
  live = null,
  actor,
  now,
}: {
  article: WorkflowArticle
  /** The live version, when there is one: re-review actions are taken on it. */
  live?: WorkflowArticle | null
  actor: Actor | null
  now: Date
}): EditorialAction[] =>
  EDITORIAL_ACTIONS.filter((action) => {
    const on = LIVE_VERSION_ACTIONS.includes(action) ? live : article
    if (!on) {
      return false
    }
    // As if the person had read the current content and filled in what the request needs.
    const result = editorialTransition({
      article: on,
      action,
      actor,
      now,
      note: 'x',
      viewedFingerprint: fingerprintOf(on),
      isAttested: true,
    })
    return (
      result.ok ||
      result.refusals.every(
        (r) =>
          r.code === 'PUBLISH_RULES_FAILED' ||
          r.code === 'CONTENT_CHANGED_SINCE_APPROVAL' ||
          r.code === 'REVIEWER_CREDENTIALS_LAPSED',
      )
    )
  })
