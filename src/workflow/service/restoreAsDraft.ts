import type { PayloadRequest } from 'payload'

import type { Article } from '@payload-types'
import { RefusedError } from '@/shared/RefusedError'
import { CONTENT_FIELDS } from '@/workflow/fingerprint'

import { decide } from './decide'
import { isLive } from './isLive'

/**
 * Payload's version restore (REST, GraphQL, the admin's Restore button) gives a new draft that goes
 * through review again. Restoring onto a live article would replace the live document (and take it
 * offline when the version was a draft): the live document is written back as it is, and
 * `saveRestoredDraft` (after the change) saves the restored content as the next draft. An archived
 * article comes back only through the workflow's own `restore`, so the same people decide.
 */
export const restoreAsDraft = async ({
  id,
  restored,
  stage,
  req,
}: {
  id: number
  restored: Partial<Article>
  stage: Article['stage']
  req: PayloadRequest
}): Promise<Partial<Article>> => {
  if (stage === 'archived') {
    const { result } = await decide({ req, doc: { ...restored, stage }, action: 'restore' })
    if (!result.ok) {
      throw new RefusedError(result.refusals)
    }
  }
  const draft = {
    ...restored,
    _status: 'draft',
    stage: 'draft',
    approvedFingerprint: null,
  } as const
  if (req.context.isRestoringAsDraft || !(await isLive({ id, req }))) {
    return draft
  }
  req.context.restoredDraft = Object.fromEntries(CONTENT_FIELDS.map((f) => [f, restored[f]]))
  const live = await req.payload.findByID({
    collection: 'articles',
    id,
    draft: false,
    depth: 0,
    overrideAccess: true,
    req,
  })
  return { ...live, _status: 'published' }
}

/** The content of a version restored onto a live article, saved as its next draft. */
export const saveRestoredDraft = async ({
  id,
  req,
}: {
  id: number | string
  req: PayloadRequest
}): Promise<void> => {
  const restored = req.context.restoredDraft as Record<string, unknown> | undefined
  if (!restored) {
    return
  }
  delete req.context.restoredDraft
  // The nested save is the draft itself: restoreAsDraft then keeps it as it is.
  req.context.isRestoringAsDraft = true
  await req.payload.update({
    collection: 'articles',
    id,
    data: restored,
    draft: true,
    depth: 0,
    overrideAccess: true,
    req,
  })
}
