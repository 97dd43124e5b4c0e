import type {
  CollectionAfterChangeHook,
  CollectionBeforeDeleteHook,
  GlobalAfterChangeHook,
  PayloadRequest,
} from 'payload'

import { LIVE } from '@/workflow/live'
import { snapshotStore } from '@/db/readModelStore'
import { queueSnapshotRefresh } from './refreshJob'

/** The article fields that point at this collection, read from the Articles config itself. */
const articleFieldsPointingAt = ({
  req,
  collection,
}: {
  req: PayloadRequest
  collection: string
}): string[] =>
  req.payload.collections.articles.config.flattenedFields.flatMap((field) =>
    (field.type === 'relationship' || field.type === 'upload') && field.relationTo === collection
      ? [field.name]
      : [],
  )

const markStale = async ({
  req,
  id,
  collection,
}: {
  req: PayloadRequest
  id: number | string
  collection: string
}) => {
  const fields = articleFieldsPointingAt({ req, collection })
  if (!fields.length) {
    return
  }
  const { docs } = await req.payload.find({
    collection: 'articles',
    where: { and: [LIVE, { or: fields.map((name) => ({ [name]: { in: [id] } })) }] },
    select: { slug: true },
    depth: 0,
    pagination: false,
    overrideAccess: true,
    req,
  })
  if (!docs.length) {
    return
  }
  await snapshotStore(req.payload).markStale({ articleIds: docs.map((doc) => doc.id), req })
  await queueSnapshotRefresh({ req })
}

/**
 * A person, source, topic, disclaimer or image that live articles show changed: their renderings
 * are marked stale in this transaction (a read renders a stale one again before sending it) and
 * the refresh job re-renders them in the background.
 */
export const markDependentsStale: CollectionAfterChangeHook = async ({ doc, req, collection }) => {
  await markStale({ req, id: doc.id, collection: collection.slug })
  return doc
}

/** Before the delete: afterwards SQLite has already cleared the articles' references to it. */
export const markDependentsStaleOnDelete: CollectionBeforeDeleteHook = async ({
  id,
  req,
  collection,
}) => {
  await markStale({ req, id, collection: collection.slug })
}

/** The publisher (its name, policies and funding) is in every article and its JSON-LD. */
export const markAllStale: GlobalAfterChangeHook = async ({ doc, req }) => {
  await snapshotStore(req.payload).markStale({ articleIds: 'all', req })
  await queueSnapshotRefresh({ req })
  return doc
}
