import type { Access } from 'payload'

import { hasRole } from '@/shared/roles'

/** Admins may change any account; everyone else only their own. */
export const isAdminOrSelf: Access = ({ req: { user } }) => {
  if (!user) {
    return false
  }
  return hasRole(user, 'admin') || { id: { equals: user.id } }
}

/** Editors see every account (to know who wrote and reviewed what); others only their own. */
export const isEditorOrSelf: Access = ({ req: { user } }) => {
  if (!user) {
    return false
  }
  return hasRole(user, 'admin', 'editor') || { id: { equals: user.id } }
}
