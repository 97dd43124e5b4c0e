import type { RequestHandler } from 'express'
import type { Payload } from 'payload'

const CHECK_TIMEOUT_MS = 2000

const timeout = (ms: number, what: string) =>
  new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms).unref(),
  )

/**
 * Whether a write could be made now: a transaction is begun (on SQLite that takes the single
 * writer's turn and the write lock) and rolled back. One that comes too late is rolled back when
 * it comes, so a slow check never leaves the writer held.
 */
const canWrite = async (payload: Payload, timeoutMs: number): Promise<void> => {
  const begun = Promise.resolve(payload.db.beginTransaction())
  const release = (id: number | string | null) =>
    id === null ? undefined : payload.db.rollbackTransaction(id)
  try {
    await Promise.race([begun.then(release), timeout(timeoutMs, 'write check')])
  } catch (error) {
    void begun.then(release).catch(() => undefined)
    throw error
  }
}

/** 200 when the database answers a read and could take a write, 503 when not: what a load balancer needs. */
export const healthHandler =
  ({
    payload,
    adapter,
    renderThread,
    lookupThread,
    readModelCache = () => ({ state: 'off' }),
  }: {
    payload: Payload
    adapter: 'mongodb' | 'sqlite'
    /** The render thread's state (src/delivery/readModel/renderThread.ts); 'off' without one. */
    renderThread: () => string
    /** The lookup thread's state (src/db/readModelStore/lookupThread.ts); 'off' without one. */
    lookupThread: () => string
    /**
     * Whether the pages lookups read are kept in the system's cache (keepWarm.ts), with what the
     * last pass brought back from the disk; `{ state: 'off' }` without it.
     */
    readModelCache?: () => { state: string }
  }): RequestHandler =>
  async (_req, res) => {
    const started = Date.now()
    try {
      await Promise.race([
        payload.count({ collection: 'topics', overrideAccess: true }),
        timeout(CHECK_TIMEOUT_MS, 'read check'),
      ])
      await canWrite(payload, CHECK_TIMEOUT_MS)
      res.set('Cache-Control', 'no-store').json({
        status: 'ok',
        database: { adapter, state: 'up', latencyMs: Date.now() - started },
        renderThread: renderThread(),
        lookupThread: lookupThread(),
        readModelCache: readModelCache(),
      })
    } catch (error) {
      res
        .status(503)
        .set('Cache-Control', 'no-store')
        .json({
          status: 'unavailable',
          database: {
            adapter,
            state: 'down',
            error: error instanceof Error ? error.message : String(error),
          },
          renderThread: renderThread(),
          lookupThread: lookupThread(),
          readModelCache: readModelCache(),
        })
    }
  }
