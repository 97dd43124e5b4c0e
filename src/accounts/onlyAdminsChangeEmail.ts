import { APIError } from 'payload'
import type { CollectionBeforeChangeHook } from 'payload'

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
  const isAdmin = Boolean((req.user as { roles?: string[] } | null)?.roles?.includes('admin'))
  if (operation !== 'update' || !req.user || isAdmin || typeof data.email !== 'string') {
    return data
  }
  if (data.email.toLowerCase().trim() !== String(originalDoc?.email ?? '').toLowerCase()) {
    throw new APIError(
      'Ask an admin to change the e-mail address of an account.',
      403,
      undefined,
      true,
    )
  }
  return data
}
