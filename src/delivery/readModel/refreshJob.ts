import { createLocalReq } from 'payload'
import type { Payload, PayloadRequest, TaskConfig } from 'payload'

import { isJobsAutorun } from '@/config/env'
import { publicSite } from '@/config/publicSite'
import { snapshotStore } from '@/db/readModelStore'
import { compressLater } from './compressLater'
import { markPresentationStale } from './dependents'
import type { ChangedDocument } from './dependents'
import { renderingKey } from './render'
import { refreshEachNow } from './refresh'
import { nextTurn } from '@/shared/nextTurn'

export const READ_MODEL_QUEUE = 'read-model'

/**
 * Articles rendered in one transaction by the refresh job. The batch asks the database the same
 * few questions as one article; it holds SQLite's writer for about a millisecond an article.
 */
export const REFRESH_BATCH = 25

/**
 * Renders again every stored article rendering that is stale (something it shows changed), whose
 * review status has changed since it was rendered, or that was made for other public-site
 * settings (`SERVER_URL` changed, say), a batch to a transaction. Reads never wait for this: such
 * a rendering is rendered on the spot when asked for. Returns how many it did.
 */
export const refreshStaleSnapshots = async ({
  payload,
  now = new Date(),
  batchSize = REFRESH_BATCH,
}: {
  payload: Payload
  now?: Date
  batchSize?: number
}): Promise<{ refreshed: number; failed: number }> => {
  const otherThan = await keyIfOtherSettingsLeft(payload)
  const articleIds = await snapshotStore(payload).articleIdsToRefresh({
    now,
    ...(otherThan === null ? {} : { otherThan }),
  })
  let failed = 0
  for (let start = 0; start < articleIds.length; start += batchSize) {
    const batch = articleIds.slice(start, start + batchSize)
    // Between batches, requests are answered: a rerender of thousands must not stop delivery.
    await nextTurn()
    // Compression keeps pace: bodies waiting for it are bounded, and all are compressed by the end.
    await compressLater(payload).drained(4 * batchSize)
    for (const [articleId, outcome] of await refreshEachNow({ payload, articleIds: batch })) {
      if (outcome instanceof Error) {
        failed += 1
        payload.logger.error({ err: outcome, msg: `Could not render article ${articleId} again.` })
      }
    }
  }
  return { refreshed: articleIds.length - failed, failed }
}

/**
 * This process's `renderingKey()` when renderings made for other public-site settings (or an
 * older format) are left, else null: the one made longest ago tells, through an index. Every
 * rendering saved since the settings changed is made for them, so that one is the last to be.
 */
const keyIfOtherSettingsLeft = async (payload: Payload): Promise<string | null> => {
  const key = renderingKey(publicSite())
  const oldest = await snapshotStore(payload).oldestOrigin()
  return oldest !== null && oldest !== key ? key : null
}

/** How long a refresh waits for the change that queued it to commit before running anyway. */
const COMMIT_WAIT_MS = 60_000

const runs = new WeakMap<Payload, { current: Promise<void> | null; again: boolean }>()

/**
 * Runs the read-model queue now, until it is empty: one run at a time per Payload. A call during a
 * run gets one more run after it (the change that asked may have come after the run read the
 * queue) and the same promise, which settles when both are done. A run that fails is logged; the
 * promise never rejects.
 */
export const runReadModelQueue = (payload: Payload): Promise<void> => {
  const state = runs.get(payload) ?? { current: null, again: false }
  runs.set(payload, state)
  if (state.current) {
    state.again = true
    return state.current
  }
  state.current = (async () => {
    try {
      do {
        state.again = false
        await payload.jobs.run({ queue: READ_MODEL_QUEUE })
      } while (state.again)
    } catch (error) {
      payload.logger.error({ err: error, msg: 'Could not run the read-model queue.' })
    } finally {
      state.current = null
    }
  })()
  return state.current
}

/** Where a Payload's read-model queue runs, when not on its own event loop (see `renderOnThread`). */
const elsewhere = new WeakMap<Payload, { runSoon: () => void }>()

/**
 * This Payload leaves the read-model queue to another thread: its job crons skip that queue, and a
 * change that queues a refresh asks `runSoon` instead of rendering here. Set before the crons start.
 */
