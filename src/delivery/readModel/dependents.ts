import type { Payload, PayloadRequest, Where } from 'payload'

import { snapshotStore } from '@/db/readModelStore'
import { PUBLISHED_ARTICLES } from '@/shared/collections'
import { inOwnTransaction } from '@/shared/inOwnTransaction'
import { LIVE } from '@/workflow/live'

import { emitContentChange } from '../contentEvents'

/**
 * What a change touched: a document of a collection the articles' fields point at, or everything
 * (a global every rendering shows, the publisher).
 */
export type ChangedDocument = { collection: string; id: number | string } | 'all'

/** The article fields that point at this collection, read from the Articles config itself. */
const articleFieldsPointingAt = ({
  payload,
  collection,
}: {
  payload: Payload
  collection: string
}): string[] =>
  payload.collections.articles.config.flattenedFields.flatMap((field) =>
    (field.type === 'relationship' || field.type === 'upload') && field.relationTo === collection
      ? [field.name]
      : [],
  )

/**
 * Live articles that show the document, through any field that points at its collection (every
 * live article for 'all'); null when no field can.
 */
const showing = ({ payload, of }: { payload: Payload; of: ChangedDocument }): Where | null => {
  if (of === 'all') {
    return LIVE
  }
  const fields = articleFieldsPointingAt({ payload, collection: of.collection })
  return fields.length
    ? { and: [LIVE, { or: fields.map((name) => ({ [name]: { equals: of.id } })) }] }
    : null
}

/**
 * Whether any live article shows the document: the first one found through the index of the field
 * that points at it, in the index's own order. A count read every such article's row: at 10,000
 * articles showing one disclaimer, 1.3 s from a cold page cache.
 */
export const isShownLive = async ({
  req,
  of,
}: {
  req: PayloadRequest
  of: ChangedDocument
}): Promise<boolean> => {
  const where = showing({ payload: req.payload, of })
  if (!where) {
    return false
  }
  const { docs } = await req.payload.db.find({
    collection: 'articles',
    where,
    select: { id: true },
    sort: 'id',
    limit: 1,
    pagination: false,
    req,
  })
  return docs.length > 0
}

/**
 * Marks stale, in `req`'s transaction, the renderings of the live articles that show the document;
 * `servable`: readers may have them meanwhile (an edit to presentation). Whether there were any.
 */
export const markRenderingsStale = async ({
  req,
  of,
  servable,
}: {
  req: PayloadRequest
  of: ChangedDocument
  servable: boolean
}): Promise<boolean> => {
  const store = snapshotStore(req.payload)
  if (of === 'all') {
    await store.markStale({ articleIds: 'all', servable, req })
    return true
  }
  const where = showing({ payload: req.payload, of })
  if (!where) {
    return false
  }
  // The adapter's find: only the ids are wanted, and the Local API's field hooks on every article
  // were a third of the time at 10,000 articles.
  const { docs } = await req.payload.db.find<{ id: number | string }>({
    collection: 'articles',
    where,
    select: { id: true },
    pagination: false,
    req,
  })
  if (!docs.length) {
    return false
  }
  await store.markStale({ articleIds: docs.map((doc) => doc.id), servable, req })
  return true
}

/**
 * `markRenderingsStale` for an edit to presentation, in a transaction of its own: the refresh job's
 * first step, on the render thread when the server has one. At 10,000 articles, finding them and
 * marking their rows held the event loop for about 1.4 s; in the editor's save it stopped every
 * reader that long.
 */
export const markPresentationStale = async ({
  payload,
  of,
}: {
  payload: Payload
  of: ChangedDocument
}): Promise<void> => {
  const marked = await inOwnTransaction(payload, (req) =>
    markRenderingsStale({ req, of, servable: true }),
  )
  if (marked) {
    // A cache that kept one of them since the edit drops it: stale ones are sent, never kept.
    emitContentChange(of === 'all' ? { collection: PUBLISHED_ARTICLES, id: 'all' } : of)
  }
}
