import { Worker } from 'node:worker_threads'

import type { SQLiteAdapter } from '@payloadcms/db-sqlite'
import type { Payload } from 'payload'

import { sqliteFile } from '@/config/database'

/** The thread's script: plain JavaScript beside this file, the same compiled or not. */
const WORKER = new URL('./warmWorker.mjs', import.meta.url)

/** What the thread is given (see warmWorker.mjs). */
export type WarmThreadData = {
  file: string
  /** The tables and indexes (SQLite's names) whose pages are kept. */
  names: string[]
  /** The most of the memory free now (or of the process's limit, if lower) they may take. */
  shareOfFreeMemory: number
  /** The wait before the first listing and pass: a server's start-up goes first. */
  firstAfterMs: number
  /** The wait after a pass that brought `minBytes` or more back from the disk. */
  shortestMs: number
  /** The longest wait, after passes that found every page cached. */
  longestMs: number
  minBytes: number
  /** How often the pages are listed again while the database changes. */
  relistMs: number
  /** How far below the server's the thread's scheduling priority sits (as `nice`). */
  nice: number
}

/**
 * The renderings' table and its slug index: what a lookup by slug reads (the interior pages of
 * both with the rows' pages, and each row's overflow pages).
 */
export const WARM_NAMES = ['published_articles', 'published_articles_slug_idx']

/**
 * The defaults. A quarter of the free memory at most: a library that large is left to the
 * operating system. A pass every 5 s while passes find pages gone (this host's kernel pages out
 * memory its sampling saw unread for a minute, and a page read every 14–28 s looks unread to it),
 * every minute at most once they find none. A pass over 100,000 articles' pages (820 MB) took
 * 0.2 s of a core with them cached; listing them, 0.5 s.
 */
export const WARM_DEFAULTS: Omit<WarmThreadData, 'file' | 'names'> = {
  shareOfFreeMemory: 0.25,
  firstAfterMs: 5_000,
  shortestMs: 5_000,
  longestMs: 60_000,
  minBytes: 1024 * 1024,
  relistMs: 60_000,
  nice: 5,
}

/**
 * What the thread last said, as /health shows it: the bytes of the pages it keeps, and its last
 * pass. Its errors go to the log, not here (/health is public, and they name the file).
 */
export type WarmState = {
  state: 'starting' | 'warm' | 'too-large' | 'ended'
  bytes?: number
  /** The last pass: how long it took, and what it brought back from the disk. */
  lastPass?: { ms: number; readBytes: number | null }
}

/** What the thread says after each turn: what it listed, its pass, and the wait until the next. */
export type WarmTurn = {
  /**
   * Listed (again) this turn: whether the database file fits in the share of memory allowed, and
   * if it does, the pages kept and their bytes.
   */
  listed?: {
    fits: boolean
    fileBytes: number
    limitBytes: number
    pages?: number
    bytes?: number
    /** What listing them (SQLite reads each) brought back from the disk. */
    readBytes?: number | null
    ms: number
  }
  /** The pass: bytes read, what of them came from the disk (null: not known), how long it took. */
  pass?: { bytes: number; readBytes: number | null; ms: number }
  error?: string
  nextMs: number
}

export type KeptWarm = {
  /** What the thread last said, for /health. */
  state: () => WarmState
  /** Called with each message from the thread (a test listens). */
  onTurn: (listener: (turn: WarmTurn) => void) => void
  stop: () => Promise<void>
}

/**
 * Keeps the pages a lookup by slug reads in the operating system's cache, on SQLite: a thread
 * lists them and reads them from the file again and again (every few seconds while it finds some
 * gone, less often as it finds none), at a lower priority than the server's. The kernel may page
 * out a file's pages it has not seen read for a while: a host with proactive reclaim (this one
 * samples memory every 0.5 s and pages out what looked unread for a minute) sees pages read every
 * 14–28 s (100,000 articles under load) as unread, and the lookups that need them wait for the
 * disk. Null on MongoDB or a database in memory. The pages are read, not mapped: they count in
 * the system's cache, not in the server's memory.
 */
export const keepReadModelWarm = ({
  payload,
  entry = WORKER,
  settings = {},
}: {
  payload: Payload
  entry?: URL
  settings?: Partial<Omit<WarmThreadData, 'file'>>
}): KeptWarm | null => {
  if (payload.db.name !== 'sqlite') {
    return null
  }
  const file = sqliteFile((payload.db as unknown as SQLiteAdapter).clientConfig.url)
  if (!file) {
    return null
  }
  let current: WarmState = { state: 'starting' }
  const listeners: ((turn: WarmTurn) => void)[] = []
  const worker = new Worker(entry, {
    // It holds a list of page numbers (1.6 MB at 100,000 articles) and one 256 KB buffer.
    resourceLimits: { maxYoungGenerationSizeMb: 2, maxOldGenerationSizeMb: 64 },
    workerData: {
      file,
      names: WARM_NAMES,
      ...WARM_DEFAULTS,
      ...settings,
    } satisfies WarmThreadData,
  })
  // It keeps no process alive.
  worker.unref()
  worker.on('message', (turn: WarmTurn) => {
    if (turn.listed) {
      const { bytes, fits } = turn.listed
      current = fits ? { ...current, state: 'warm', bytes } : { state: 'too-large' }
    }
    if (turn.pass) {
      current = {
        ...current,
        lastPass: { ms: Math.round(turn.pass.ms), readBytes: turn.pass.readBytes },
      }
    }
    if (turn.error) {
      payload.logger.warn(`Keeping the read model cached: ${turn.error}`)
    }
    for (const listener of listeners) {
      listener(turn)
    }
  })
  worker.on('error', (error) => {
    current = { ...current, state: 'ended' }
    payload.logger.warn(`Keeping the read model cached stopped: ${error.message}`)
  })
  worker.on('exit', () => {
    current = { ...current, state: 'ended' }
  })
  return {
    state: () => current,
    onTurn: (listener) => listeners.push(listener),
    stop: async () => {
      await worker.terminate()
    },
  }
}
