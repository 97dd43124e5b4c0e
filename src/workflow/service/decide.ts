import type { PayloadRequest } from 'payload'

import type { Article, User } from '@payload-types'
import { reviewIntervalMonths } from '@/config/env'
import { editorialTransition } from '@/workflow/transitions'
import type { TransitionResult, WorkflowArticle } from '@/workflow/transitions'

import { toActor, toWorkflowArticle } from './loadWorkflowArticle'

export type Decision = { article: WorkflowArticle; result: TransitionResult; at: Date }

/**
 * Asks the transition table about one action on an article as stored (or about to be stored),
 * for the person on the request: the step every door shares, whoever writes the result.
 */
export const decide = async ({
  req,
  doc,
  action,
  note = '',
  now = new Date(),
}: {
  req: PayloadRequest
  doc: Partial<Article>
  action: unknown
  note?: string
  now?: Date
}): Promise<Decision> => {
  const article = await toWorkflowArticle({ doc, req })
  const result = editorialTransition({
    article,
    action,
    actor: await toActor({ user: req.user as User | null, req }),
    now,
    note,
    reviewIntervalMonths: reviewIntervalMonths(),
  })
  return { article, result, at: now }
}
