import type { PayloadRequest } from 'payload'

import type { Article, User } from '@payload-types'
import { idOf } from '@/shared/idOf'
import { retractionsOf } from '@/retractions/lookup'
import { evidenceOf } from '@/workflow/evidence'
import { CONTENT_FIELDS } from '@/workflow/fingerprint'
import type { EditorialStage } from '@/workflow/stages'
import type { Actor, EditorialRole, WorkflowArticle } from '@/workflow/transitions'

type ArticleLike = Partial<Article>

const ids = (values: unknown): (number | string)[] =>
  Array.isArray(values) ? values.map(idOf).filter((id): id is number | string => id !== null) : []

/** One document by id for the workflow's own reads (every field, whoever asks), or null. */
const findOne = <C extends 'media' | 'authors' | 'medical-reviewers'>({
  req,
  collection,
  id,
}: {
  req: PayloadRequest
  collection: C
  id: number | string
}) =>
  req.payload.findByID({ collection, id, depth: 0, overrideAccess: true, req, disableErrors: true })

/**
 * Loads what the workflow needs to judge an article: its sources' types, years and retractions,
 * the hero image's alt, the author's account.
 */
export const toWorkflowArticle = async ({
  doc,
  req,
}: {
  doc: ArticleLike
  req: PayloadRequest
}): Promise<WorkflowArticle> => {
  const { payload } = req
  const sourceIds = ids(doc.sources)
  const { docs: found } = sourceIds.length
    ? await payload.find({
        collection: 'sources',
        where: { id: { in: sourceIds } },
        limit: sourceIds.length,
        pagination: false,
        depth: 0,
        overrideAccess: true,
        req,
      })
    : { docs: [] }
  const sources = sourceIds
    .map((id) => found.find((source) => String(source.id) === String(id)))
    .filter((source) => source !== undefined)
  const retractions = await retractionsOf({ payload, req, sources })
  const heroId = idOf(doc.heroImage)
  const hero = heroId === null ? null : await findOne({ req, collection: 'media', id: heroId })
  const authorId = idOf(doc.author)
  const author =
    authorId === null ? null : await findOne({ req, collection: 'authors', id: authorId })
  const reviewerId = idOf(doc.medicalReviewer)
  const reviewer =
    reviewerId === null
      ? null
      : await findOne({ req, collection: 'medical-reviewers', id: reviewerId })
  return {
    stage: (doc.stage ?? 'draft') as EditorialStage,
    createdBy: idOf(doc.createdBy),
    authorId,
    authorUserId: idOf(author?.user),
    medicalReviewerId: reviewerId,
    medicalReviewerCredentialsUntil: reviewer?.credentialsVerifiedUntil ?? null,
    reReviewerId: idOf(doc.reReviewer),
    publishedAt: doc.publishedAt ?? null,
    approvedFingerprint: doc.approvedFingerprint ?? null,
    content: Object.fromEntries(CONTENT_FIELDS.map((field) => [field, doc[field]])),
    evidence: evidenceOf({ sources, heroImage: hero }),
    publishCandidate: {
      title: doc.title,
      slug: doc.slug,
      summary: doc.summary,
      body: doc.body,
      hasAuthor: author !== null,
      hasMedicalReviewer: reviewerId !== null,
      hasDisclaimer: idOf(doc.disclaimer) !== null,
      sources: sources.map((source, index) => ({
        title: source.title,
        sourceType: source.sourceType,
        year: source.year ?? null,
        retraction: retractions[index] ?? null,
      })),
      heroImage: heroId === null ? null : { alt: hero?.alt ?? null },
    },
  }
}

/** The signed-in person as the workflow sees them, with their reviewer credentials. */
export const toActor = async ({
  user,
  req,
}: {
  user: User | null | undefined
  req: PayloadRequest
}): Promise<Actor | null> => {
  if (!user) {
    return null
  }
  const reviewerId = idOf(user.medicalReviewer)
  const reviewer =
    reviewerId === null
      ? null
      : await findOne({ req, collection: 'medical-reviewers', id: reviewerId })
  return {
    id: user.id,
    roles: (user.roles ?? []) as EditorialRole[],
    authorId: idOf(user.author),
    reviewer: reviewer
      ? {
          id: reviewer.id,
          credentialsVerifiedUntil: reviewer.credentialsVerifiedUntil ?? null,
          qualifications: reviewer.qualifications ?? null,
        }
      : null,
  }
}
