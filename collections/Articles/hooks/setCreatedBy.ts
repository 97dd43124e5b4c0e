import type { CollectionBeforeChangeHook } from 'payload'

/** Remembers who started the article: that person is its writer in the workflow. */
export const setCreatedBy: CollectionBeforeChangeHook = ({ data, operation, req, originalDoc }) => {
  if (operation === 'create') {
    return { ...data, createdBy: data.createdBy ?? req.user?.id ?? null }
  }
  return { ...data, createdBy: originalDoc?.createdBy ?? data.createdBy }
}
