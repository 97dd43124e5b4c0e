import type { CollectionSlug, Payload } from 'payload'

import { lastContentChange } from './contentEvents'

/**
 * Last-Modified for an answer built from `collections`: the newest `updatedAt` among them (an
 * archive or a rename moves it on every instance), and never before this process last heard of a
 * change or started, which covers deletions. Later than the truth at worst: a client then gets a 200
 * where a 304 would have done, never an old copy.
 */
export const newestChange = async ({
  payload,
  collections,
}: {
  payload: Payload
  collections: CollectionSlug[]
}): Promise<number> => {
  const newest = await Promise.all(
    collections.map(async (collection) => {
      const { docs } = await payload.find({
        collection,
        sort: '-updatedAt',
        limit: 1,
        pagination: false,
        depth: 0,
        select: { updatedAt: true },
        // Only a date leaves: drafts and archived articles count, as they leave or change lists.
        overrideAccess: true,
      })
      const updatedAt = (docs[0] as { updatedAt?: string } | undefined)?.updatedAt
      return updatedAt ? new Date(updatedAt).getTime() : 0
    }),
  )
  return Math.max(lastContentChange(), ...newest)
}
