import type { Access } from 'payload'

import { hasRole } from '@/shared/roles'

/**
 * Editors change any source or image; writers the ones they added, and only while no reviewed
 * article cites them (src/evidence/guardEvidence.ts).
 */
export const editOwnEvidence: Access = ({ req: { user } }) => {
  if (hasRole(user, 'admin', 'editor')) {
    return true
  }
  return user && hasRole(user, 'writer') ? { createdBy: { equals: user.id } } : false
}
