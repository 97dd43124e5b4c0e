import type { PayloadRequest } from 'payload'

import type { Article, User } from '@payload-types'
import { PUBLISHED_ARTICLES, SCHEDULED_ACTIONS } from '@/shared/collections'
import { credentialsProblem } from '@/workflow/credentials'
import type { ReviewFlag } from '@/workflow/reviewFlags'
import { idOf } from '@/shared/idOf'
import { LIVE } from '@/workflow/live'
import { DEFAULT_ATTESTATION } from '@/workflow/attestation'
import { publishChecks, publishWarnings } from '@/workflow/publishRules'
import { readabilityTargetGrade, sourceMaxAgeYears } from '@/config/env'
import { readabilityOf } from '@/readability/readability'
import { EDITORIAL_TRANSITIONS, availableActions, fingerprintOf } from '@/workflow/transitions'

import { changesSinceReview } from './changesSinceReview'

import { toActor, toWorkflowArticle } from './loadWorkflowArticle'
import { DAY_MS } from '@/shared/time'

/**
 * What the admin's workflow panel shows for an article: the stage, the actions this person may
 * take now (asked of the transition table), the review history, whether the assigned reviewer can
 * approve today, and why the live version needs a reviewer before its planned review.
 */
export const workflowPanel = async ({
  req,
  doc,
  user,
  now = new Date(),
}: {
  req: PayloadRequest
  doc: Article
  user: User
  now?: Date
}) => {
  const article = await toWorkflowArticle({ doc, req })
  const { docs: liveDocs } = await req.payload.find({
    collection: 'articles',
    where: { and: [{ id: { equals: doc.id } }, LIVE] },
    draft: false,
    depth: 0,
    limit: 1,
    overrideAccess: true,
    req,
  })
  const live = liveDocs[0] ? await toWorkflowArticle({ doc: liveDocs[0], req }) : null
  const actions = availableActions({ article, live, actor: await toActor({ user, req }), now })
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
  const problem = reviewer
    ? credentialsProblem({ verifiedUntil: reviewer.credentialsVerifiedUntil, now })
    : null
  const publisher = await req.payload.findGlobal({
    slug: 'publisher',
    depth: 0,
    overrideAccess: true,
    req,
  })
  // What waits to happen to it, and what was refused lately: the editor who scheduled it acts on it.
  const { docs: schedules } = await req.payload.find({
    collection: SCHEDULED_ACTIONS,
    where: {
      and: [
        { article: { equals: doc.id } },
        {
          or: [
            { status: { equals: 'scheduled' } },
            {
              and: [
                { status: { equals: 'refused' } },
                {
                  outcomeAt: { greater_than: new Date(now.getTime() - 30 * DAY_MS).toISOString() },
                },
              ],
            },
          ],
        },
      ],
    },
    sort: 'at',
    limit: 10,
    depth: 0,
    overrideAccess: true,
    req,
  })
  const creator = idOf(doc.createdBy)
  const createdBy =
    creator === null
      ? null
      : await req.payload.findByID({
          collection: 'users',
          id: creator,
          depth: 0,
          overrideAccess: true,
          req,
          disableErrors: true,
        })
  return {
    stage: article.stage,
    actions: actions.map((action) => ({ action, label: EDITORIAL_TRANSITIONS[action].label })),
    // What approve and request-changes send back: the content (and evidence) this answer shows.
    fingerprint: fingerprintOf(article),
    // What reaffirm sends back: the live text with its evidence as it is now (null when not live).
    liveFingerprint: live ? fingerprintOf(live) : null,
    checks: publishChecks({
      article: article.publishCandidate,
      isBeforeReview: article.stage === 'draft' || article.stage === 'changes_requested',
    }),
    // What an editor should look at but may publish anyway: old sources, hard reading.
    warnings: publishWarnings({
      article: article.publishCandidate,
      now,
      sourceMaxAgeYears: sourceMaxAgeYears(),
      readabilityTargetGrade: readabilityTargetGrade(),
    }),
    readability: readabilityOf(doc.body),
    attestation: publisher.attestation ?? DEFAULT_ATTESTATION,
    changesSinceLastReview: await changesSinceReview({ req, article: doc }),
    fields: {
      publishedAt: doc.publishedAt ?? null,
      lastReviewedAt: doc.lastReviewedAt ?? null,
      nextReviewDue: doc.nextReviewDue ?? null,
      reviewStatus: doc.reviewStatus ?? null,
      reReviewer: idOf(liveDocs[0]?.reReviewer ?? null),
      createdBy: createdBy ? { id: createdBy.id, name: createdBy.name } : null,
    },
    history: history.map((record) => ({
      action: record.action,
      label: EDITORIAL_TRANSITIONS[record.action].label,
      actorName: record.actorName ?? null,
      note: record.note ?? null,
      attestation: record.attestation ?? null,
      at: record.at,
      fromStage: record.fromStage ?? null,
      toStage: record.toStage ?? null,
    })),
    reviewerWarning:
      reviewer && problem
        ? `${reviewer.name}'s ${problem}: they cannot approve until an editor renews the check.`
        : null,
    schedules: schedules.map((schedule) => ({
      id: schedule.id,
      action: schedule.action,
      at: schedule.at,
      status: schedule.status,
      scheduledBy: schedule.scheduledByName ?? null,
      outcome: schedule.outcome ?? null,
    })),
    reviewFlags: (renderings[0]?.reviewFlags as ReviewFlag[] | null | undefined) ?? [],
  }
}
