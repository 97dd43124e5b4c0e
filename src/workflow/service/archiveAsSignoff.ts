import type { PayloadRequest } from 'payload'

import type { Article } from '@payload-types'
import type { Actor } from '@/workflow/transitions'

import { decide } from './decide'
import { recordDecision } from './recordDecision'

/** Signoff itself, when a policy acts: it may do what an admin may, and is named as such. */
const SIGNOFF: Actor = { id: 'signoff', roles: ['admin'], authorId: null, reviewer: null }
export const SIGNOFF_ACTOR_NAME = 'Signoff (overdue policy)'

/**
 * Takes a live article offline through the transition table, as the overdue policy's own
 * decision: the same `archive` as an editor's, recorded with a note, in `req`'s transaction, with
 * the usual webhook. Answers whether it was archived.
 */
export const archiveAsSignoff = async ({
  req,
  id,
  note,
}: {
  req: PayloadRequest
  id: number | string
  note: string
}): Promise<boolean> => {
  const doc = await req.payload.findByID({
    collection: 'articles',
    id,
    draft: false,
    depth: 0,
    overrideAccess: true,
    req,
    disableErrors: true,
  })
  if (!doc) {
    return false
  }
  const decision = await decide({ req, doc, action: 'archive', note, asActor: SIGNOFF })
  const { result } = decision
  if (!result.ok) {
    req.payload.logger.warn(
      `Overdue policy could not archive article ${id}: ${result.refusals.map((r) => r.message).join(' ')}`,
    )
    return false
  }
  const updated = await req.payload.update({
    collection: 'articles',
    id,
    data: { ...(result.changes as Partial<Article>), _status: 'draft' },
    draft: false,
    depth: 0,
    overrideAccess: true,
    context: { editorialTransition: result.action },
    req,
  })
  await recordDecision({
    req,
    articleId: id,
    title: updated.title,
    decision,
    note,
    actorName: SIGNOFF_ACTOR_NAME,
  })
  return true
}
