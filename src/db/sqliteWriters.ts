import fs from 'node:fs'

import { createClient } from '@libsql/client'
import type { Config, InStatement } from '@libsql/client'

import { sqliteFile } from '@/config/database'

import type { Release, WriterLock } from './writerLock'

type Method = (...args: unknown[]) => Promise<unknown>
type LibsqlClient = Record<'execute' | 'batch', Method> & {
  transaction: (...args: unknown[]) => Promise<unknown>
}

const BUSY_TIMEOUT_MS = 5000

/**
 * The write-ahead log's size past which the writer checkpoints it and starts it again, and the
 * size its file is cut back to then: Payload's own limit (64 MB). SQLite's automatic checkpoint
 * copies the log into the database but starts it again only at a moment no reader is using it.
 * Readers that overlap, on other threads or in another process, may leave no such moment while
 * writes go on: two servers on one file, each rendering 100,000 articles under load, left a
 * 5.7 GB log, and lookups through it answered brotli at 2,223 req/s instead of 11,112. (One
 * server alone leaves the moments: its log stayed under 7 MB through the same rerender.)
 */
export const WAL_LIMIT_BYTES = 64 * 1024 * 1024

/** How often, at most, a writer looks at the log's size after its writes. */
const WAL_LOOK_EVERY_MS = 1000

/** How long a checkpoint waits for readers still in the log, holding up the writers meanwhile. */
const WAL_CHECKPOINT_WAIT_MS = 100

/** The size of `databaseFile`'s write-ahead log in bytes, 0 when it has none. */
export const walBytes = (databaseFile: string): number => {
  try {
    return fs.statSync(`${databaseFile}-wal`).size
  } catch {
    return 0
  }
}

/** Each serialized client's other-thread lock, when another thread writes to its database. */
const sharedLocks = new WeakMap<object, WriterLock>()

/** Taken by the clients this thread serializes from now on (`writeInTurnsWith`). */
let lockForNewClients: WriterLock | null = null

/**
 * Another thread of this process writes to this client's SQLite database (the render thread):
 * from now on each of the client's writer turns also takes a turn on `lock`, which that thread's
 * writes take too (null: no other thread any more). Without it the two threads meet at SQLite's
 * lock, where a waiting writer sleeps, blocking its event loop, and polls: one that arrives while
 * the other writes batch after batch may wait past the busy timeout.
 */
export const shareWriterLock = ({
  client,
  lock,
}: {
  client: unknown
  lock: WriterLock | null
}): void => {
  // MongoDB's adapter has no such client: nothing to share.
  if (typeof client !== 'object' || client === null) {
    return
  }
  if (lock) {
    sharedLocks.set(client, lock)
  } else {
    sharedLocks.delete(client)
  }
}

/** `shareWriterLock` for every client this thread serializes from now on (the render thread's). */
export const writeInTurnsWith = (lock: WriterLock | null): void => {
  lockForNewClients = lock
}

const isBusy = (error: unknown): boolean =>
  error instanceof Error &&
  /SQLITE_BUSY|database is locked/.test(`${(error as { code?: string }).code} ${error.message}`)

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

const withRetry = <T extends Method>(call: T, timeoutMs: number): T =>
  (async (...args: unknown[]) => {
    const started = Date.now()
    for (let delay = 2; ; delay = Math.min(delay * 2, 50)) {
      try {
        return await call(...args)
      } catch (error) {
        if (!isBusy(error) || Date.now() - started > timeoutMs) {
          throw error
        }
        await sleep(delay + Math.random() * delay)
      }
    }
  }) as T

/** Statements that only read: they stay on the client's own connection. */
const isRead = (statement: unknown): boolean =>
  /^\s*(select|explain)\b/i.test(
    typeof statement === 'string' ? statement : String((statement as { sql?: unknown })?.sql ?? ''),
  )

/**
 * Three problems of @libsql/client 0.14 that a CMS meets under load, fixed here for the SQLite adapter:
 * - each transaction runs on a fresh connection whose file descriptor is released only by garbage
 *   collection (even `close()` keeps it): seeding 10,000 articles ran out of descriptors;
 * - that connection has no `busy_timeout`, so a second writer fails at once with SQLITE_BUSY;
 * - a write outside a transaction that fails with SQLITE_BUSY leaves its statement un-reset until
 *   garbage collection finalizes it, and until then every read on the client's connection sees the
 *   database as it was when that statement began. A login then found no account that had been
 *   created after it (seen right after start-up, when the seed and the job queues wrote at once).
 * Transactions here take turns within the process on one long-lived connection that has a busy
 * timeout, and so do writes outside transactions (each on its own, committed at once); only reads
 * use the client's connection. If a turn does not come within the timeout (a transaction held
 * open, or a nested write without `req`), that work gets a connection of its own instead of
 * deadlocking. Busy statements outside transactions are retried.
 */
