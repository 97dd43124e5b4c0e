import { commitTransaction, createLocalReq, initTransaction, killTransaction } from 'payload'
import type { Payload } from 'payload'

import { snapshotStore } from '@/db/readModelStore'
import type { BodyVariants } from '@/db/readModelStore/types'
import { MIN_COMPRESSED_BYTES, compress, compressNow } from '@/delivery/http/encoding'
import { pack, packNow } from '@/shared/packed'

type Rendering = { articleId: number | string; etag: string; body: Buffer }

/** Renderings compressed at once (on the thread pool) and stored in one transaction. */
const BATCH = 25
/**
 * Past this many waiting, a new rendering is compressed at once by whoever stored it (about 1 ms)
 * and stored with it, so a burst of renderings neither holds all their bodies in memory nor goes
 * uncompressed.
 */
const MAX_WAITING = 2000

export type Compressor = {
  /**
   * Compresses a stored rendering's body off the event loop and stores it beside the body; null.
   * When too many wait, compresses it at once instead and returns the bodies: the caller stores
   * them with the rendering (`saveVariants` in its transaction), and nothing is kept here.
   */
  add: (rendering: Rendering) => BodyVariants | null
  /** Resolves once nothing is waiting or being compressed. */
  idle: () => Promise<void>
  /** Resolves once at most `count` renderings wait: a loop that renders many keeps pace with it. */
  drained: (count: number) => Promise<void>
}

const compressors = new WeakMap<Payload, Compressor>()

/**
 * The brotli, gzip and packed bodies of new renderings, made on libuv's thread pool after the rendering
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
  const compressor = createCompressor({ payload })
  compressors.set(payload, compressor)
  return compressor
}

/**
 * Makes `compressLater(payload)` compress on the calling thread, one body at a time between the
 * thread's other work, instead of on libuv's thread pool: for the render thread, which runs below
 * the server's priority. The pool's threads run at the process's priority, so a rerender's
 * compression (brotli, gzip and the packed body of every article) competed with readers' requests
 * as if the thread had not been lowered. Call it before the Payload renders anything.
 */
export const compressOnThisThread = (payload: Payload): void => {
  if (!compressors.has(payload)) {
    compressors.set(payload, createCompressor({ payload, onThisThread: true }))
  }
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))

/** Every stored body of `body`, made on the calling thread. */
const compressedNow = (body: Buffer): BodyVariants => ({
  br: compressNow({ body, encoding: 'br' }),
  gzip: compressNow({ body, encoding: 'gzip' }),
  lz4: packNow(body),
})

/**
 * Every stored body of each rendering, made on the calling thread one rendering at a time, with a
 * turn of its event loop before each: the thread's own rendering goes on between them.
 */
const compressedInTurns = async (batch: Rendering[]) => {
  const done: { rendering: Rendering; variants: BodyVariants }[] = []
  for (const rendering of batch) {
    await nextTurn()
    done.push({ rendering, variants: compressedNow(rendering.body) })
  }
  return done
}

/** Every stored body of `body`, made on libuv's thread pool. */
const compressedOnPool = async (body: Buffer): Promise<BodyVariants> => {
  const [br, gzip, lz4] = await Promise.all([
    compress({ body, encoding: 'br' }),
    compress({ body, encoding: 'gzip' }),
    pack(body),
  ])
  return { br, gzip, lz4 }
}

/**
 * A compressor of its own (`compressLater` keeps one per Payload): `maxWaiting` for tests;
 * `onThisThread` compresses on the calling thread (see `compressOnThisThread`).
 */
export const createCompressor = ({
  payload,
  maxWaiting = MAX_WAITING,
  onThisThread = false,
}: {
  payload: Payload
  maxWaiting?: number
  onThisThread?: boolean
}): Compressor => {
  const waiting: Rendering[] = []
  let isRunning = false
  let idleWaiters: (() => void)[] = []
  let drainWaiters: { count: number; resolve: () => void }[] = []
  const wakeDrained = () => {
    const ready = drainWaiters.filter(({ count }) => waiting.length <= count)
    drainWaiters = drainWaiters.filter(({ count }) => waiting.length > count)
    ready.forEach(({ resolve }) => resolve())
  }

  const store = async (done: { rendering: Rendering; variants: BodyVariants }[]) => {
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
        wakeDrained()
        await store(
          onThisThread
            ? await compressedInTurns(batch)
            : await Promise.all(
                batch.map(async (rendering) => ({
                  rendering,
                  variants: await compressedOnPool(rendering.body),
                })),
              ),
        )
      } catch (error) {
        payload.logger.warn({ err: error, msg: 'Stored renderings were not compressed.' })
      }
    }
    isRunning = false
    wakeDrained()
    const waiters = idleWaiters
    idleWaiters = []
    waiters.forEach((resolve) => resolve())
  }

  const compressor: Compressor = {
    add: (rendering) => {
      if (rendering.body.length < MIN_COMPRESSED_BYTES) {
        return null
      }
      if (waiting.length >= maxWaiting) {
        return compressedNow(rendering.body)
      }
      waiting.push(rendering)
      if (!isRunning) {
        void work()
      }
      return null
    },
    idle: () =>
      !isRunning && waiting.length === 0
        ? Promise.resolve()
        : new Promise((resolve) => idleWaiters.push(resolve)),
    drained: (count) =>
      waiting.length <= count
        ? Promise.resolve()
        : new Promise((resolve) => drainWaiters.push({ count, resolve })),
  }
  return compressor
}
