import type { Where } from 'payload'

/**
 * "Is live" as a query: the version readers see. Drafts keep `_status: 'draft'` in the versions
 * table too, so this hides them there as well.
 */
export const LIVE: Where = { _status: { equals: 'published' } }
