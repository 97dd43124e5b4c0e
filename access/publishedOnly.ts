import type { Access, Where } from 'payload'

/** The live version only. Drafts keep `_status: 'draft'` in the versions table, so this hides them there too. */
export const isPublished: Where = { _status: { equals: 'published' } }

export const publishedOnly: Access = () => isPublished
