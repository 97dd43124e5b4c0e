import { Worker } from 'node:worker_threads'

import type { SQLiteAdapter } from '@payloadcms/db-sqlite'
import type { Payload } from 'payload'

import { sqliteFile } from '@/config/database'

import { watchDiskReads } from './diskReads'
import type { DiskReads } from './diskReads'
import { LOOKUP_CACHE_KIB, SLUG_LOOKUPS, lookUpSlugsWith } from './sqlite'
import type { FoundRow } from './sqlite'
import type { BodiesWanted } from './types'

/** The thread's script: plain JavaScript beside this file, the same compiled or not. */
const WORKER = new URL('./lookupWorker.mjs', import.meta.url)

/**
 * What the thread is given: the database file, its page cache, the statements it prepares, and
 * the memory it shares with the server for the bytes of lent rows (`slots` of `slotBytes` each).
 */
export type LookupThreadData = {
  file: string
  cacheKib: number
  queries: string[]
  lent: { memory: SharedArrayBuffer; slotBytes: number }
}

/**
 * The most lookup threads: while the disk is read, a lookup waits for it (about 100 µs here) and
 * several threads wait at once. Random lookups in 100,000 articles, with the file out of the
 * operating system's cache, on this 2-core machine: 10,300 a second on one thread, 19,700 on two,
 * 47,500 on four. With the library cached, the first thread is seldom busy when a batch comes, so
 * one runs.
 */
export const LOOKUP_THREADS = 4

/**
 * Reads from the disk a second, in three looks of ten seconds, that start more threads than the
 * first (1,024 pages of 4 KB). At 10,000 articles here, what the kernel paged out came back at
 * about 5 MB in a round of load; at 100,000, 54–74 MB a round.
 */
const EXTRA_THREADS_BYTES_PER_SECOND = 4 * 1024 * 1024

/** SQLite's page cache on each thread past the first. */
const EXTRA_CACHE_KIB = 6 * 1024

/** Fewest lookups a thread is given when a batch is shared out. */
const MIN_SHARE = 4

/**
 * Lent rows at once: one for each answer under way (the bench loads 50 connections); a lookup
 * that finds none free gets its row's bytes copied, as one that does not ask for a loan.
 */
export const LENT_SLOTS = 128
/** A lent row's bytes (a packed body and one encoding: about 5 KB for the seeded articles). */
export const SLOT_BYTES = 32 * 1024

const QUERY_OF = Object.fromEntries(
  Object.keys(SLUG_LOOKUPS).map((wanted, index) => [wanted, index]),
) as Record<BodiesWanted, number>

type Waiting = {
  query: number
  slug: string
  /** The slot its row's bytes are lent in, or -1 (copied with the answer). */
  slot: number
  /** `ended`: the thread ended first; the lookup runs on the event loop instead. */
  resolve: (found: FoundRow | 'ended') => void
  reject: (error: Error) => void
}

/** A lookup thread: ready once it has said so, with the batches it has not answered yet. */
type Thread = { worker: Worker; ready: boolean; sent: Waiting[][]; retired?: true }

/** Bytes the thread wrote into the lent row's slot: where, and how many. */
type LentBytes = { at: number; length: number }

/** For each lookup of a batch: its row, none, or the error SQLite gave. */
type Answer = unknown[] | null | { error: string }

const isLentBytes = (value: unknown): value is LentBytes =>
  typeof value === 'object' &&
  value !== null &&
  !(value instanceof Uint8Array) &&
  typeof (value as LentBytes).at === 'number' &&
  typeof (value as LentBytes).length === 'number'

/** The first answers of a batch that took the thread a while; the rest follow. */
const isPiece = (message: unknown): message is { more: Answer[] } =>
  typeof message === 'object' &&
  message !== null &&
  Array.isArray((message as { more?: unknown }).more)

