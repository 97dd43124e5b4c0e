import { Worker } from 'node:worker_threads'
import type { MessagePort } from 'node:worker_threads'

import type { Payload } from 'payload'

import { shareWriterLock, writeInTurnsWith } from '@/db/sqliteWriters'
import { writerLock, writerLockBuffer } from '@/db/writerLock'
import { releaseAbandonedJobs } from '@/jobs/abandonedJobs'
import { startWithOwnYoungGeneration } from '@/shared/workerHeap'

import { emitContentChange, onContentChange } from '../contentEvents'
import type { ContentEvent } from '../contentEvents'
import { READ_MODEL_QUEUE, renderElsewhere, runReadModelQueue } from './refreshJob'

/**
 * Server to render thread: run the queue now; close and end. Render thread to server: its Payload
 * is up; it has run the queue `idle` times and had nothing to do since; published content
 * `changed` (the server's caches drop what they hold).
 */
type ToThread = 'run' | 'stop'
type FromThread = 'ready' | { idle: number } | { changed: ContentEvent }

/** What the server hands its render thread as it starts it. */
export type RenderThreadData = { writerLock: SharedArrayBuffer }

/**
 * The render thread's young generation (16 MB semi-spaces, V8's default; the server's own are 4).
 * A batch of articles read, rendered and compressed outlives 4 MB semi-spaces: with them the
 * thread spent about 5.9 s of a 10,000-article rerender in 2,070 young collections, and with these
 * 2.3–2.7 s in 536–553 (the rerender under load 37.7–38.6 s against 41.8–45.2; see
 * docs/performance.md).
 */
const RENDER_THREAD_YOUNG_MB = 48

/** How long a stopping render thread may take to close its Payload before it is ended. */
const STOP_WAIT_MS = 5_000

/**
 * How often the server looks for read-model work the thread should wake for: the hourly refresh
 * of review statuses, jobs queued by another process, failed jobs due for a retry.
 */
const POLL_MS = 10_000

/** How long a render thread with nothing to do waits before it offers to end. */
export const IDLE_MS = 5_000

/**
 * idle: no thread (none needed yet, or it ended with nothing to do); starting, running; ended: it
 * failed, and the server renders on its own event loop from then on.
 */
export type RenderThreadState = 'idle' | 'starting' | 'running' | 'ended'

export type RenderThread = {
  state: () => RenderThreadState
  /** Ends the thread (closing its Payload first) and stops looking for work. */
  stop: () => Promise<void>
}

/** Whether the read-model queue has a job that Payload's run would take now. */
const hasRunnableJob = async (payload: Payload): Promise<boolean> =>
  (
    await payload.count({
      collection: 'payload-jobs',
      where: {
        and: [
          { queue: { equals: READ_MODEL_QUEUE } },
          { completedAt: { exists: false } },
          { hasError: { not_equals: true } },
          { processing: { equals: false } },
          {
            or: [
              { waitUntil: { exists: false } },
              { waitUntil: { less_than: new Date().toISOString() } },
            ],
          },
        ],
      },
      overrideAccess: true,
    })
  ).totalDocs > 0

/**
 * Moves the read-model queue (rendering again every article a presentation change touched: 10,000
 * articles hold an event loop for about 30 s) off the server's event loop, onto a worker thread
 * with a Payload of its own: delivery keeps answering at its usual pace, and the rendering uses
 * the other core. Call before the server's job crons start (they then skip that queue). `entry` is
 * the thread's script (src/cli/renderThread.ts, compiled beside the server).
 *
 * The thread runs only while there is work: a change that queues a refresh starts it (or asks the
 * running one), the server polls the queue for the rest, and a thread idle for `IDLE_MS` ends,
 * giving its memory back (its Payload and heap: about 100–180 MB after 10,000 articles). On
 * SQLite its writes and the server's take turns on a lock in shared memory. If it fails, the
 * server renders on its own event loop from then on, as it does without one.
 */
