import type { Access, FieldAccess } from 'payload'

import { hasRole } from '@/shared/roles'

/** Editors and admins: the people who run the publication. */
export const isEditor: Access = ({ req: { user } }) => hasRole(user, 'admin', 'editor')

/** The same, for a field. */
export const isEditorField: FieldAccess = ({ req: { user } }) => hasRole(user, 'admin', 'editor')
