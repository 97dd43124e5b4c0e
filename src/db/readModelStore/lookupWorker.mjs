/**
 * The thread that looks up renderings by slug (src/db/readModelStore/lookupThread.ts): its own
 * read connection, the statements it is given, a batch of lookups answered in order. Plain
 * JavaScript, so the same file runs from the TypeScript and from the compiled server.
 */
import { parentPort, workerData } from 'node:worker_threads'

import Database from 'libsql'

/**
 * @type {{ file: string, cacheKib: number, queries: string[],
 *   lent: { memory: SharedArrayBuffer, slotBytes: number } }}
 */
const { file, cacheKib, queries, lent } = workerData
const connection = new Database(file, { fileMustExist: true, timeout: 5000 })
connection.exec(`PRAGMA cache_size = -${cacheKib}`)
const statements = queries.map((query) => connection.prepare(query).raw(true))
const shared = new Uint8Array(lent.memory)

/**
 * The row with its bytes written into its slot of the shared memory, each replaced by where it
 * went ({ at, length }); as it is when they do not fit.
 * @param {unknown[]} row
 * @param {number} slot
 */
const lend = (row, slot) => {
  let total = 0
  for (const value of row) {
    if (value instanceof Uint8Array) {
      total += value.length
    }
  }
  if (total > lent.slotBytes) {
    return row
  }
  let at = slot * lent.slotBytes
  return row.map((value) => {
    if (!(value instanceof Uint8Array)) {
      return value
    }
    shared.set(value, at)
    const where = { at, length: value.length }
    at += value.length
    return where
  })
}

/**
 * A batch taking longer than this is answered in pieces: the lookups found so far go back at once.
 * A row the kernel has paged out is a read from the disk (about 100 µs here, several in a row at
 * 100,000 articles), and without pieces it held back every lookup sent with it.
 */
const PIECE_MS = 0.5

// A batch is [query, slug, slot, …] (slot -1: none lent); its answers, a row (or null, or
// { error }) for each, in order: the last (or only) message is their array, a piece before it
// `{ more: [...] }`. Bytes not lent are copied to the server's thread, not moved: moved (allocated
// on this thread, freed on the other), they left the server about 40 MB larger after six rounds of
// load at 100,000 articles, for no more requests answered.
parentPort?.on('message', (batch) => {
  let answers = []
  let pieceStarted = performance.now()
  for (let i = 0; i < batch.length; i += 3) {
    try {
      const row = statements[batch[i]].get(batch[i + 1]) ?? null
      const slot = batch[i + 2]
      answers.push(row && slot >= 0 ? lend(row, slot) : row)
    } catch (error) {
      answers.push({ error: error instanceof Error ? error.message : String(error) })
    }
    const now = performance.now()
    if (now - pieceStarted >= PIECE_MS && i + 3 < batch.length) {
      parentPort?.postMessage({ more: answers })
      answers = []
      pieceStarted = now
    }
  }
  parentPort?.postMessage(answers)
})
parentPort?.postMessage('ready')
