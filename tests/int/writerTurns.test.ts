/**
 * The server and its render thread write to one SQLite file. Their writes take turns on a lock in
 * shared memory, so a write waits for the transaction in front of it and then goes, even while the
 * other side commits batch after batch; at SQLite's lock instead, the waiting writer sleeps
 * (holding its event loop) and polls, and may not get in before its busy timeout. Here two clients
 * in one thread stand for the two threads (the lock never blocks a thread, so one can hold both).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { createClient } from '@libsql/client'
import { afterAll, describe, expect, it } from '@jest/globals'

import { serializeSqliteWrites, shareWriterLock, writeInTurnsWith } from '@/db/sqliteWriters'
import { writerLock, writerLockBuffer } from '@/db/writerLock'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'signoff-writer-turns-'))
const clientConfig = { url: `file:${path.join(dir, 'turns.db')}` }
const clients: ReturnType<typeof createClient>[] = []

afterAll(() => {
  clients.forEach((client) => client.close())
  fs.rmSync(dir, { recursive: true, force: true })
})

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

const open = () => {
  const client = createClient(clientConfig)
  clients.push(client)
  return client
}

describe("another thread's writes", () => {
  it('take their turn between transactions that follow each other without a pause', async () => {
    const setup = open()
    await setup.execute('PRAGMA journal_mode = WAL')
    await setup.execute('CREATE TABLE events (who TEXT NOT NULL, at INTEGER NOT NULL)')
    // Short timeouts: on SQLite's lock the write below would fail within the test's time.
    const buffer = writerLockBuffer()
    const server = open()
    serializeSqliteWrites({ client: server, clientConfig, timeoutMs: 1500 })
    shareWriterLock({ client: server, lock: writerLock(buffer) })
    // The render thread's side: its own view of the same shared memory.
    writeInTurnsWith(writerLock(buffer))
    const thread = open()
    try {
      serializeSqliteWrites({ client: thread, clientConfig, timeoutMs: 1500 })
    } finally {
      writeInTurnsWith(null)
    }

    const began: number[] = []
    const serverWrites = (async () => {
      for (let i = 0; i < 12; i += 1) {
        const tx = await server.transaction('write')
        began.push(Date.now())
        await tx.execute({ sql: 'INSERT INTO events VALUES (?, ?)', args: ['server', i] })
        // A batch being rendered: the transaction stays open across turns of the event loop.
        await sleep(60)
        await tx.commit()
      }
    })()
    await sleep(100)
    const asked = Date.now()
    await thread.execute({ sql: 'INSERT INTO events VALUES (?, ?)', args: ['thread', 0] })
    const wrote = Date.now()
    await serverWrites

    // It went right after the transaction that held the writer when it asked.
    expect(began.filter((at) => at > asked && at < wrote)).toEqual([])
    const { rows } = await setup.execute('SELECT who FROM events ORDER BY rowid')
    const order = rows.map((row) => row.who)
    expect(order.filter((who) => who === 'server')).toHaveLength(12)
    expect(order.indexOf('thread')).toBeGreaterThan(0)
    expect(order.indexOf('thread')).toBeLessThan(4)
  })

  it('are no concern of a database without a SQLite client (MongoDB)', () => {
    expect(() =>
      shareWriterLock({ client: undefined, lock: writerLock(writerLockBuffer()) }),
    ).not.toThrow()
  })

  it('stop waiting once the other thread is gone, even if it held a turn', async () => {
    const lock = writerLock(writerLockBuffer())
    const held = await lock.acquire()
    let isThrough = false
    const waiting = lock.acquire().then((release) => {
      isThrough = true
      release()
    })
    await sleep(150)
    expect(isThrough).toBe(false)
    // The thread that held it ended without releasing it.
    void held
    lock.close()
    await waiting
    expect(isThrough).toBe(true)
  })
})
