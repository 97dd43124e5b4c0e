import type { CollectionBeforeChangeHook } from 'payload'

/** A new article carries the publication's default disclaimer unless one was chosen. */
export const applyDefaultDisclaimer: CollectionBeforeChangeHook = async ({
  data,
  operation,
  req,
}) => {
  if (operation !== 'create' || data.disclaimer) {
    return data
  }
  const { docs } = await req.payload.find({
    collection: 'disclaimers',
    where: { isDefault: { equals: true } },
    limit: 1,
    depth: 0,
    req,
  })
  return docs[0] ? { ...data, disclaimer: docs[0].id } : data
}
