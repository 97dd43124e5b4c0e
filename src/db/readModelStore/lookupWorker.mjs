/**
 * The thread that looks up renderings by slug (src/db/readModelStore/lookupThread.ts): its own
 * read connection, the statements it is given, one answer per batch of lookups. Plain JavaScript,
 * so the same file runs from the TypeScript and from the compiled server.
 */
import { parentPort, workerData } from 'node:worker_threads'

import Database from 'libsql'

/** @type {{ file: string, cacheKib: number, queries: string[] }} */
const { file, cacheKib, queries } = workerData
const connection = new Database(file, { fileMustExist: true, timeout: 5000 })
connection.exec(`PRAGMA cache_size = -${cacheKib}`)
const statements = queries.map((query) => connection.prepare(query).raw(true))

/** Bytes that own their memory move to the server's thread instead of being copied. */
const movable = (row, transfer) => {
  for (const value of row) {
    if (
      value instanceof Uint8Array &&
      value.byteOffset === 0 &&
      value.byteLength === value.buffer.byteLength
    ) {
      transfer.push(value.buffer)
    }
  }
}

// A batch is [query, slug, query, slug, …]; its answer, a row (or null, or { error }) for each.
parentPort?.on('message', (batch) => {
  const answers = []
  const transfer = []
  for (let i = 0; i < batch.length; i += 2) {
    try {
      const row = statements[batch[i]].get(batch[i + 1]) ?? null
      if (row) {
        movable(row, transfer)
      }
      answers.push(row)
    } catch (error) {
      answers.push({ error: error instanceof Error ? error.message : String(error) })
    }
  }
  parentPort?.postMessage(answers, transfer)
})
parentPort?.postMessage('ready')
