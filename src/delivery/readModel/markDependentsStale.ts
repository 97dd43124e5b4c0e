import type {
  CollectionAfterChangeHook,
  CollectionBeforeDeleteHook,
  GlobalAfterChangeHook,
  PayloadRequest,
} from 'payload'

import { LIVE } from '@/workflow/live'
import { snapshotStore } from '@/db/readModelStore'
import { queueSnapshotRefresh } from './refreshJob'
import { isPresentation } from './relations'

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
  servable,
}: {
  req: PayloadRequest
  id: number | string
  collection: string
  /** Readers may have the renderings meanwhile (an edit to presentation). */
  servable: boolean
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
  await snapshotStore(req.payload).markStale({
    articleIds: docs.map((doc) => doc.id),
    servable,
    req,
  })
  await queueSnapshotRefresh({ req })
}

/**
 * A person, source, topic, disclaimer or image that live articles show changed: their renderings
 * are marked stale in this transaction and the refresh job re-renders them in the background. A
 * read renders a stale one again before sending it, unless only presentation changed (`PRESENTATION`).
 */
export const markDependentsStale: CollectionAfterChangeHook = async ({ doc, req, collection }) => {
  await markStale({
    req,
    id: doc.id,
    collection: collection.slug,
    servable: isPresentation(collection.slug),
  })
  return doc
}

/** Before the delete: afterwards SQLite has already cleared the articles' references to it. */
export const markDependentsStaleOnDelete: CollectionBeforeDeleteHook = async ({
  id,
  req,
  collection,
}) => {
  // Gone is not presentation: an article may have lost its disclaimer.
  await markStale({ req, id, collection: collection.slug, servable: false })
}

/** The publisher (its name, policies and funding) is in every article and its JSON-LD. */
export const markAllStale: GlobalAfterChangeHook = async ({ doc, req, global }) => {
  await snapshotStore(req.payload).markStale({
    articleIds: 'all',
    servable: isPresentation(global.slug),
    req,
  })
  await queueSnapshotRefresh({ req })
  return doc
}
