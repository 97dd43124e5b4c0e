import { commitTransaction, initTransaction, killTransaction } from 'payload'
import type { PayloadRequest } from 'payload'

import type { Article } from '@payload-types'
import { statusFor } from '@/shared/refusals'
import type { Refusal } from '@/shared/refusals'

import { decide } from './decide'
import { isLive } from './isLive'
import { loadArticleForUser } from './loadArticleForUser'
import { recordDecision } from './recordDecision'

export type NewComment = { quote: string; body: string }

type ActionOutcome =
  | { ok: true; article: Article }
  | { ok: false; response: Response }
  | { ok: false; status: number; refusals: Refusal[] }

/**
 * Takes one editorial decision on the article in the route, for the person on the request: load
 * (inside the transaction, so a concurrent decision on the article waits), decide, write, record,
 * all or nothing. The workflow endpoint calls it; Payload's own Publish shares `decide` and
 * `recordDecision` (src/workflow/service/enforceOnSave.ts).
 */
export const takeAction = async ({
  req,
  action,
  note = '',
  viewedFingerprint,
  isAttested = false,
  comments = [],
}: {
  req: PayloadRequest
  action: unknown
  note?: string
  viewedFingerprint?: string
  isAttested?: boolean
  /** Comments on passages made with the decision (request-changes), in its transaction. */
  comments?: NewComment[]
}): Promise<ActionOutcome> => {
  const shouldCommit = await initTransaction(req)
  try {
    const loaded = await loadArticleForUser(req)
    if (loaded.response) {
      await killTransaction(req)
      return { ok: false, response: loaded.response }
    }
    const { doc } = loaded
    // Made as the person, with every rule a comment has; a refused decision takes them back.
    for (const comment of comments) {
      await req.payload.create({
        collection: 'review-comments',
        data: { article: doc.id, quote: comment.quote, body: comment.body, status: 'open' },
        overrideAccess: false,
        user: req.user,
        context: { withDecision: true },
        req,
      })
    }
    const decision = await decide({ req, doc, action, note, viewedFingerprint, isAttested })
    const { result } = decision
    if (!result.ok) {
      await killTransaction(req)
      return { ok: false, status: statusFor(result.refusals), refusals: result.refusals }
    }
    const isPublish = result.changes.stage === 'published'
    const isArchive = result.changes.stage === 'archived'
    // On a live article, decisions before publish belong to its new draft, not to the live version.
    const isDraftDecision = !isPublish && !isArchive && (await isLive({ id: doc.id, req }))
    const updated = await req.payload.update({
      collection: 'articles',
      id: doc.id,
      data: { ...(result.changes as Partial<Article>), _status: isPublish ? 'published' : 'draft' },
      draft: isDraftDecision,
      depth: 0,
      overrideAccess: true,
      context: { editorialTransition: result.action },
      req,
    })
    await recordDecision({ req, articleId: doc.id, title: updated.title, decision, note })
    if (shouldCommit) {
      await commitTransaction(req)
    }
    return { ok: true, article: updated }
  } catch (error) {
    await killTransaction(req)
    throw error
  }
}
