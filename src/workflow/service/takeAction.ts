import { commitTransaction, initTransaction, killTransaction } from 'payload'
import type { PayloadRequest } from 'payload'

import type { Article } from '@payload-types'
import { statusFor } from '@/shared/refusals'
import type { Refusal } from '@/shared/refusals'

import { liveVersionChanged } from '@/delivery/readModel/refresh'
import { supersedeSchedules } from './supersedeSchedules'
import { LIVE_VERSION_ACTIONS } from '@/workflow/transitions'
import type { EditorialAction } from '@/workflow/transitions'

import { decide } from './decide'
import { isLive } from './isLive'
import { loadArticleForUser } from './loadArticleForUser'
import { recordDecision } from './recordDecision'
import { writeLiveVersion } from './writeLiveVersion'

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
  reReviewer = null,
  articleId,
  fromSchedule,
}: {
  req: PayloadRequest
  /** The article (default: the `:id` in the route). */
  articleId?: number | string
  /** The scheduled decision being applied, when a job takes it. */
  fromSchedule?: number | string
  action: unknown
  note?: string
  viewedFingerprint?: string
  isAttested?: boolean
  /** Comments on passages made with the decision (request-changes), in its transaction. */
  comments?: NewComment[]
  /** For request-re-review: the medical reviewer asked to re-review (null: its own). */
  reReviewer?: number | string | null
}): Promise<ActionOutcome> => {
  const shouldCommit = await initTransaction(req)
  try {
    const onLive = LIVE_VERSION_ACTIONS.includes(action as EditorialAction)
    const loaded = await loadArticleForUser(req, {
      version: onLive ? 'live' : 'latest',
      id: articleId,
    })
    if (loaded.response) {
      await killTransaction(req)
      return { ok: false, response: loaded.response }
    }
    const { doc } = loaded
    if (reReviewer !== null) {
      const profile = await req.payload.findByID({
        collection: 'medical-reviewers',
        id: reReviewer,
        depth: 0,
        overrideAccess: true,
        req,
        disableErrors: true,
      })
      if (!profile) {
        await killTransaction(req)
        const refusals: Refusal[] = [
          { code: 'NOT_FOUND', message: `No medical reviewer with id ${reReviewer}.` },
        ]
        return { ok: false, status: statusFor(refusals), refusals }
      }
    }
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
    const decision = await decide({
      req,
      doc,
      action,
      note,
      viewedFingerprint,
      isAttested,
      reReviewer,
    })
    const { result } = decision
    if (!result.ok) {
      await killTransaction(req)
      return { ok: false, status: statusFor(result.refusals), refusals: result.refusals }
    }
    if (onLive) {
      // The live version stays published: only the review bookkeeping changes.
      const changes = { ...result.changes } as Partial<Article>
      delete changes.stage
      await writeLiveVersion({ req, id: doc.id, data: changes })
      // The delivery API shows the new dates (and any newly signed evidence) at once.
      await liveVersionChanged({ req, articleId: doc.id })
      await recordDecision({ req, articleId: doc.id, title: doc.title, decision, note })
      if (shouldCommit) {
        await commitTransaction(req)
      }
      const live = await req.payload.findByID({
        collection: 'articles',
        id: doc.id,
        depth: 0,
        overrideAccess: true,
        req,
      })
      return { ok: true, article: live }
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
    if (isPublish || isArchive) {
      // Taken now, by hand or by its own schedule: what waited to do the same has nothing left.
      await supersedeSchedules({
        req,
        articleId: doc.id,
        actions: isArchive ? ['publish', 'archive'] : ['publish'],
        reason: isArchive ? 'The article was archived first' : 'The article was published first',
        except: fromSchedule,
      })
    }
    if (shouldCommit) {
      await commitTransaction(req)
    }
    return { ok: true, article: updated }
  } catch (error) {
    await killTransaction(req)
    throw error
  }
}
