import type { PayloadRequest } from 'payload'

import type { Article, User } from '@payload-types'
import { editorialTransition } from '@/workflow/transitions'
import type { Actor, TransitionResult, WorkflowArticle } from '@/workflow/transitions'

import { openCommentsOn } from '@/comments/service/openComments'

import { toActor, toWorkflowArticle } from './loadWorkflowArticle'
import { intervalMonthsOf } from './intervalMonthsOf'

/** The review decisions that look at the comments on the article. */
const READS_COMMENTS = new Set<unknown>(['approve', 'request-changes'])

export type Decision = {
  article: WorkflowArticle
  actor: Actor | null
  result: TransitionResult
  at: Date
}

/**
 * Asks the transition table about one action on an article as stored (or about to be stored),
 * for the person on the request: the step every door shares, whoever writes the result.
 */
export const decide = async ({
  req,
  doc,
  action,
  note = '',
  viewedFingerprint,
  isAttested = false,
  reReviewer = null,
  asActor,
  now = new Date(),
}: {
  req: PayloadRequest
  doc: Partial<Article>
  action: unknown
  note?: string
  /** The fingerprint of what the person read (approve and request-changes name it). */
  viewedFingerprint?: string
  isAttested?: boolean
  reReviewer?: number | string | null
  /** Signoff acting by itself (a policy), instead of the person on the request. */
  asActor?: Actor
  now?: Date
}): Promise<Decision> => {
  const article = await toWorkflowArticle({ doc, req })
  if (READS_COMMENTS.has(action) && doc.id !== undefined) {
    const open = await openCommentsOn({ req, articleId: doc.id })
    article.openComments = { total: open.total, listed: open.comments }
  }
  const actor = asActor ?? (await toActor({ user: req.user as User | null, req }))
  const result = editorialTransition({
    article,
    action,
    actor,
    now,
    note,
    viewedFingerprint,
    isAttested,
    reReviewer,
    reviewIntervalMonths: await intervalMonthsOf({ req, doc }),
  })
  return { article, actor, result, at: now }
}
