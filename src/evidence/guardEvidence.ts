import { createHash } from 'node:crypto'

import type {
  CollectionBeforeChangeHook,
  CollectionBeforeDeleteHook,
  CollectionBeforeOperationHook,
} from 'payload'

import { refused } from '@/shared/RefusedError'
import { hasRole } from '@/shared/roles'

import { reviewedUses } from './reviewedUse'
import type { EvidenceCollection } from './reviewedUse'

const NAMES: Record<EvidenceCollection, string> = { sources: 'source', media: 'image' }

/**
 * Evidence that reviewed content points at changes only through editors: a writer may change their
 * own source or image while no article under review, approved or live uses it.
 */
export const guardEvidenceChange: CollectionBeforeChangeHook = async ({
  data,
  operation,
  originalDoc,
  req,
  collection,
}) => {
  const slug = collection.slug as EvidenceCollection
  if (operation !== 'update' || !originalDoc || !req.user || hasRole(req.user, 'admin', 'editor')) {
    return data
  }
  if ((await reviewedUses({ req, collection: slug, id: originalDoc.id })) === 0) {
    return data
  }
  throw refused({
    code: 'EVIDENCE_IN_USE',
    message: `An article under review, approved or live cites this ${NAMES[slug]}; ask an editor to change it.`,
  })
}

/**
 * A file that reviewed content shows is never replaced: Payload deletes the old file from disk
 * before any other hook runs, so this is decided before the operation starts. Upload a new image
 * and choose it in the article instead.
 */
export const guardFileReplacement: CollectionBeforeOperationHook = async ({
  args,
  operation,
  req,
  collection,
}) => {
  if (operation !== 'update' || !req.file) {
    return args
  }
  const { id } = args as { id?: number | string }
  if (id === undefined) {
    throw refused({
      code: 'FILE_REPLACEMENT_BY_QUERY',
      message: 'Replace an image file one document at a time (PATCH /api/media/:id).',
    })
  }
  const uses = await reviewedUses({ req, collection: collection.slug as EvidenceCollection, id })
  if (uses > 0) {
    throw refused({
      code: 'FILE_IN_USE',
      message: `Reviewed content shows this file (${uses} article version${uses === 1 ? '' : 's'}), so it is kept as it is: upload a new image and choose it in the article.`,
    })
  }
  return args
}

/** Nobody deletes a source or image that reviewed content points at: its sign-off covers it. */
export const guardEvidenceDelete: CollectionBeforeDeleteHook = async ({ id, req, collection }) => {
  const uses = await reviewedUses({ req, collection: collection.slug as EvidenceCollection, id })
  if (uses > 0) {
    throw refused({
      code: 'EVIDENCE_CITED',
      message: `${uses} reviewed article version${uses === 1 ? '' : 's'} cite this ${NAMES[collection.slug as EvidenceCollection]}; it cannot be deleted.`,
    })
  }
}

/** The uploaded file's SHA-256, so a sign-off names the exact image. */
export const hashUploadedFile: CollectionBeforeChangeHook = ({ data, req }) => {
  const file = req.file as { data?: Buffer } | undefined
  return file?.data
    ? { ...data, sha256: createHash('sha256').update(file.data).digest('hex') }
    : data
}
