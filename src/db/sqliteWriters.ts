import { createClient } from '@libsql/client'
import type { Config, InStatement } from '@libsql/client'

import type { Release, WriterLock } from './writerLock'

type Method = (...args: unknown[]) => Promise<unknown>
type LibsqlClient = Record<'execute' | 'batch', Method> & {
  transaction: (...args: unknown[]) => Promise<unknown>
}

const BUSY_TIMEOUT_MS = 5000

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
}: {
  client: unknown
  clientConfig: Config
  timeoutMs?: number
}): void => {
  const target = client as LibsqlClient
  const readExecute = withRetry(target.execute.bind(target), timeoutMs)
  const readBatch = withRetry(target.batch.bind(target), timeoutMs)
  const open = async () => {
    const connection = createClient(clientConfig)
    await connection.execute(`PRAGMA busy_timeout = ${timeoutMs}`)
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
