import type { CollectionAfterChangeHook } from 'payload'

/** One default at a time: making this one the default clears the flag elsewhere. */
export const keepOneDefault: CollectionAfterChangeHook = async ({ doc, req }) => {
  if (doc.isDefault) {
    await req.payload.update({
      collection: 'disclaimers',
      where: { and: [{ isDefault: { equals: true } }, { id: { not_equals: doc.id } }] },
      data: { isDefault: false },
      req,
    })
  }
  return doc
}
