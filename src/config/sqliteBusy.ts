type Method = (...args: unknown[]) => Promise<unknown>
type LibsqlTransaction = Record<'commit' | 'rollback', Method> & { close: () => void }
type LibsqlClient = Record<'execute' | 'batch', Method> & {
  transaction: (...args: unknown[]) => Promise<LibsqlTransaction>
}

const isBusy = (error: unknown): boolean =>
  error instanceof Error &&
  /SQLITE_BUSY|database is locked/.test(`${(error as { code?: string }).code} ${error.message}`)

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

const withRetry =
  (call: Method, timeoutMs: number): Method =>
  async (...args) => {
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
  }

/**
 * SQLite allows one writer at a time, and libsql opens a fresh connection for every transaction
 * without the `busy_timeout` pragma, so concurrent writers in one process fail at once with
 * SQLITE_BUSY (a 500 for the user). Transactions in this process therefore take turns (a queue,
 * with a timeout so a forgotten `req` can never deadlock), and a busy single statement is retried.
 */
export const serializeSqliteWrites = ({
  client,
  timeoutMs = 5000,
}: {
  client: unknown
  timeoutMs?: number
}): void => {
  const target = client as LibsqlClient
  target.execute = withRetry(target.execute.bind(target), timeoutMs)
  target.batch = withRetry(target.batch.bind(target), timeoutMs)
  const begin = withRetry(target.transaction.bind(target), timeoutMs) as LibsqlClient['transaction']
  let tail: Promise<void> = Promise.resolve()
  target.transaction = async (...args) => {
    const previous = tail
    let release = () => {}
    tail = new Promise<void>((resolve) => {
      release = resolve
    })
    await Promise.race([previous, sleep(timeoutMs)])
    try {
      const transaction = await begin(...args)
      let isReleased = false
      const releaseOnce = () => {
        if (!isReleased) {
          isReleased = true
          release()
        }
      }
      const commit = transaction.commit.bind(transaction)
      const rollback = transaction.rollback.bind(transaction)
      const close = transaction.close.bind(transaction)
      transaction.commit = async () => {
        try {
          return await commit()
        } finally {
          releaseOnce()
        }
      }
      transaction.rollback = async () => {
        try {
          return await rollback()
        } finally {
          releaseOnce()
        }
      }
      transaction.close = () => {
        close()
        releaseOnce()
      }
      return transaction
    } catch (error) {
      release()
      throw error
    }
  }
}
