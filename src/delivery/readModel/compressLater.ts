import { commitTransaction, createLocalReq, initTransaction, killTransaction } from 'payload'
import type { Payload } from 'payload'

import { snapshotStore } from '@/db/readModelStore'
import type { BodyVariants } from '@/db/readModelStore/types'
import { MIN_COMPRESSED_BYTES, compress } from '@/delivery/http/encoding'

type Waiting = { articleId: number | string; etag: string; body: Buffer }

/** Renderings compressed at once (on the thread pool) and stored in one transaction. */
const BATCH = 25
/** Past this many waiting, a rendering is left to be compressed when it is read. */
const MAX_WAITING = 5000

export type Compressor = {
  /** Compresses a stored rendering's body off the event loop and stores it beside the body. */
  add: (rendering: Waiting) => void
  /** Resolves once nothing is waiting or being compressed. */
  idle: () => Promise<void>
}

const compressors = new WeakMap<Payload, Compressor>()

/**
 * The brotli and gzip bodies of new renderings, made on libuv's thread pool after the rendering
 * is stored, not on the event loop while its transaction holds SQLite's one writer: a rerender of
 * every article spent a fifth of its time compressing. They are stored a batch to a transaction,
 * only beside the rendering they were made from (a newer one is left alone). Until then, or if a
 * compression fails, a reader's request compresses the body as it did before bodies were stored
 * compressed.
 */
export const compressLater = (payload: Payload): Compressor => {
  const known = compressors.get(payload)
  if (known) {
    return known
  }
  const waiting: Waiting[] = []
  let isRunning = false
  let idleWaiters: (() => void)[] = []

  const store = async (done: { rendering: Waiting; variants: BodyVariants }[]) => {
    const req = await createLocalReq({}, payload)
    const shouldCommit = await initTransaction(req)
    try {
      for (const { rendering, variants } of done) {
        await snapshotStore(payload).saveVariants({
          articleId: rendering.articleId,
          etag: rendering.etag,
          variants,
          req,
        })
      }
      if (shouldCommit) {
        await commitTransaction(req)
      }
    } catch (error) {
      await killTransaction(req)
      throw error
    }
  }

  const work = async () => {
    isRunning = true
    while (waiting.length) {
      const batch = waiting.splice(0, BATCH)
      try {
        const done = await Promise.all(
          batch.map(async (rendering) => {
            const [br, gzip] = await Promise.all([
              compress({ body: rendering.body, encoding: 'br' }),
              compress({ body: rendering.body, encoding: 'gzip' }),
            ])
            return { rendering, variants: { br, gzip } }
          }),
        )
        await store(done)
      } catch (error) {
        payload.logger.warn({ err: error, msg: 'Stored renderings were not compressed.' })
      }
    }
    isRunning = false
    const waiters = idleWaiters
    idleWaiters = []
    waiters.forEach((resolve) => resolve())
  }

  const compressor: Compressor = {
    add: (rendering) => {
      if (rendering.body.length < MIN_COMPRESSED_BYTES || waiting.length >= MAX_WAITING) {
        return
      }
      waiting.push(rendering)
      if (!isRunning) {
        void work()
      }
    },
    idle: () =>
      !isRunning && waiting.length === 0
        ? Promise.resolve()
        : new Promise((resolve) => idleWaiters.push(resolve)),
  }
  compressors.set(payload, compressor)
  return compressor
}
