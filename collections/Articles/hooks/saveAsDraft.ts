import type { CollectionBeforeOperationHook } from 'payload'

import { isLive } from '@/workflow/service/isLive'

/**
 * Saves that are not a publish never touch a live version: on a live article they become draft
 * saves (so a PATCH without `?draft=true` or an Unpublish cannot rewrite or take it down); on an
 * article that is not live they write the document itself, so its stage is what access rules see.
 * Payload's version restore is turned into a draft save by enforceEditorialWorkflow.
 */
export const saveAsDraft: CollectionBeforeOperationHook = async ({
  args,
  operation,
  context,
  req,
}) => {
  if (context.editorialTransition) {
    return args
  }
  if (operation === 'restoreVersion') {
    // Payload reads `draft` before this hook runs; enforceEditorialWorkflow needs to know it.
    req.context.isRestoringAsDraft = (args as { draft?: unknown }).draft === true
    return args
  }
  if (operation !== 'update') {
    return args
  }
  const data = (args.data ?? {}) as { _status?: unknown }
  if (data._status === 'published') {
    return args
  }
  const { id } = args as { id?: number | string }
  if (id === undefined || (await isLive({ id, req }))) {
    return { ...args, draft: true }
  }
  return { ...args, draft: false, data: { ...data, _status: 'draft' } }
}
