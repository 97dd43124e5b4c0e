import type { Payload } from 'payload'

import { snapshotStore } from '@/db/readModelStore'
import type { BodyVariants } from '@/db/readModelStore/types'
import { MIN_COMPRESSED_BYTES, compress, compressNow } from '@/delivery/http/encoding'
import { inOwnTransaction } from '@/shared/inOwnTransaction'
import { pack, packNow } from '@/shared/packed'

type Rendering = { articleId: number | string; etag: string; body: Buffer }
type Compressed = Omit<Rendering, 'body'> & { variants: BodyVariants }

/** Renderings compressed at once (on the thread pool). */
const BATCH = 25
/** While compression goes on, a store waits until this many are ready (each commit syncs). */
const STORE_AT_LEAST = 100
/**
 * Past this many waiting (to be compressed, or to be stored), a new rendering is compressed at once
 * by whoever stored it (about 1 ms) and stored with it, so a burst of renderings neither holds all
 * their bodies in memory nor goes uncompressed.
 */
const MAX_WAITING = 2000

export type Compressor = {
  /**
   * Compresses a stored rendering's body off the event loop and stores it beside the body; null.
   * When too many wait, compresses it at once instead and returns the bodies: the caller stores
   * them with the rendering (`saveVariants` in its transaction), and nothing is kept here.
   */
  add: (rendering: Rendering) => BodyVariants | null
  /** Resolves once nothing is waiting, being compressed or waiting to be stored. */
  idle: () => Promise<void>
  /**
   * Resolves once at most `count` renderings are not yet stored compressed: a loop that renders
   * many keeps pace with it.
   */
  drained: (count: number) => Promise<void>
}

const compressors = new WeakMap<Payload, Compressor>()

/**
 * The brotli, gzip and packed bodies of new renderings, made on libuv's thread pool after the
 * rendering is stored, not on the event loop while its transaction holds SQLite's one writer: a
 * rerender of every article spent a fifth of its time compressing. Each store takes everything
 * compressed since the last, in one transaction, only beside the rendering they were made from (a
 * newer one is left alone). Until then, or if a compression fails, a reader's request compresses
 * the body as it did before bodies were stored compressed.
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
  /** Compressed, not yet stored: the next store takes them all (without their bodies). */
  let compressed: Compressed[] = []
  let isCompressing = false
  let storing: Promise<void> | null = null
  let idleWaiters: (() => void)[] = []
  let drainWaiters: { count: number; resolve: () => void }[] = []
  /** Renderings not yet stored compressed: waiting, or compressed and waiting for the writer. */
  const unstored = () => waiting.length + compressed.length
  const wakeDrained = () => {
    const ready = drainWaiters.filter(({ count }) => unstored() <= count)
    drainWaiters = drainWaiters.filter(({ count }) => unstored() > count)
    ready.forEach(({ resolve }) => resolve())
  }
  const isIdle = () => !isCompressing && !storing && unstored() === 0
  const wakeIdle = () => {
    if (!isIdle()) {
      return
    }
    const waiters = idleWaiters
    idleWaiters = []
    waiters.forEach((resolve) => resolve())
  }

  const store = (done: Compressed[]) =>
    inOwnTransaction(payload, async (req) => {
      for (const { articleId, etag, variants } of done) {
        await snapshotStore(payload).saveVariants({ articleId, etag, variants, req })
      }
    })

  /** Whether to store now: compression has nothing left, or enough is ready for a store. */
  const isTimeToStore = () =>
    compressed.length > 0 && (!isCompressing || compressed.length >= STORE_AT_LEAST)

  /**
   * Stores everything compressed so far in one transaction, then again while more came. A store
   * waits for SQLite's one writer, which an import holds for a whole batch of saves: compression
   * goes on meanwhile, and the next store takes all it made. One store per batch of 25 kept a
   * quarter of an import's renderings (a batch of 100 at a time) from being stored until its end;
   * a store as soon as any was ready made two or three commits per batch (about 9 ms each here).
   */
  const storeAll = () => {
    if (storing || !isTimeToStore()) {
      return
    }
    storing = (async () => {
      while (isTimeToStore()) {
        const done = compressed
        compressed = []
        try {
          await store(done)
        } catch (error) {
          payload.logger.warn({ err: error, msg: 'Stored renderings were not compressed.' })
        }
        wakeDrained()
      }
    })().finally(() => {
      storing = null
      // More may have become ready while the last store ran.
      storeAll()
      wakeIdle()
    })
  }

  const work = async () => {
    isCompressing = true
    while (waiting.length) {
      const batch = waiting.splice(0, BATCH)
      try {
        const made = onThisThread
          ? await compressedInTurns(batch)
          : await Promise.all(
              batch.map(async (rendering) => ({
                rendering,
                variants: await compressedOnPool(rendering.body),
              })),
            )
        for (const { rendering, variants } of made) {
          compressed.push({ articleId: rendering.articleId, etag: rendering.etag, variants })
        }
      } catch (error) {
        payload.logger.warn({ err: error, msg: 'Stored renderings were not compressed.' })
      }
      storeAll()
      wakeDrained()
    }
    isCompressing = false
    storeAll()
    wakeIdle()
  }

  const compressor: Compressor = {
    add: (rendering) => {
      if (rendering.body.length < MIN_COMPRESSED_BYTES) {
        return null
      }
      // Compressed bodies waiting for the writer count too: a writer held long (an import's
      // batch) would otherwise let them pile up.
      if (unstored() >= maxWaiting) {
        return compressedNow(rendering.body)
      }
      waiting.push(rendering)
      if (!isCompressing) {
        void work()
      }
      return null
    },
    idle: () =>
      isIdle() ? Promise.resolve() : new Promise((resolve) => idleWaiters.push(resolve)),
    drained: (count) =>
      unstored() <= count
        ? Promise.resolve()
        : new Promise((resolve) => drainWaiters.push({ count, resolve })),
  }
  return compressor
}
