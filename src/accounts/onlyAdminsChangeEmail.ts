import type { CollectionBeforeChangeHook } from 'payload'

import { refused } from '@/shared/RefusedError'
import { hasRole } from '@/shared/roles'

/**
 * Only admins change e-mail addresses: anyone else trying a taken address would learn from the
 * "already registered" error that the account exists.
 */
export const onlyAdminsChangeEmail: CollectionBeforeChangeHook = ({
  data,
  originalDoc,
  operation,
  req,
}) => {
  if (
    operation !== 'update' ||
    !req.user ||
    hasRole(req.user, 'admin') ||
    typeof data.email !== 'string'
  ) {
    return data
  }
  if (data.email.toLowerCase().trim() !== String(originalDoc?.email ?? '').toLowerCase()) {
    throw refused({
      code: 'EMAIL_CHANGE_FOR_ADMINS',
      message: 'Ask an admin to change the e-mail address of an account.',
    })
  }
  return data
}
