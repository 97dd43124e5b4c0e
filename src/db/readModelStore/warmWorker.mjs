/**
 * The thread that keeps the read model in the operating system's cache
 * (src/db/readModelStore/keepWarm.ts): it lists the pages of the renderings' table and of its slug
 * index (SQLite's `dbstat`), reads them from the file now and then, and says what it did. Plain
 * JavaScript, so the same file runs from the TypeScript and from the compiled server.
 */
import fs from 'node:fs'
import os from 'node:os'
import { parentPort, workerData } from 'node:worker_threads'

import Database from 'libsql'

import { lowerThisThreadPriority } from '../../shared/threadPriority.mjs'
import { bytesReadBy } from './readBytes.mjs'

/**
 * Page numbers (1-based, sorted) as runs of consecutive pages: `[first, count, first, count, …]`,
 * a run no longer than `longest` pages.
 * @param {ArrayLike<number>} pages
 * @param {number} longest
 * @returns {number[]}
 */
export const runsOf = (pages, longest) => {
  /** @type {number[]} */
  const runs = []
  let first = -1
  let count = 0
  for (let i = 0; i < pages.length; i += 1) {
    const page = /** @type {number} */ (pages[i])
    if (count > 0 && page === first + count && count < longest) {
      count += 1
    } else if (count > 0 && page < first + count) {
      // The same page twice (listed under two names): already in the run.
    } else {
      if (count > 0) {
        runs.push(first, count)
      }
      first = page
      count = 1
    }
  }
  if (count > 0) {
    runs.push(first, count)
  }
  return runs
}

/**
 * The wait before the next pass: the shortest after a pass that brought `minBytes` or more back
 * from the disk (something took the pages meanwhile, and will again), twice the last wait (up to
 * the longest) after one that found them cached.
 * @param {{ lastMs: number, readBytes: number | null, minBytes: number, shortestMs: number,
 *   longestMs: number }} pass
 */
export const nextWaitMs = ({ lastMs, readBytes, minBytes, shortestMs, longestMs }) =>
  readBytes === null || readBytes >= minBytes
    ? shortestMs
    : Math.min(longestMs, Math.max(shortestMs, lastMs * 2))

/** Bytes this thread has read from storage so far, or null where the system cannot say. */
const readByThisThread = () => bytesReadBy('thread-self')

/**
 * What the thread is given (keepWarm.ts's `WarmThreadData`): the file, the tables and indexes
 * whose pages it keeps, how much of the memory the system has free they may take, the wait before
 * the first pass and those between passes, how often the list is made again, and how far below
 * the server's its priority sits.
 * @typedef {{ file: string, names: string[], shareOfFreeMemory: number, firstAfterMs: number,
 *   shortestMs: number, longestMs: number, minBytes: number, relistMs: number, nice: number }}
 *   WarmThreadData
 */

/** The longest read: 64 pages of 4 KB. */
const LONGEST_READ_PAGES = 64

const run = () => {
  const data = /** @type {WarmThreadData} */ (workerData)
  const post = (/** @type {unknown} */ message) => parentPort?.postMessage(message)
  // Elsewhere than Linux, or refused: the thread runs at the process's priority.
  lowerThisThreadPriority(data.nice)
  // Opened first: a file that is not there is an error, not an empty database made.
  const fd = fs.openSync(data.file, 'r')
  const connection = new Database(data.file, { readonly: true, timeout: 5000 })
  // The listing walks every page once; nothing read here is needed again.
  connection.exec('PRAGMA cache_size = -256')
  const pageSize = Number(connection.prepare('PRAGMA page_size').raw(true).get()[0])
  const dataVersion = connection.prepare('PRAGMA data_version').raw(true)
  const versionNow = () => Number(dataVersion.get()[0])
  const pagesOf = connection.prepare('SELECT pageno FROM dbstat WHERE name = ?').raw(true)
  const buffer = Buffer.allocUnsafe(LONGEST_READ_PAGES * pageSize)

  /** @type {number[]} */
  let runs = []
  let listedAt = 0
  let listedVersion = -1
  let fits = false
  /**
   * The pages listed, if the whole file fits in the share of the memory allowed (listing reads
   * each of the table's pages once: a file larger than that is not listed, let alone read).
   */
  const list = () => {
    const started = performance.now()
    const limit = Math.min(os.freemem(), os.constrainedMemory?.() || Infinity)
    const limitBytes = Math.round(limit * data.shareOfFreeMemory)
    listedAt = Date.now()
    const fileBytes = fs.fstatSync(fd).size
    if (fileBytes > limitBytes) {
      fits = false
      runs = []
      return { fits, fileBytes, limitBytes, ms: performance.now() - started }
    }
    listedVersion = versionNow()
    const before = readByThisThread()
    const all = []
    for (const name of data.names) {
      for (const [page] of pagesOf.iterate(name)) {
        all.push(Number(page))
      }
    }
    const pages = Float64Array.from(all).sort()
    const after = readByThisThread()
    fits = true
    runs = runsOf(pages, LONGEST_READ_PAGES)
    return {
      fits,
      fileBytes,
      limitBytes,
      pages: pages.length,
      bytes: pages.length * pageSize,
      // Listing reads every page of the table: what of it came from the disk.
      readBytes: before === null || after === null ? null : after - before,
      ms: performance.now() - started,
    }
  }

  const pass = () => {
    const started = performance.now()
    const before = readByThisThread()
    let bytes = 0
    // Last page first: read in the file's order, the kernel took the pages as a sequential read
    // and read ahead, other tables' pages between them included (most of a test's file).
    for (let i = runs.length - 2; i >= 0; i -= 2) {
      const length = /** @type {number} */ (runs[i + 1]) * pageSize
      bytes += fs.readSync(fd, buffer, 0, length, /** @type {number} */ (runs[i] - 1) * pageSize)
    }
    const after = readByThisThread()
    const readBytes = before === null || after === null ? null : after - before
    return { bytes, readBytes, ms: performance.now() - started }
  }

  let waitMs = data.shortestMs
  // Each turn says what it did: `{ listed?, pass?, nextMs }`, or `{ error, nextMs }`.
  const turn = () => {
    try {
      // Listed again once the database has changed, or (too large before) the free memory may
      // have; at most once in `relistMs`.
      const due = Date.now() - listedAt >= data.relistMs
      const listed =
        listedAt === 0 || (due && (!fits || versionNow() !== listedVersion)) ? list() : undefined
      const done = fits ? pass() : undefined
      waitMs = done
        ? nextWaitMs({ lastMs: waitMs, readBytes: done.readBytes, ...data })
        : data.longestMs
      post({ listed, pass: done, nextMs: waitMs })
    } catch (error) {
      waitMs = data.longestMs
      post({ error: error instanceof Error ? error.message : String(error), nextMs: waitMs })
    }
    setTimeout(turn, waitMs)
  }
  setTimeout(turn, data.firstAfterMs)
}

if (parentPort && workerData) {
  run()
}
