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

// A batch is [query, slug, query, slug, …]; its answer, a row (or null, or { error }) for each.
// The rows' bytes are copied to the server's thread, not moved: moved (allocated on this thread,
// freed on the other), they left the server about 40 MB larger after six rounds of load at
// 100,000 articles, for no more requests answered.
parentPort?.on('message', (batch) => {
  const answers = []
  for (let i = 0; i < batch.length; i += 2) {
    try {
      answers.push(statements[batch[i]].get(batch[i + 1]) ?? null)
    } catch (error) {
      answers.push({ error: error instanceof Error ? error.message : String(error) })
    }
  }
  parentPort?.postMessage(answers)
})
parentPort?.postMessage('ready')
