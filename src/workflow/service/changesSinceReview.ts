import type { PayloadRequest } from 'payload'

import type {
  Article,
  Author,
  Disclaimer,
  Media,
  MedicalReviewer,
  Source,
  Topic,
} from '@payload-types'
import { slateToText } from '@/richText/slateToHtml'
import { contentChanges } from '@/workflow/changes'
import type { ComparableContent, ContentChange } from '@/workflow/changes'

type Populated<T> = T | number | string | null | undefined

const asDoc = <T extends object>(value: Populated<T>): T | null =>
  value && typeof value === 'object' ? value : null

const idOfPopulated = (value: unknown): string =>
  String(value && typeof value === 'object' ? (value as { id: unknown }).id : value)

const reviewerName = (reviewer: MedicalReviewer | null) =>
  reviewer ? [reviewer.honorific, reviewer.name].filter(Boolean).join(' ') : null

/** An article populated at depth 1, as the comparison reads it. */
const comparable = (doc: Partial<Article>): ComparableContent => ({
  title: doc.title ?? '',
  summary: doc.summary ?? '',
  body: slateToText(doc.body),
  keyMessages: (doc.keyMessages ?? []).map((row) => row.message),
  sources: (doc.sources ?? []).map((source) => ({
    id: idOfPopulated(source),
    label: asDoc<Source>(source)?.title ?? `Source ${idOfPopulated(source)}`,
  })),
  topics: (doc.topics ?? []).map((topic) => ({
    id: idOfPopulated(topic),
    label: asDoc<Topic>(topic)?.name ?? `Topic ${idOfPopulated(topic)}`,
  })),
  author: asDoc<Author>(doc.author)?.name ?? null,
  medicalReviewer: reviewerName(asDoc<MedicalReviewer>(doc.medicalReviewer)),
  disclaimer: asDoc<Disclaimer>(doc.disclaimer)?.title ?? null,
  heroImage: asDoc<Media>(doc.heroImage)?.alt ?? null,
})

export type ChangesSinceReview = {
  since: { action: string; at: string; versionId: string }
  changes: ContentChange[]
} | null

/**
 * What changed since the reviewer last decided (request changes or approve): null on a first
 * review, else the decision and the changes between the version it was about and now.
 */
export const changesSinceReview = async ({
  req,
  article,
}: {
  req: PayloadRequest
  article: Article
}): Promise<ChangesSinceReview> => {
  const { docs } = await req.payload.find({
    collection: 'review-records',
    where: {
      and: [
        { article: { equals: article.id } },
        { action: { in: ['request-changes', 'approve'] } },
        { versionId: { exists: true } },
      ],
    },
    sort: '-at',
    limit: 1,
    depth: 0,
    overrideAccess: true,
    req,
  })
  const record = docs[0]
  if (!record?.versionId) {
    return null
  }
  const [reviewed, current] = await Promise.all([
    req.payload.findVersionByID({
      collection: 'articles',
      id: record.versionId,
      depth: 1,
      overrideAccess: true,
      req,
      disableErrors: true,
    }),
    req.payload.findByID({
      collection: 'articles',
      id: article.id,
      draft: true,
      depth: 1,
      overrideAccess: true,
      req,
    }),
  ])
  if (!reviewed) {
    return null
  }
  return {
    since: { action: record.action, at: record.at, versionId: record.versionId },
    changes: contentChanges({
      before: comparable(reviewed.version),
      after: comparable(current),
    }),
  }
}
