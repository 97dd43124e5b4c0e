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
 * - each transaction runs on a fresh connection that is never closed (it waits for garbage
 *   collection: seeding 10,000 articles ran out of file descriptors), and that connection has no
 *   `busy_timeout`, so a second writer fails at once with SQLITE_BUSY (a 500 for the user).
 * Transactions here get their own connection with a busy timeout, closed on commit or rollback, and
 * take turns within the process (a queue with a timeout, so a forgotten `req` cannot deadlock).
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
  let tail: Promise<void> = Promise.resolve()
  target.transaction = async () => {
    const previous = tail
    let release = () => {}
    tail = new Promise<void>((resolve) => {
      release = resolve
    })
    await Promise.race([previous, sleep(timeoutMs)])
    const connection = createClient(clientConfig)
    let isDone = false
    const finish = async (sql: string) => {
      if (isDone) {
        return
      }
      isDone = true
      try {
        await connection.execute(sql)
      } finally {
        connection.close()
        release()
      }
    }
    try {
      await connection.execute(`PRAGMA busy_timeout = ${timeoutMs}`)
      await withRetry(() => connection.execute('BEGIN IMMEDIATE'), timeoutMs)()
    } catch (error) {
      connection.close()
      release()
      throw error
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
