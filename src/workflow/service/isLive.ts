import type { PayloadRequest } from 'payload'

import { LIVE } from '@/workflow/live'

/** Whether the article has a live (published) version that readers see now. */
export const isLive = async ({
  id,
  req,
}: {
  id: number | string
  req: PayloadRequest
}): Promise<boolean> => {
  const { totalDocs } = await req.payload.count({
    collection: 'articles',
    where: { and: [{ id: { equals: id } }, LIVE] },
    overrideAccess: true,
    req,
  })
  return totalDocs > 0
}