/**
 * The row's bytes as Buffers with no memory of their own: over the shared memory where the thread
 * lent them, or over the Uint8Arrays copied with the answer. Each copied row was a new allocation
 * outside V8's heap, 3–8 KB a lookup, which V8 counts as pressure towards a full collection.
 */
const asBuffers = (row: unknown[], memory: SharedArrayBuffer): unknown[] =>
  row.map((value) =>
    isLentBytes(value)
      ? Buffer.from(memory, value.at, value.length)
      : value instanceof Uint8Array && !Buffer.isBuffer(value)
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
  /** How many threads are started (more than one only while the disk is read hard). */
  threads: () => number
  /** Ends the threads; lookups go back to the server's event loop. */
  stop: () => Promise<void>
}

/**
 * Moves the read model's lookups by slug (what `GET /content/v1/articles/:slug` reads) off the
 * server's event loop onto a thread with its own read connection. A library larger than the memory
 * the operating system caches it in keeps the server reading: a lookup may then wait for the disk,
 * and on the event loop that wait holds every other request; on the thread only other lookups
 * wait. The server runs it always unless told otherwise (`LOOKUP_THREAD`, src/config/env.ts).
 *
 * `use` says when lookups go to the thread: while the process reads from the disk (the default
 * here, `src/db/readModelStore/diskReads.ts`), or `always`. The thread starts with the first lookup
 * sent to it; lookups asked before it is ready run on the event loop. Lookups asked in one turn of
 * the event loop go as one message (a turn under load takes several requests), answered in
 * pieces when it takes the thread a while (a read from the disk holds back only those after it).
 * If the thread fails, its lookups and every later one run on the event loop, as they do without a
 * thread. Only for a SQLite file (null otherwise): an in-memory database is one per connection, and
 * MongoDB's driver does not hold the event loop. `entry` is the thread's script.
 *
 * A lookup that borrows its row (`lendBySlug`) gets its bytes in memory shared with the thread, in
 * a slot of `lent` kept for it until it gives the row back: the answer copies them into a buffer
 * it reuses, and nothing is left for the collector. Copied with the answer instead, each row was a
 * new allocation outside V8's heap, which V8 counts towards starting a full collection: under load,
 * with the response cache's turnover, two a second, each a pause on every connection (the
 * article's p99 25 ms against the static file's 15). A lookup that finds no slot free, or a row
 * larger than its slot, gets its bytes copied.
 */
