import { Worker } from 'node:worker_threads'
import type { MessagePort } from 'node:worker_threads'

import type { Payload } from 'payload'

import { READ_MODEL_QUEUE, renderElsewhere, renderOnly, runReadModelQueue } from './refreshJob'

/** Main thread to render thread: run the queue now; finish and end. */
type ToThread = 'run' | 'stop'
/** Render thread to main thread: its Payload is up (its crons poll the queue). */
type FromThread = 'ready'

/** How long a stopping render thread may take to close its Payload before it is ended. */
const STOP_WAIT_MS = 5_000

/** How often the server polls the read-model queue itself once its render thread has died. */
const FALLBACK_POLL_MS = 10_000

/** Whether the thread renders: starting (the server renders nothing meanwhile, it queues), running, or ended (the server renders instead). */
export type RenderThreadState = 'starting' | 'running' | 'ended'

export type RenderThread = {
  state: () => RenderThreadState
  /** Resolves once the thread's Payload is up; rejects if it could not start. */
  ready: Promise<void>
  /** Closes the thread's Payload, then ends the thread. */
  stop: () => Promise<void>
}

/**
 * Moves the read-model queue (rendering again every article a presentation change touched: 10,000
 * articles hold an event loop for about 30 s) off the server's event loop, onto a worker thread
 * with a Payload of its own: delivery keeps answering at its usual pace, and the rendering uses
 * the other core. Call before the server's job crons start (they then skip that queue); `entry` is
 * the thread's script (src/cli/renderThread.ts, compiled beside the server). Changes that queue a
 * refresh ask the thread to run it at once. If the thread cannot start or dies, the server
 * renders on its own event loop again, as it does without one.
 */
export const renderOnThread = ({
  payload,
  entry,
}: {
  payload: Payload
  entry: URL
}): RenderThread => {
  const worker = new Worker(entry)
  let state: RenderThreadState = 'starting'
  let isAlive = true
  let isStopping = false
  let fallback: ReturnType<typeof setInterval> | null = null
  const runHere = () => {
    runReadModelQueue(payload).catch((error: unknown) =>
      payload.logger.error({ err: error, msg: 'Could not run the read-model queue.' }),
    )
  }
  renderElsewhere({
    payload,
    runSoon: () => {
      if (isAlive) {
        worker.postMessage('run' satisfies ToThread)
      } else {
        runHere()
      }
    },
  })
  const ready = new Promise<void>((resolve, reject) => {
    worker.once('message', (message: FromThread) => {
      if (message === 'ready') {
        state = 'running'
        resolve()
      }
    })
    worker.once('exit', (code) =>
      reject(new Error(`The render thread ended before it was ready (exit code ${code}).`)),
    )
  })
  ready.catch(() => undefined)
  worker.on('error', (error) => {
    payload.logger.error({ err: error, msg: 'The render thread failed.' })
  })
  const exited = new Promise<number>((resolve) => worker.once('exit', resolve))
  void exited.then((code) => {
    isAlive = false
    state = 'ended'
    if (isStopping) {
      return
    }
    payload.logger.error({
      msg: `The render thread ended (exit code ${code}): articles are rendered on the server's event loop from now on.`,
    })
    // What the thread had queued, and what its crons would have found later.
    runHere()
    fallback = setInterval(runHere, FALLBACK_POLL_MS)
    fallback.unref()
  })
  return {
    state: () => state,
    ready,
    stop: async () => {
      isStopping = true
      if (fallback) {
        clearInterval(fallback)
      }
      if (!isAlive) {
        return
      }
      worker.postMessage('stop' satisfies ToThread)
      const timer = setTimeout(() => void worker.terminate(), STOP_WAIT_MS)
      await exited
      clearTimeout(timer)
    },
  }
}

/**
 * The render thread's side (src/cli/renderThread.ts), once its Payload is up: marks it as the
 * one that runs the read-model queue, starts its crons (only that queue's), runs the queue
 * whenever the server asks, and on `stop` closes Payload and calls `end`.
 */
export const serveRenderThread = async ({
  payload,
  port,
  startCrons,
  end,
}: {
  payload: Payload
  port: MessagePort
  /** Starts this Payload's job crons (called after it is marked). */
  startCrons: () => Promise<void>
  /** Ends the thread once Payload is closed. */
  end: () => void
}): Promise<void> => {
  renderOnly(payload)
  port.on('message', (message: ToThread) => {
    if (message === 'run') {
      runReadModelQueue(payload).catch((error: unknown) =>
        payload.logger.error({ err: error, msg: `Could not run the ${READ_MODEL_QUEUE} queue.` }),
      )
    } else if (message === 'stop') {
      // As the server's own Payload closes: a batch under way is not committed.
      void payload.destroy().finally(end)
    }
  })
  await startCrons()
  port.postMessage('ready' satisfies FromThread)
}