export const renderOnThread = ({
  payload,
  entry,
  pollMs = POLL_MS,
}: {
  payload: Payload
  entry: URL
  pollMs?: number
}): RenderThread => {
  let state: RenderThreadState = 'idle'
  let worker: Worker | null = null
  let exited: Promise<void> = Promise.resolve()
  /** Runs asked of the current thread. */
  let asked = 0
  let isStopping = false
  let isClosed = false
  /** A run asked for while the thread was ending: a new thread takes it. */
  let askedWhileEnding = false
  const { client } = payload.db as { client?: unknown }

  const runHere = () => void runReadModelQueue(payload)

  const start = (): Worker => {
    // The two threads' SQLite writes take turns (src/db/writerLock.ts).
    const buffer = writerLockBuffer()
    const lock = writerLock(buffer)
    shareWriterLock({ client, lock })
    const thread = startWithOwnYoungGeneration(
      () =>
        new Worker(entry, {
          resourceLimits: { maxYoungGenerationSizeMb: RENDER_THREAD_YOUNG_MB },
          workerData: { writerLock: buffer } satisfies RenderThreadData,
        }),
    )
    worker = thread
    state = 'starting'
    asked = 0
    thread.on('message', (message: FromThread) => {
      if (message === 'ready') {
        state = 'running'
      } else if ('changed' in message) {
        emitContentChange(message.changed)
      } else if ('idle' in message) {
        // Nothing asked since it went idle: let it end.
        if (message.idle === asked && !isStopping) {
          isStopping = true
          thread.postMessage('stop' satisfies ToThread)
        }
      }
    })
    thread.on('error', (error) => {
      payload.logger.error({ err: error, msg: 'The render thread failed.' })
    })
    exited = new Promise((resolve) => {
      thread.once('exit', (code) => {
        worker = null
        // A turn the thread held, or waited for, ends with it.
        lock.close()
        shareWriterLock({ client, lock: null })
        const wasAsked = isStopping
        isStopping = false
        if (isClosed) {
          state = 'idle'
        } else if (wasAsked && code === 0) {
          state = 'idle'
          if (askedWhileEnding) {
            askedWhileEnding = false
            runSoon()
          }
        } else {
          state = 'ended'
          payload.logger.error({
            msg: `The render thread ended (exit code ${code}): articles are rendered on the server's event loop from now on.`,
          })
          // What the thread had been asked to do, and the job it was running when it ended (were
          // another process running one too, a second run only renders what is still stale).
          void releaseAbandonedJobs({ payload, queue: READ_MODEL_QUEUE, abandonedAfterMs: 0 })
            .catch((error: unknown) =>
              payload.logger.error({ err: error, msg: "Could not release the thread's job." }),
            )
            .finally(runHere)
        }
        resolve()
      })
    })
    return thread
  }

  const runSoon = (): void => {
    if (isClosed) {
      return
    }
    if (state === 'ended') {
      runHere()
    } else if (isStopping) {
      askedWhileEnding = true
    } else {
      const thread = worker ?? start()
      asked += 1
      thread.postMessage('run' satisfies ToThread)
    }
  }

  renderElsewhere({ payload, runSoon })

  let isPolling = false
  const poll = async () => {
    if (isPolling || isClosed) {
      return
    }
    isPolling = true
    try {
      // What the queue's cron would do: queue the scheduled refresh when due, then run what waits.
      await payload.jobs.handleSchedules({ queue: READ_MODEL_QUEUE })
      if (await hasRunnableJob(payload)) {
        runSoon()
      }
    } catch (error) {
      payload.logger.error({ err: error, msg: 'Could not look for read-model work.' })
    } finally {
      isPolling = false
    }
  }
  const poller = setInterval(() => void poll(), pollMs)
  poller.unref()

  return {
    state: () => state,
    stop: async () => {
      isClosed = true
      clearInterval(poller)
      const thread = worker
      if (!thread) {
        return
      }
      isStopping = true
      thread.postMessage('stop' satisfies ToThread)
      const timer = setTimeout(() => void thread.terminate(), STOP_WAIT_MS)
      await exited
      clearTimeout(timer)
    },
  }
}

/**
 * The render thread's side (src/cli/renderThread.ts), from before its Payload opens: its SQLite
 * writes take turns with the server's (the lock in `data`); once
 * `openPayload` has it up, it runs the read-model queue whenever the server asks (asks that came
 * while it opened included); once a run is over and `idleMs` pass without another, it tells the
 * server, which may end it; on `stop` it closes Payload and calls `end`.
 */
export const serveRenderThread = async ({
  port,
  openPayload,
  end,
  idleMs = IDLE_MS,
  data,
}: {
  port: MessagePort
  openPayload: () => Promise<Payload>
  /** Ends the thread once Payload is closed. */
  end: () => void
  idleMs?: number
  /** From the server (`workerData`); none where no other thread writes (a test in one thread). */
  data?: RenderThreadData
}): Promise<void> => {
  let payload: Payload | null = null
  let received = 0
  let isStopAsked = false
  let idleTimer: ReturnType<typeof setTimeout> | null = null

  const run = (open: Payload) => {
    if (idleTimer) {
      clearTimeout(idleTimer)
    }
    void runReadModelQueue(open).then(() => {
      const runs = received
      if (idleTimer) {
        clearTimeout(idleTimer)
      }
      idleTimer = setTimeout(() => {
        if (runs === received) {
          port.postMessage({ idle: runs } satisfies FromThread)
        }
      }, idleMs)
    })
  }
  const close = (open: Payload) => {
    if (idleTimer) {
      clearTimeout(idleTimer)
    }
    stopForwarding()
    // As the server's own Payload closes: a batch under way is not committed.
    void open.destroy().finally(end)
  }

  // What the thread's runs change, the server's caches hear of.
  const stopForwarding = onContentChange((changed) =>
    port.postMessage({ changed } satisfies FromThread),
  )
  // From the start: messages that come before a listener are not kept for it.
  port.on('message', (message: ToThread) => {
    if (message === 'run') {
      received += 1
      if (payload) {
        run(payload)
      }
    } else if (payload) {
      close(payload)
    } else {
      isStopAsked = true
    }
  })
  if (data) {
    writeInTurnsWith(writerLock(data.writerLock))
  }
  const open = await openPayload()
  payload = open
  port.postMessage('ready' satisfies FromThread)
  if (isStopAsked) {
    close(open)
  } else if (received > 0) {
    run(open)
  }
}
