import type { PayloadRequest } from 'payload'

export type OpenComment = {
  id: number | string
  quote: string
  body: string
  author: string | null
}

/** How many open threads an article may list in a refusal; the count is always exact. */
const LISTED = 20

/** The open threads on an article (replies are part of their thread), oldest first. */
export const openCommentsOn = async ({
  req,
  articleId,
}: {
  req: PayloadRequest
  articleId: number | string
}): Promise<{ total: number; comments: OpenComment[] }> => {
  const { docs, totalDocs } = await req.payload.find({
    collection: 'review-comments',
    where: {
      and: [
        { article: { equals: articleId } },
        { status: { equals: 'open' } },
        { parent: { exists: false } },
      ],
    },
    sort: 'createdAt',
    limit: LISTED,
    depth: 0,
    overrideAccess: true,
    req,
  })
  return {
    total: totalDocs,
    comments: docs.map((doc) => ({
      id: doc.id,
      quote: doc.quote ?? '',
      body: doc.body,
      author: doc.authorName ?? null,
    })),
  }
}
