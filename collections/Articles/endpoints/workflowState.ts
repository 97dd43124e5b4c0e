import type { Endpoint } from 'payload'

import { EDITORIAL_TRANSITIONS, availableActions } from '@/workflow/transitions'
import type { ReviewFlag } from '@/workflow/reviewFlags'
import { PUBLISHED_ARTICLES } from '@collections/PublishedArticles'
import { toActor, toWorkflowArticle } from '@/workflow/service/loadWorkflowArticle'
import { loadArticleForUser } from '@/workflow/service/loadArticleForUser'

/**
 * GET /api/articles/:id/workflow: what the admin's workflow bar shows — the stage, the actions this
 * person may take now (asked of the transition table), the review history, credential warnings.
 */
export const workflowStateEndpoint: Endpoint = {
  path: '/:id/workflow',
  method: 'get',
  handler: async (req) => {
    const loaded = await loadArticleForUser(req)
    if (loaded.response) {
      return loaded.response
    }
    const { doc, user } = loaded
    const now = new Date()
    const article = await toWorkflowArticle({ doc, req })
    const actions = availableActions({ article, actor: await toActor({ user, req }), now })
    const { docs: history } = await req.payload.find({
      collection: 'review-records',
      where: { article: { equals: doc.id } },
      sort: '-at',
      limit: 50,
      depth: 0,
      overrideAccess: false,
      user,
      req,
    })
    const reviewer =
      article.medicalReviewerId === null
        ? null
        : await req.payload.findByID({
            collection: 'medical-reviewers',
            id: article.medicalReviewerId,
            depth: 0,
            overrideAccess: true,
            req,
            disableErrors: true,
          })
    const { docs: renderings } = await req.payload.find({
      collection: PUBLISHED_ARTICLES,
      where: { article: { equals: doc.id } },
      select: { reviewFlags: true },
      limit: 1,
      depth: 0,
      overrideAccess: true,
      req,
    })
    const until = reviewer?.credentialsVerifiedUntil
    return Response.json({
      stage: article.stage,
      actions: actions.map((action) => ({ action, label: EDITORIAL_TRANSITIONS[action].label })),
      history: history.map((record) => ({
        action: record.action,
        actorName: record.actorName ?? null,
        note: record.note ?? null,
        at: record.at,
        fromStage: record.fromStage ?? null,
        toStage: record.toStage ?? null,
      })),
      reviewerWarning:
        reviewer && (!until || new Date(until) < now)
          ? `${reviewer.name}'s credentials ${until ? `expired on ${until.slice(0, 10)}` : 'have not been verified'}: they cannot approve until an editor renews the check.`
          : null,
      // Why the live version needs a reviewer before its planned review (evidence, rules).
      reviewFlags: (renderings[0]?.reviewFlags as ReviewFlag[] | null | undefined) ?? [],
    })
  },
}
