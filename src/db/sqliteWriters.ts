import { createClient } from '@libsql/client'
import type { Config, InStatement } from '@libsql/client'

type Method = (...args: unknown[]) => Promise<unknown>
type LibsqlClient = Record<'execute' | 'batch', Method> & {
  transaction: (...args: unknown[]) => Promise<unknown>
}

const BUSY_TIMEOUT_MS = 5000

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

/**
 * Two problems of @libsql/client 0.14 that a CMS meets under load, fixed here for the SQLite adapter:
 * - each transaction runs on a fresh connection whose file descriptor is released only by garbage
 *   collection (even `close()` keeps it): seeding 10,000 articles ran out of descriptors;
 * - that connection has no `busy_timeout`, so a second writer fails at once with SQLITE_BUSY.
 * Transactions here take turns within the process on one long-lived connection that has a busy
 * timeout. If a turn does not come within the timeout (a transaction held open, or a nested write
 * without `req`), that transaction gets a connection of its own instead of deadlocking.
 * Busy single statements outside transactions are retried.
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
  target.execute = withRetry(target.execute.bind(target), timeoutMs)
  target.batch = withRetry(target.batch.bind(target), timeoutMs)
  const open = async () => {
    const connection = createClient(clientConfig)
    await connection.execute(`PRAGMA busy_timeout = ${timeoutMs}`)
    return connection
  }
  let shared: ReturnType<typeof createClient> | null = null
  let tail: Promise<void> = Promise.resolve()
  target.transaction = async () => {
    const previous = tail
    let release = () => {}
    tail = new Promise<void>((resolve) => {
      release = resolve
    })
    const isMyTurn = await Promise.race([
      previous.then(() => true),
      sleep(timeoutMs).then(() => false),
    ])
    let connection: ReturnType<typeof createClient>
    try {
      connection = isMyTurn ? (shared ??= await open()) : await open()
      await withRetry(() => connection.execute('BEGIN IMMEDIATE'), timeoutMs)()
    } catch (error) {
      release()
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
        if (!isMyTurn) {
          connection.close()
        }
        release()
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
