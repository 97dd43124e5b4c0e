import type { CollectionBeforeChangeHook } from 'payload'

import type { User } from '@payload-types'
import { idOf } from '@/shared/idOf'

/**
 * Remembers who started the article (its writer in the workflow) and, unless another author is
 * chosen, credits it to that person's own author profile.
 */
export const setCreatedBy: CollectionBeforeChangeHook = ({ data, operation, req, originalDoc }) => {
  if (operation === 'create') {
    const user = req.user as User | null
    return {
      ...data,
      createdBy: data.createdBy ?? user?.id ?? null,
      author: data.author ?? idOf(user?.author) ?? null,
    }
  }
  return { ...data, createdBy: originalDoc?.createdBy ?? data.createdBy }
}