export const lookUpOnThread = ({
  payload,
  entry = WORKER,
  use,
  threads = LOOKUP_THREADS,
  disk: givenDisk,
  lent = { slots: LENT_SLOTS, slotBytes: SLOT_BYTES },
}: {
  payload: Payload
  entry?: URL
  use?: 'always' | (() => boolean)
  /**
   * The most threads: one more starts when a batch finds every one busy while the disk is read
   * (`disk`), and those past the first end once it is not.
   */
  threads?: number
  /** Whether the process reads from the disk (by default, from `/proc/self/io`). */
  disk?: DiskReads
  /** How many rows can be lent at once, and the bytes each can hold. */
  lent?: { slots: number; slotBytes: number }
}): LookupThread | null => {
  if (payload.db.name !== 'sqlite') {
    return null
  }
  const adapter = payload.db as unknown as SQLiteAdapter
  const file = sqliteFile(adapter.clientConfig.url)
  if (!file) {
    return null
  }
  const disk = givenDisk ?? watchDiskReads()
  const isWanted = use === 'always' ? () => true : (use ?? disk.isReading)
  // More threads only while the disk is read hard: a library cached but for what the kernel
  // paged out reads a few MB a second for a second or two, and one thread keeps up with that.
  const readsHard =
    givenDisk ??
    watchDiskReads({ bytesPerSecond: EXTRA_THREADS_BYTES_PER_SECOND, seconds: 3, holdMs: 10_000 })
  const workers: Thread[] = []
  let state: LookupThreadState = 'idle'
  let queued: Waiting[] = []
  const memory = new SharedArrayBuffer(lent.slots * lent.slotBytes)
  const freeSlots = Array.from({ length: lent.slots }, (_, slot) => lent.slots - 1 - slot)
  /** A slot back once its row's bytes are no longer read (once only), unless the thread ended. */
  const releaseOf = (slot: number) => {
    let released = false
    return () => {
      if (!released && state !== 'ended') {
        freeSlots.push(slot)
      }
      released = true
    }
  }

  /** From now on every lookup runs on the event loop, those still waiting for the thread too. */
  const end = () => {
    if (state === 'ended') {
      return
    }
    state = 'ended'
    lookUpSlugsWith(adapter, null)
    for (const waiting of [...workers.flatMap((thread) => thread.sent.flat()), ...queued]) {
      waiting.resolve('ended')
    }
    for (const thread of workers) {
      thread.sent.length = 0
    }
    queued = []
  }

  /**
   * Ends the threads past the first that have nothing under way: with the library in memory, one
   * thread keeps up, and each more holds its own memory (an isolate and SQLite's page cache).
   */
  const retireExtras = () => {
    for (const thread of workers.slice(1)) {
      if (thread.ready && thread.sent.length === 0) {
        thread.retired = true
        workers.splice(workers.indexOf(thread), 1)
        void thread.worker.terminate()
      }
    }
  }

  // Threads past the first end too when no lookup comes to end them.
  const retiring = setInterval(() => {
    if (!readsHard.isReading()) {
      retireExtras()
    }
  }, 5_000)
  retiring.unref()

  const sendTo = (thread: Thread, batch: Waiting[]) => {
    if (thread.sent.length === 0) {
      thread.worker.ref()
    }
    thread.sent.push(batch)
    thread.worker.postMessage(batch.flatMap(({ query, slug, slot }) => [query, slug, slot]))
  }

  /**
   * The lookups asked in this turn, shared out among the threads with nothing under way (a few
   * each at least), or sent whole to the one with the fewest batches under way. When every thread
   * is busy, one more starts, up to `threads`: a thread whose lookup waits for the disk then holds
   * only its own batch.
   */
  const send = () => {
    const batch = queued
    queued = []
    if (state !== 'running' || batch.length === 0) {
      return
    }
    const reading = readsHard.isReading()
    if (!reading) {
      retireExtras()
    }
    const ready = workers.filter((thread) => thread.ready)
    const idle = ready.filter((thread) => thread.sent.length === 0)
    if (idle.length === 0 && workers.length < threads && reading) {
      start()
    }
    const parts = Math.min(idle.length, Math.ceil(batch.length / MIN_SHARE))
    if (parts <= 1) {
      // An idle thread, or the one with the fewest batches under way.
      const least = idle[0] ?? ready.reduce((a, b) => (b.sent.length < a.sent.length ? b : a))
      sendTo(least, batch)
      return
    }
    const share = Math.ceil(batch.length / parts)
    for (let part = 0; part < parts; part += 1) {
      sendTo(idle[part] as Thread, batch.slice(part * share, (part + 1) * share))
    }
  }

  const answer = (batch: Waiting[], answers: Answer[]) => {
    if (!Array.isArray(answers) || answers.length !== batch.length) {
      throw new Error(`${batch.length} lookups, answered by ${JSON.stringify(answers)}.`)
    }
    batch.forEach((waiting, i) => {
      const found = answers[i]
      const release = waiting.slot >= 0 ? releaseOf(waiting.slot) : undefined
      if (found && 'error' in found) {
        release?.()
        waiting.reject(new Error(found.error))
      } else if (!found) {
        release?.()
        waiting.resolve({ row: undefined })
      } else {
        const row = asBuffers(found, memory)
        // A row copied with the answer (too large for its slot) leaves the slot unused.
        if (release && !found.some(isLentBytes)) {
          release()
          waiting.resolve({ row })
        } else {
          waiting.resolve({ row, release })
        }
      }
    })
  }

  const start = (): Thread => {
    const first = workers.length === 0
    if (state === 'idle') {
      state = 'starting'
    }
    const worker = new Worker(entry, {
      // A lookup thread holds little of its own: rows it reads and hands over. Under `npm start`'s
      // --max-semi-space-size its young generation is the server's 4 MB semi-spaces instead; given
      // the 2 MB asked for (src/shared/workerHeap.ts), the article path measured the same.
      resourceLimits: { maxYoungGenerationSizeMb: 2, maxOldGenerationSizeMb: 64 },
      workerData: {
        file,
        // The first thread's cache keeps the slug index and the table's interior pages at 100,000
        // articles (about 4 MB) with room for the rows; the others share the work for a while.
        cacheKib: first ? LOOKUP_CACHE_KIB : EXTRA_CACHE_KIB,
        queries: Object.values(SLUG_LOOKUPS),
        lent: { memory, slotBytes: lent.slotBytes },
      } satisfies LookupThreadData,
    })
    const thread: Thread = { worker, ready: false, sent: [] }
    workers.push(thread)
    // Held open only while lookups are under way: an idle thread keeps no process alive.
    worker.unref()
    worker.on('message', (message: 'ready' | Answer[] | { more: Answer[] }) => {
      if (message === 'ready') {
        thread.ready = true
        if (state === 'starting') {
          state = 'running'
        }
        return
      }
      // The oldest batch's next lookups: a batch that takes a while is answered in pieces, each
      // but the last marked as such, so an answer short of its batch is still a mistake.
      const batch = thread.sent[0] ?? []
      const piece = isPiece(message) && message.more.length < batch.length ? message.more : null
      const answered = piece ? batch.splice(0, piece.length) : batch
      if (!piece) {
        thread.sent.shift()
      }
      if (thread.sent.length === 0) {
        worker.unref()
      }
      try {
        answer(answered, piece ?? (message as Answer[]))
      } catch (error) {
        // Those not answered yet (an answer settles once: the others keep theirs); the rest of
        // the batch, once the threads have stopped.
        for (const waiting of answered) {
          waiting.resolve('ended')
        }
        // An answer not understood: the server goes on without the threads rather than failing.
        payload.logger.error({
          err: error,
          msg: "The lookup thread's answer could not be read: articles are looked up on the server's event loop from now on.",
        })
        void stop()
      }
    })
    // One thread failing ends them all: lookups go back to the event loop, as without threads.
    worker.on('error', (error) => {
      if (state !== 'ended' && !thread.retired) {
        payload.logger.error({
          err: error,
          msg: "The lookup thread failed: articles are looked up on the server's event loop from now on.",
        })
        void stop()
      }
    })
    worker.on('exit', (code) => {
      if (state !== 'ended' && !thread.retired) {
        payload.logger.error({
          msg: `The lookup thread ended (exit code ${code}): articles are looked up on the server's event loop from now on.`,
        })
        void stop()
      }
    })
    return thread
  }

  lookUpSlugsWith(adapter, (slug, wanted, lend) => {
    if (!isWanted()) {
      return null
    }
    if (workers.length === 0) {
      start()
    }
    if (state !== 'running') {
      return null
    }
    const slot = lend ? (freeSlots.pop() ?? -1) : -1
    return new Promise((resolve, reject) => {
      queued.push({ query: QUERY_OF[wanted], slug, slot, resolve, reject })
      if (queued.length === 1) {
        setImmediate(send)
      }
    })
  })

  const stop = async () => {
    disk.stop()
    readsHard.stop()
    clearInterval(retiring)
    end()
    await Promise.all(workers.map((thread) => thread.worker.terminate()))
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
  return {
    state: () => (state === 'running' && !isWanted() ? 'standby' : state),
    threads: () => workers.length,
    stop,
  }
}