export const serializeSqliteWrites = ({
  client,
  clientConfig,
  timeoutMs = BUSY_TIMEOUT_MS,
  wal = { limitBytes: WAL_LIMIT_BYTES, everyMs: WAL_LOOK_EVERY_MS },
}: {
  client: unknown
  clientConfig: Config
  timeoutMs?: number
  /** The log's size that starts a checkpoint (`WAL_LIMIT_BYTES`), looked at every `everyMs`. */
  wal?: { limitBytes: number; everyMs: number }
}): void => {
  const target = client as LibsqlClient
  const readExecute = withRetry(target.execute.bind(target), timeoutMs)
  const readBatch = withRetry(target.batch.bind(target), timeoutMs)
  const open = async () => {
    const connection = createClient(clientConfig)
    await connection.execute(`PRAGMA busy_timeout = ${timeoutMs}`)
    // Per connection: Payload sets it only on its own, and only the first time it turns WAL on.
    await connection.execute(`PRAGMA journal_size_limit = ${wal.limitBytes}`)
    return connection
  }
  let shared: ReturnType<typeof createClient> | null = null
  let tail: Promise<void> = Promise.resolve()
  if (lockForNewClients) {
    shareWriterLock({ client, lock: lockForNewClients })
  }

  /** Waits for this process's writer turn: the shared connection, or after the timeout, a new one. */
  const takeTurn = async () => {
    const previous = tail
    let release: Release = () => {}
    tail = new Promise<void>((resolve) => {
      release = resolve
    })
    const isMyTurn = await Promise.race([
      previous.then(() => true),
      sleep(timeoutMs).then(() => false),
    ])
    let releaseOuter: Release = () => {}
    try {
      const lock = sharedLocks.get(client as object)
      if (lock) {
        releaseOuter = await lock.acquire()
      }
      const connection = isMyTurn ? (shared ??= await open()) : await open()
      return {
        connection,
        done: () => {
          if (!isMyTurn) {
            connection.close()
          }
          releaseOuter()
          release()
          keepLogSmall()
        },
      }
    } catch (error) {
      releaseOuter()
      release()
      throw error
    }
  }

  /** One write outside a transaction, in a turn of its own. */
  const inTurn =
    <A extends unknown[]>(
      work: (connection: ReturnType<typeof createClient>, ...args: A) => Promise<unknown>,
    ) =>
    async (...args: A) => {
      const { connection, done } = await takeTurn()
      try {
        return await withRetry(() => work(connection, ...args), timeoutMs)()
      } finally {
        done()
      }
    }

  const databaseFile = sqliteFile(clientConfig.url)
  let lookedAt = 0
  let checkpointing = false
  /**
   * After a write, at most every `wal.everyMs`: a log past its limit is checkpointed in a turn of
   * its own, waiting a moment for the readers still in it, then started again and cut back.
   */
  const keepLogSmall = () => {
    const now = Date.now()
    if (!databaseFile || checkpointing || now - lookedAt < wal.everyMs) {
      return
    }
    lookedAt = now
    if (walBytes(databaseFile) <= wal.limitBytes) {
      return
    }
    checkpointing = true
    void inTurn(async (connection) => {
      // Readers that overlap may hold the log for seconds together: the writers wait no longer
      // than this for them, and the next look tries again.
      await connection.execute(`PRAGMA busy_timeout = ${WAL_CHECKPOINT_WAIT_MS}`)
      try {
        return await connection.execute('PRAGMA wal_checkpoint(TRUNCATE)')
      } finally {
        await connection.execute(`PRAGMA busy_timeout = ${timeoutMs}`)
      }
    })()
      // Busy (a reader stayed past the timeout): the next look tries again.
      .catch(() => undefined)
      .finally(() => {
        checkpointing = false
      })
  }
  const writeExecute = inTurn((connection, statement: unknown, args?: unknown) =>
    typeof statement === 'string'
      ? connection.execute({ sql: statement, args: (args ?? []) as never })
      : connection.execute(statement as InStatement),
  )
  const writeBatch = inTurn((connection, statements: unknown, mode?: unknown) =>
    connection.batch(statements as InStatement[], mode as never),
  )
  target.execute = (async (statement: unknown, args?: unknown) =>
    isRead(statement) ? readExecute(statement, args) : writeExecute(statement, args)) as Method
  target.batch = (async (statements: unknown, mode?: unknown) =>
    Array.isArray(statements) && statements.every(isRead)
      ? readBatch(statements, mode)
      : writeBatch(statements, mode)) as Method
  target.transaction = async () => {
    const { connection, done } = await takeTurn()
    try {
      await withRetry(() => connection.execute('BEGIN IMMEDIATE'), timeoutMs)()
    } catch (error) {
      done()
      throw error
    }
    let isDone = false
    const finish = async (sql: string) => {
      if (isDone) {
        return
      }
      isDone = true
      try {
        await connection.execute(sql)
      } catch (error) {
        // A failed COMMIT leaves the transaction open; the shared connection must come back clean.
        await connection.execute('ROLLBACK').catch(() => undefined)
        throw error
      } finally {
        done()
      }
    }
    return {
      execute: (statement: InStatement) => connection.execute(statement),
      batch: async (statements: InStatement[]) => {
        const results = []
        for (const statement of statements) {
          results.push(await connection.execute(statement))
        }
        return results
      },
      executeMultiple: (sql: string) => connection.executeMultiple(sql),
      commit: () => finish('COMMIT'),
      rollback: () => finish('ROLLBACK'),
      close: () => {
        void finish('ROLLBACK')
      },
      get closed() {
        return isDone
      },
    }
  }
}
