import type { FieldAccess } from 'payload'

import { idOf } from '@/shared/idOf'
import { hasRole } from '@/shared/roles'

/**
 * Admins, editors, and the person a profile belongs to (the account linked to it): for fields
 * such as a reviewer's registration number and a profile's account link.
 */
export const editorsOrOwnProfile =
  (link: 'author' | 'medicalReviewer'): FieldAccess =>
  ({ req: { user }, doc, id }) => {
    if (hasRole(user, 'admin', 'editor')) {
      return true
    }
    const own = idOf(user?.[link])
    const profile = doc?.id ?? id
    return own !== null && profile !== undefined && String(own) === String(profile)
  }
