import type { Payload, PayloadRequest, TaskConfig } from 'payload'

import { PUBLISHED_ARTICLES } from '@/shared/collections'
import { refreshSnapshotNow } from './refresh'
import { idOf } from '@/shared/idOf'
import { nextTurn } from '@/shared/nextTurn'

export const READ_MODEL_QUEUE = 'read-model'

/**
 * Renders again every stored article rendering that is stale (something it shows changed) or whose
 * review status has changed since it was rendered, each in its own transaction. Reads never wait
 * for this: a stale rendering is rendered on the spot when asked for. Returns how many it did.
 */
export const refreshStaleSnapshots = async ({
  payload,
  now = new Date(),
}: {
  payload: Payload
  now?: Date
}): Promise<{ refreshed: number; failed: number }> => {
  const { docs } = await payload.find({
    collection: PUBLISHED_ARTICLES,
    where: {
      or: [
        { isStale: { equals: true } },
        { reviewStatusChangesAt: { less_than_equal: now.toISOString() } },
      ],
    },
    select: { article: true },
    depth: 0,
    pagination: false,
    overrideAccess: true,
  })
  let failed = 0
  for (const doc of docs) {
    const articleId = idOf(doc.article)
    if (articleId === null) {
      continue
    }
    // Between articles, requests are answered: a rerender of thousands must not stop delivery.
    await nextTurn()
    try {
      await refreshSnapshotNow({ payload, articleId })
    } catch (error) {
      failed += 1
      payload.logger.error({ err: error, msg: `Could not render article ${articleId} again.` })
    }
  }
  return { refreshed: docs.length - failed, failed }
}

/** Queued in the transaction of the change that made renderings stale: it runs only if that commits. */
export const queueSnapshotRefresh = async ({ req }: { req: PayloadRequest }): Promise<void> => {
  await req.payload.jobs.queue({
    task: 'refreshPublishedArticles',
    input: {},
    queue: READ_MODEL_QUEUE,
    req,
  })
}

export const refreshPublishedArticlesTask: TaskConfig<{
  input: object
  output: { refreshed: number }
}> = {
  slug: 'refreshPublishedArticles',
  label: 'Render published articles again after what they show changed',
  retries: 3,
  // Hourly, so review statuses that changed are rendered before a reader asks.
  schedule: [{ cron: '45 * * * *', queue: READ_MODEL_QUEUE }],
  handler: async ({ req }) => {
    const { refreshed, failed } = await refreshStaleSnapshots({ payload: req.payload })
    if (failed) {
      throw new Error(`${failed} article renderings failed (logged above); retrying.`)
    }
    return { output: { refreshed } }
  },
}
