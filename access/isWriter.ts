import type { Access } from 'payload'

import { hasRole } from '@/shared/roles'

/** Who may start a new article. */
export const isWriter: Access = ({ req: { user } }) => hasRole(user, 'admin', 'editor', 'writer')
