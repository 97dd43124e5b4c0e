import type { PayloadRequest } from 'payload'

import type { Article } from '@payload-types'

/**
 * Writes review bookkeeping onto the live version itself, below Payload's operations: a
 * re-review or a new review date is not a content edit, so it makes no draft, leaves a pending
 * draft as it is and does not republish. The newest published version row gets the same fields,
 * so reads of the version history agree with the document.
 */
export const writeLiveVersion = async ({
  req,
  id,
  data,
}: {
  req: PayloadRequest
  id: number | string
  data: Partial<Article>
}): Promise<void> => {
  const { db } = req.payload
  await db.updateOne({ collection: 'articles', id, data, req })
  const { docs } = await db.findVersions({
    collection: 'articles',
    where: {
      and: [{ parent: { equals: id } }, { 'version._status': { equals: 'published' } }],
    },
    sort: '-updatedAt',
    limit: 1,
    pagination: false,
    req,
  })
  const published = docs[0]
  if (published) {
    await db.updateVersion({
      collection: 'articles',
      id: published.id,
      versionData: { ...published, version: { ...(published.version as Article), ...data } },
      req,
    })
  }
}
