import type { RequestHandler } from 'express'
import type { Payload } from 'payload'

const CHECK_TIMEOUT_MS = 2000

const withTimeout = <T>(work: Promise<T>, ms: number): Promise<T> =>
  Promise.race([
    work,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref(),
    ),
  ])

/** 200 when the database answers a query, 503 when it does not: what a load balancer needs. */
export const healthHandler =
  ({ payload, adapter }: { payload: Payload; adapter: 'mongodb' | 'sqlite' }): RequestHandler =>
  async (_req, res) => {
    const started = Date.now()
    try {
      await withTimeout(
        payload.count({ collection: 'topics', overrideAccess: true }),
        CHECK_TIMEOUT_MS,
      )
      res.set('Cache-Control', 'no-store').json({
        status: 'ok',
        database: { adapter, state: 'up', latencyMs: Date.now() - started },
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
        })
    }
  }