export const renderElsewhere = ({
  payload,
  runSoon,
}: {
  payload: Payload
  runSoon: () => void
}): void => {
  elsewhere.set(payload, { runSoon })
}

/** The job crons that run on this Payload, of `crons` (one per queue). */
export const cronsRunHere = <T extends { queue?: string }>({
  payload,
  crons,
}: {
  payload: Payload
  crons: T[]
}): T[] =>
  elsewhere.has(payload) ? crons.filter((cron) => cron.queue !== READ_MODEL_QUEUE) : crons

/**
 * Runs the read-model queue as soon as `req`'s transaction has ended, instead of at the queue's
 * next poll (up to ten seconds later): a presentation change reaches readers once its articles are
 * rendered again. On the render thread when the server has one (the server's own event loop keeps
 * answering), else here. Only where this process runs the queues: with JOBS_AUTORUN=false a worker
 * polls them.
 */
const runRefreshSoon = (req: PayloadRequest): void => {
  const { payload } = req
  if (!isJobsAutorun()) {
    return
  }
  const run = async (): Promise<void> => {
    // Payload deletes the transaction's id from the request when it commits or rolls back.
    for (let waited = 0; req.transactionID !== undefined && waited < COMMIT_WAIT_MS; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    const other = elsewhere.get(payload)
    if (other) {
      other.runSoon()
      return
    }
    await runReadModelQueue(payload)
  }
  run().catch((error: unknown) =>
    payload.logger.error({ err: error, msg: 'Could not run the read-model queue.' }),
  )
}

/** What the refresh job is given: with `presentationOf`, an edit to presentation it marks first. */
type RefreshInput = { presentationOf?: ChangedDocument }

/**
 * Queued in the transaction of the change that made renderings stale (or, `presentationOf`, an
 * edit to presentation whose renderings the job marks first): it runs only if that commits, at
 * once when this process runs the queues.
 */
export const queueSnapshotRefresh = async ({
  req,
  presentationOf,
}: {
  req: PayloadRequest
  presentationOf?: ChangedDocument
}): Promise<void> => {
  const input: RefreshInput = presentationOf === undefined ? {} : { presentationOf }
  await req.payload.jobs.queue({
    task: 'refreshPublishedArticles',
    input,
    queue: READ_MODEL_QUEUE,
    req,
  })
  runRefreshSoon(req)
}

/** The document a queued job's input names, if it is one (the input is stored as JSON). */
const presentationOf = (input: unknown): ChangedDocument | null => {
  const of = (input as RefreshInput | null | undefined)?.presentationOf
  if (of === 'all') {
    return of
  }
  return of && typeof of.collection === 'string' && ['number', 'string'].includes(typeof of.id)
    ? of
    : null
}

export const refreshPublishedArticlesTask: TaskConfig<{
  input: RefreshInput
  output: { refreshed: number }
}> = {
  slug: 'refreshPublishedArticles',
  label: 'Render published articles again after what they show changed',
  retries: 3,
  // Hourly, so review statuses that changed are rendered before a reader asks.
  schedule: [{ cron: '45 * * * *', queue: READ_MODEL_QUEUE }],
  handler: async ({ input, req }) => {
    const changed = presentationOf(input)
    if (changed) {
      await markPresentationStale({ payload: req.payload, of: changed })
    }
    const { refreshed, failed } = await refreshStaleSnapshots({ payload: req.payload })
    if (failed) {
      throw new Error(`${failed} article renderings failed (logged above); retrying.`)
    }
    return { output: { refreshed } }
  },
}

/**
 * At start-up, when renderings made for other public-site settings are left (a new `SERVER_URL`,
 * or a new rendering format): the refresh job renders them all again in the background. Until it
 * reaches one, a reader's request renders it, as before; at 100,000 articles those reads alone
 * took minutes, at a few hundred a second. Says so in the log. Whether it was queued.
 */
export const refreshForNewSettings = async (payload: Payload): Promise<boolean> => {
  if ((await keyIfOtherSettingsLeft(payload)) === null) {
    return false
  }
  payload.logger.info(
    'Published articles were rendered for other public-site settings (SERVER_URL, media or ' +
      'language): rendering them again in the background.',
  )
  await queueSnapshotRefresh({ req: await createLocalReq({}, payload) })
  return true
}
