import type { CollectionBeforeOperationHook, Where } from 'payload'

import type { Article } from '@payload-types'
import { idOf } from '@/shared/idOf'
import { refuseEditsInReview } from '@/workflow/service/freezeInReview'
import { isLive } from '@/workflow/service/isLive'

/**
 * Saves that are not a publish never touch a live version: on a live article they become draft
 * saves (so a PATCH without `?draft=true` or an Unpublish cannot rewrite or take it down); on an
 * article that is not live they write the document itself, so its stage is what access rules see.
 * Payload's version restore is turned into a draft save by enforceEditorialWorkflow. Content in
 * review is frozen (refuseEditsInReview).
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
    const version = await req.payload.findVersionByID({
      collection: 'articles',
      id: String((args as { id?: unknown }).id),
      depth: 0,
      overrideAccess: true,
      req,
      disableErrors: true,
    })
    if (version) {
      await refuseEditsInReview({
        req,
        id: idOf(version.parent) ?? null,
        data: {},
        isRestore: true,
      })
    }
    // Payload reads `draft` before this hook runs; enforceEditorialWorkflow needs to know it.
    req.context.isRestoringAsDraft = (args as { draft?: unknown }).draft === true
    return args
  }
  if (operation !== 'update') {
    return args
  }
  const data = (args.data ?? {}) as Partial<Article>
  const { id, where } = args as { id?: number | string; where?: Where }
  await refuseEditsInReview({ req, id: id ?? null, where, data })
  if (data._status === 'published') {
    return args
  }
  if (id === undefined || (await isLive({ id, req }))) {
    return { ...args, draft: true }
  }
  return { ...args, draft: false, data: { ...data, _status: 'draft' } }
}
