import type {
  CollectionAfterChangeHook,
  CollectionBeforeDeleteHook,
  GlobalAfterChangeHook,
  PayloadRequest,
} from 'payload'

import { isShownLive, markRenderingsStale } from './dependents'
import type { ChangedDocument } from './dependents'
import { queueSnapshotRefresh } from './refreshJob'
import { isPresentation } from './relations'

/**
 * In the change's transaction: an edit to presentation queues the refresh job, which marks the
 * renderings that show it (readers keep them meanwhile) and makes them again; any other change
 * marks them stale now, so no reader is sent one before it is made again.
 */
const renderingsOutOfDate = async ({
  req,
  of,
  servable,
}: {
  req: PayloadRequest
  of: ChangedDocument
  servable: boolean
}): Promise<void> => {
  if (servable) {
    if (await isShownLive({ req, of })) {
      await queueSnapshotRefresh({ req, presentationOf: of })
    }
    return
  }
  if (await markRenderingsStale({ req, of, servable: false })) {
    await queueSnapshotRefresh({ req })
  }
}

/**
 * A person, source, topic, disclaimer or image that live articles show changed: the refresh job
 * re-renders them in the background. A read renders a stale one again before sending it, unless
 * only presentation changed (`PRESENTATION`).
 */
export const markDependentsStale: CollectionAfterChangeHook = async ({ doc, req, collection }) => {
  await renderingsOutOfDate({
    req,
    of: { collection: collection.slug, id: doc.id },
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
  await renderingsOutOfDate({ req, of: { collection: collection.slug, id }, servable: false })
}

/** The publisher (its name, policies and funding) is in every article and its JSON-LD. */
export const markAllStale: GlobalAfterChangeHook = async ({ doc, req, global }) => {
  await renderingsOutOfDate({ req, of: 'all', servable: isPresentation(global.slug) })
  return doc
}
