import { Worker } from 'node:worker_threads'

import type { SQLiteAdapter } from '@payloadcms/db-sqlite'
import type { Payload } from 'payload'

import { sqliteFile } from '@/config/database'

import { watchDiskReads } from './diskReads'
import type { DiskReads } from './diskReads'
import { LOOKUP_CACHE_KIB, SLUG_LOOKUPS, lookUpSlugsWith } from './sqlite'
import type { BodiesWanted } from './types'

/** The thread's script: plain JavaScript beside this file, the same compiled or not. */
const WORKER = new URL('./lookupWorker.mjs', import.meta.url)

/** What the thread is given: the database file, its page cache, the statements it prepares. */
export type LookupThreadData = { file: string; cacheKib: number; queries: string[] }

const QUERY_OF = Object.fromEntries(
  Object.keys(SLUG_LOOKUPS).map((wanted, index) => [wanted, index]),
) as Record<BodiesWanted, number>

type Waiting = {
  query: number
  slug: string
  /** `ended`: the thread ended first; the lookup runs on the event loop instead. */
  resolve: (row: unknown[] | undefined | 'ended') => void
  reject: (error: Error) => void
}

/** For each lookup of a batch: its row, none, or the error SQLite gave. */
type Answer = unknown[] | null | { error: string }

/** The thread's bytes arrive as plain Uint8Arrays: Buffers over the same memory (no copy). */
const asBuffers = (row: unknown[]): unknown[] =>
  row.map((value) =>
    value instanceof Uint8Array && !Buffer.isBuffer(value)
      ? Buffer.from(value.buffer, value.byteOffset, value.byteLength)
      : value,
  )

/**
 * idle: not started (no lookup sent to it yet); starting; running: it answers the lookups;
 * standby: started, but lookups run on the event loop while the disk is quiet; ended: stopped, or
 * it failed, and lookups run on the event loop from then on.
 */
export type LookupThreadState = 'idle' | 'starting' | 'running' | 'standby' | 'ended'

export type LookupThread = {
  state: () => LookupThreadState
  /** Ends the thread; lookups go back to the server's event loop. */
  stop: () => Promise<void>
}

/**
 * Moves the read model's lookups by slug (what `GET /content/v1/articles/:slug` reads) off the
 * server's event loop onto a thread with its own read connection, while the server reads from the
 * disk. A library larger than the memory the operating system caches it in keeps the server
 * reading: a lookup may then wait for the disk, and on the event loop that wait holds every other
 * request; on the thread only other lookups wait. With the library cached, a lookup takes about
 * 10 µs on the event loop, and a request answered in one pass has a shorter tail under load than
 * one that waits for the thread's answer (p99 25 against 16 ms for the static file in the bench,
 * for 1.8 times the requests), so lookups stay there (`src/db/readModelStore/diskReads.ts`).
 *
 * `use` says when lookups go to the thread: while the process reads from the disk (the default),
 * or `always`. The thread starts with the first lookup sent to it; lookups asked before it is ready
 * run on the event loop. Lookups asked in one turn of the event loop go as one message (a turn
 * under load takes several requests). If the thread fails, its lookups and every later one run on
 * the event loop, as they do without a thread. Only for a SQLite file (null otherwise): an
 * in-memory database is one per connection, and MongoDB's driver does not hold the event loop.
 * `entry` is the thread's script.
 */
