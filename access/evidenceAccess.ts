import type { CollectionConfig } from 'payload'

import { hasRole } from '@/shared/roles'

import { anyone } from './anyone'
import { isEditor } from './isEditor'
import { isWriter } from './isWriter'

/**
 * Sources and images: anyone reads them, writers add them; editors change any, writers the ones
 * they added (and only while no reviewed article cites them: src/evidence/guardEvidence.ts).
 */
const editOwnEvidence: NonNullable<CollectionConfig['access']>['update'] = ({ req: { user } }) => {
  if (hasRole(user, 'admin', 'editor')) {
    return true
  }
  return user && hasRole(user, 'writer') ? { createdBy: { equals: user.id } } : false
}

export const evidenceAccess: CollectionConfig['access'] = {
  create: isWriter,
  read: anyone,
  update: editOwnEvidence,
  delete: isEditor,
  readVersions: isEditor,
  unlock: editOwnEvidence,
}
