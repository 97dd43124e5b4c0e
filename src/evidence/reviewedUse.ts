import type { PayloadRequest, Where } from 'payload'

/** Stages in which an article's content (and evidence) is under review, signed, or was shown live. */
const REVIEWED_STAGES = ['in_review', 'approved', 'published', 'archived']

export type EvidenceCollection = 'sources' | 'media'

/** The article field that points at each evidence collection. */
export const ARTICLE_FIELD: Record<EvidenceCollection, 'sources' | 'heroImage'> = {
  sources: 'sources',
  media: 'heroImage',
}

/**
 * How many article versions under review, approved, live or archived point at this source or
 * image: such a version's sign-off covers what the document says now.
 */
export const reviewedUses = async ({
  req,
  collection,
  id,
}: {
  req: PayloadRequest
  collection: EvidenceCollection
  id: number | string
}): Promise<number> => {
  const field = ARTICLE_FIELD[collection]
  const where: Where = {
    and: [
      { [`version.${field}`]: { in: [id] } },
      {
        or: [
          { 'version.stage': { in: REVIEWED_STAGES } },
          { 'version._status': { equals: 'published' } },
        ],
      },
    ],
  }
  const { totalDocs } = await req.payload.countVersions({
    collection: 'articles',
    where,
    overrideAccess: true,
    req,
  })
  return totalDocs
}
