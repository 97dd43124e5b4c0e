/**
 * SQLite's write-ahead log under steady reads. Its automatic checkpoint copies the log into the
 * database but starts it again only at a moment no reader is using it; with readers on other
 * threads (the lookup threads) while a writer commits one rendering after another, that moment
 * may never come, and the log grows with every write: re-rendering 100,000 articles under load
 * left 5.7 GB. The writers here (`serializeSqliteWrites`) checkpoint a log past its limit and cut
 * it back. A reader on a thread of its own stands for the lookup threads.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Worker } from 'node:worker_threads'

import { createClient } from '@libsql/client'
import { afterAll, describe, expect, it } from '@jest/globals'

import { serializeSqliteWrites } from '@/db/sqliteWriters'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'signoff-wal-size-'))

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true })
})

/** Reads `file` on a thread of its own, statement after statement, until `stop` holds 1. */
const READER = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require('libsql')
const db = new Database(workerData.file, { readonly: true, timeout: 5000 })
// Every body read: a statement long enough that one is under way whenever the writer commits.
const count = db.prepare('SELECT count(*), sum(length(hex(body))) FROM renderings').raw(true)
const stop = new Int32Array(workerData.stop)
parentPort.postMessage('ready')
let reads = 0
while (Atomics.load(stop, 0) === 0) {
  count.get()
  reads += 1
}
db.close()
parentPort.postMessage(reads)
`

const MB = 1024 * 1024

/**
 * Writes `count` renderings of 32 KB, one transaction each, while a thread reads; the largest the
 * log file was after any of them, and how many rows are there at the end.
 */
const writeWhileRead = async ({
  name,
  limitBytes,
  count,
}: {
  name: string
  limitBytes: number
  count: number
}) => {
  const file = path.join(dir, `${name}.db`)
  const clientConfig = { url: `file:${file}` }
  const client = createClient(clientConfig)
  await client.execute('PRAGMA journal_mode = WAL')
  await client.execute('CREATE TABLE renderings (id INTEGER PRIMARY KEY, body BLOB NOT NULL)')
  serializeSqliteWrites({ client, clientConfig, wal: { limitBytes, everyMs: 0 } })
  const stop = new SharedArrayBuffer(4)
  const readers = [1, 2].map(() => new Worker(READER, { eval: true, workerData: { file, stop } }))
  await Promise.all(
    readers.map((reader) => new Promise((resolve) => reader.once('message', resolve))),
  )
  let largest = 0
  try {
    for (let i = 0; i < count; i += 1) {
      const tx = await client.transaction('write')
      await tx.execute({
        sql: 'INSERT OR REPLACE INTO renderings (id, body) VALUES (?, randomblob(32768))',
        args: [i % 50],
      })
      await tx.commit()
      largest = Math.max(largest, fs.statSync(`${file}-wal`).size)
      // The checkpoint, when one is due, takes the next turn: let it.
      await new Promise((resolve) => setImmediate(resolve))
    }
  } finally {
    Atomics.store(new Int32Array(stop), 0, 1)
  }
  const reads = (
    await Promise.all(
      readers.map((reader) => new Promise<number>((resolve) => reader.once('message', resolve))),
    )
  ).reduce((sum, n) => sum + n, 0)
  await Promise.all(readers.map((reader) => reader.terminate()))
  const { rows } = await client.execute('SELECT count(*) AS n FROM renderings')
  client.close()
  return { largest, reads, rows: Number(rows[0]?.n) }
}

describe('the write-ahead log, while another thread reads', () => {
  it('grows with every write when nothing checkpoints it (no limit)', async () => {
    const { largest, reads, rows } = await writeWhileRead({
      name: 'unbounded',
      limitBytes: Number.MAX_SAFE_INTEGER,
      count: 400,
    })
    expect(reads).toBeGreaterThan(100)
    expect(rows).toBe(50)
    // 400 writes of 32 KB: 12.5 MB, most of it never started again.
    expect(largest).toBeGreaterThan(6 * MB)
  })

  it('is checkpointed and cut back once past its limit, every write kept', async () => {
    const { largest, reads, rows } = await writeWhileRead({
      name: 'bounded',
      limitBytes: 1 * MB,
      count: 400,
    })
    expect(reads).toBeGreaterThan(100)
    expect(rows).toBe(50)
    // Past the limit by at most the writes of the look before the checkpoint got its turn.
    expect(largest).toBeLessThan(3 * MB)
  })
})