export const lookUpOnThread = ({
  payload,
  entry = WORKER,
  use,
}: {
  payload: Payload
  entry?: URL
  use?: 'always' | (() => boolean)
}): LookupThread | null => {
  if (payload.db.name !== 'sqlite') {
    return null
  }
  const adapter = payload.db as unknown as SQLiteAdapter
  const file = sqliteFile(adapter.clientConfig.url)
  if (!file) {
    return null
  }
  const disk = use === undefined ? watchDiskReads() : null
  const isWanted = use === 'always' ? () => true : (use ?? (disk as DiskReads).isReading)
  let worker: Worker | null = null
  let state: LookupThreadState = 'idle'
  let queued: Waiting[] = []
  const sent: Waiting[][] = []

  /** From now on every lookup runs on the event loop, those still waiting for the thread too. */
  const end = () => {
    if (state === 'ended') {
      return
    }
    state = 'ended'
    lookUpSlugsWith(adapter, null)
    for (const waiting of [...sent.flat(), ...queued]) {
      waiting.resolve('ended')
    }
    sent.length = 0
    queued = []
  }

  const send = () => {
    const batch = queued
    queued = []
    if (!worker || state !== 'running' || batch.length === 0) {
      return
    }
    if (sent.length === 0) {
      worker.ref()
    }
    sent.push(batch)
    worker.postMessage(batch.flatMap(({ query, slug }) => [query, slug]))
  }

  const answer = (batch: Waiting[], answers: Answer[]) => {
    if (!Array.isArray(answers) || answers.length !== batch.length) {
      throw new Error(`${batch.length} lookups, answered by ${JSON.stringify(answers)}.`)
    }
    batch.forEach((waiting, i) => {
      const found = answers[i]
      if (found && 'error' in found) {
        waiting.reject(new Error(found.error))
      } else {
        waiting.resolve(found ? asBuffers(found) : undefined)
      }
    })
  }

  const start = (): Worker => {
    state = 'starting'
    const thread = new Worker(entry, {
      workerData: {
        file,
        cacheKib: LOOKUP_CACHE_KIB,
        queries: Object.values(SLUG_LOOKUPS),
      } satisfies LookupThreadData,
    })
    // Held open only while lookups are under way: an idle thread keeps no process alive.
    thread.unref()
    thread.on('message', (message: 'ready' | Answer[]) => {
      if (message === 'ready') {
        if (state === 'starting') {
          state = 'running'
        }
        return
      }
      const batch = sent.shift() ?? []
      if (sent.length === 0) {
        thread.unref()
      }
      try {
        answer(batch, message)
      } catch (error) {
        // Those not answered yet (an answer settles once: the others keep theirs).
        for (const waiting of batch) {
          waiting.resolve('ended')
        }
        // An answer not understood: the server goes on without the thread rather than failing.
        payload.logger.error({
          err: error,
          msg: "The lookup thread's answer could not be read: articles are looked up on the server's event loop from now on.",
        })
        void stop()
      }
    })
    thread.on('error', (error) => {
      if (state !== 'ended') {
        payload.logger.error({
          err: error,
          msg: "The lookup thread failed: articles are looked up on the server's event loop from now on.",
        })
      }
      end()
    })
    thread.on('exit', (code) => {
      if (state !== 'ended') {
        payload.logger.error({
          msg: `The lookup thread ended (exit code ${code}): articles are looked up on the server's event loop from now on.`,
        })
      }
      end()
    })
    return thread
  }

  lookUpSlugsWith(adapter, (slug, wanted) => {
    if (!isWanted()) {
      return null
    }
    worker ??= start()
    if (state !== 'running') {
      return null
    }
    return new Promise((resolve, reject) => {
      queued.push({ query: QUERY_OF[wanted], slug, resolve, reject })
      if (queued.length === 1) {
        setImmediate(send)
      }
    })
  })

  const stop = async () => {
    disk?.stop()
    end()
    await worker?.terminate()
  }
  // Payload's SQLite adapter leaves its client open when Payload is destroyed: the thread ends with
  // either.
  const closeClient = adapter.client.close.bind(adapter.client)
  adapter.client.close = () => {
    void stop()
    closeClient()
  }
  const destroy = payload.destroy.bind(payload)
  payload.destroy = async () => {
    await stop()
    await destroy()
  }
  return { state: () => (state === 'running' && !isWanted() ? 'standby' : state), stop }
}
