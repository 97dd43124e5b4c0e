import type { PayloadRequest } from 'payload'

import { publicSite } from '@/config/publicSite'
import { toArticleDetail } from '@/delivery/serializers/article'
import { publisherInfo } from '@/delivery/serializers/publisher'

/**
 * The latest draft as readers would see it once published: the same rendering the delivery API
 * sends (HTML, numbered sources, key messages, disclaimer, author and reviewer lines), for the
 * reviewer's reading view in the admin. The caller has checked the person may read the article.
 * Its text blocks carry their path in the body, so a selection there anchors a review comment.
 */
export const readingView = async ({ req, id }: { req: PayloadRequest; id: number | string }) => {
  const doc = await req.payload.findByID({
    collection: 'articles',
    id,
    draft: true,
    depth: 1,
    overrideAccess: true,
    req,
  })
  const publisher = await req.payload.findGlobal({
    slug: 'publisher',
    depth: 0,
    overrideAccess: true,
    req,
  })
  const detail = toArticleDetail({
    doc,
    site: publicSite(),
    publisher: publisherInfo(publisher),
    liveSince: null,
    withBlockPaths: true,
  })
  const reviewer = detail.medicalReviewer
  // The admin's byline prints the name as a reader's site would: "Dr Gina Arena".
  return {
    ...detail,
    medicalReviewer: reviewer
      ? { ...reviewer, name: [reviewer.honorific, reviewer.name].filter(Boolean).join(' ') }
      : null,
  }
}
