/**
 * Renderings are compressed on the thread pool after they are stored (the render thread's on that
 * thread, below the server's priority). A burst larger than the queue (an import, a rerender of
 * every article) must neither pile up in memory nor go uncompressed: past the limit, whoever
 * stored a rendering gets its compressed bodies at once, to store with it, and the queue keeps
 * nothing more.
 */
import crypto from 'node:crypto'
import { promisify } from 'node:util'
import zlib from 'node:zlib'

import { compressSync, uncompressSync } from 'lz4-napi'

import { commitTransaction, createLocalReq, initTransaction } from 'payload'

import { afterAll, beforeAll, expect, it } from '@jest/globals'

import { identityBody, snapshotStore } from '@/db/readModelStore'
import { compressLater, createCompressor } from '@/delivery/readModel/compressLater'
import { startTestPayload } from '../helpers/testPayload'
import type { TestPayload } from '../helpers/testPayload'

const SLUG = 'causes-of-lower-back-spasms'

let t: TestPayload

beforeAll(async () => {
  t = await startTestPayload()
  await t.seedDemo('compress-later-password')
  // The demo's rendering, stored with its compressed bodies.
  await compressLater(t.payload).idle()
})

afterAll(async () => {
  await t?.close()
})

/** The demo article's stored rendering: what a compressor is handed. */
const demoRendering = async () => {
  const stored = await snapshotStore(t.payload).findBySlug(SLUG)
  const { articleId, etag } = stored as NonNullable<typeof stored>
  return { articleId, etag, body: identityBody(stored as NonNullable<typeof stored>) }
}

/** SQLite's one writer taken, as an import's batch holds it for all its saves; the release. */
const holdTheWriter = async () => {
  const importing = await createLocalReq({}, t.payload)
  expect(await initTransaction(importing)).toBe(true)
  return () => commitTransaction(importing)
}

it('keeps at most its limit waiting and hands back the rest compressed, each body intact', async () => {
  const store = snapshotStore(t.payload)
  const stored = await store.findBySlug(SLUG)
  expect(stored).not.toBeNull()
  const { articleId, etag } = stored as NonNullable<typeof stored>
  const body = identityBody(stored as NonNullable<typeof stored>)
  const compressor = createCompressor({ payload: t.payload, maxWaiting: 3 })
  // A burst, all added before the event loop turns: as a loop of publishes adds them. The first
  // goes at once into the batch being compressed, the next three wait, the rest come back.
  const answers = Array.from({ length: 10 }, () => compressor.add({ articleId, etag, body }))
  expect(answers.map((answer) => answer === null)).toEqual([
    ...Array<boolean>(4).fill(true),
    ...Array<boolean>(6).fill(false),
  ])
  for (const variants of answers.filter((answer) => answer !== null)) {
    expect(zlib.brotliDecompressSync(variants.br as Buffer).equals(body)).toBe(true)
    expect(zlib.gunzipSync(variants.gzip as Buffer).equals(body)).toBe(true)
  }
  // The queued ones are compressed and stored beside the rendering they were made from.
  await compressor.idle()
  const after = await store.findBySlug(SLUG)
  expect(zlib.brotliDecompressSync(after?.variants.br as Buffer).equals(body)).toBe(true)
  expect(zlib.gunzipSync(after?.variants.gzip as Buffer).equals(body)).toBe(true)
})

it('goes on compressing while an import holds the writer, and stores all it made in one commit', async () => {
  const { articleId, etag, body } = await demoRendering()
  const release = await holdTheWriter()
  const db = t.payload.db as unknown as { beginTransaction: (...args: unknown[]) => unknown }
  const begin = db.beginTransaction
  let stores = 0
  db.beginTransaction = (...args: unknown[]) => {
    stores += 1
    return begin.apply(db, args)
  }
  try {
    const compressor = createCompressor({ payload: t.payload })
    // 60 renderings: more than one batch of compression (25), as an import's batch of 100 makes.
    for (let i = 0; i < 60; i += 1) {
      expect(compressor.add({ articleId, etag, body })).toBeNull()
    }
    // Compressing 60 small bodies takes milliseconds: a second is ample for all of them.
    await new Promise((resolve) => setTimeout(resolve, 1000))
    await release()
    await compressor.idle()
    // One store, one commit, for all 60. A store per batch of 25 took four, a writer turn each
    // between an import's batches, and kept three quarters of an import's renderings uncompressed
    // until its end; a store as soon as any was ready took two or three per batch.
    expect(stores).toBe(1)
  } finally {
    db.beginTransaction = begin
  }
  const after = await snapshotStore(t.payload).findBySlug(SLUG)
  expect(zlib.brotliDecompressSync(after?.variants.br as Buffer).equals(body)).toBe(true)
})

it('counts what waits for the writer in its limit: past it, renderings come back compressed', async () => {
  const { articleId, etag, body } = await demoRendering()
  const release = await holdTheWriter()
  const compressor = createCompressor({ payload: t.payload, maxWaiting: 3 })
  const settle = () => new Promise((resolve) => setTimeout(resolve, 500))
  try {
    // Compressed, then their store waits for the writer.
    for (let i = 0; i < 3; i += 1) {
      expect(compressor.add({ articleId, etag, body })).toBeNull()
    }
    await settle()
    // Three more, compressed while that store waits: nothing is left to compress, three to store.
    for (let i = 0; i < 3; i += 1) {
      expect(compressor.add({ articleId, etag, body })).toBeNull()
    }
    await settle()
    const handedBack = compressor.add({ articleId, etag, body })
    expect(handedBack).not.toBeNull()
    expect(zlib.brotliDecompressSync(handedBack?.br as Buffer).equals(body)).toBe(true)
  } finally {
    await release()
  }
  await compressor.idle()
})

it('stores nothing beside a newer rendering', async () => {
  const store = snapshotStore(t.payload)
  const stored = await store.findBySlug(SLUG)
  const { articleId, variants } = stored as NonNullable<typeof stored>
  const body = identityBody(stored as NonNullable<typeof stored>)
  const compressor = createCompressor({ payload: t.payload, maxWaiting: 3 })
  expect(
    compressor.add({
      articleId,
      etag: '"an-older-rendering"',
      body: Buffer.from('x'.repeat(4096)),
    }),
  ).toBeNull()
  await compressor.idle()
  const after = await store.findBySlug(SLUG)
  expect(after && identityBody(after).equals(body)).toBe(true)
  expect(after?.variants.br?.equals(variants.br as Buffer)).toBe(true)
})

it('keeps a rendering compressed only once its packed body is stored, the same bytes unpacked', async () => {
  const store = snapshotStore(t.payload)
  const stored = await store.findBySlug(SLUG)
  const { articleId, origin } = stored as NonNullable<typeof stored>
  const body = JSON.stringify({ slug: SLUG, text: 'Stretch gently. '.repeat(400) })
  const rendering = {
    slug: SLUG,
    body,
    etag: '"kept-compressed"',
    origin,
    reviewStatusChangesAt: null,
    reviewFlags: [],
    title: 'Kept compressed',
    summary: null,
    publishedAt: null,
  }
  await store.save({ articleId, rendered: rendering })
  // Until it is compressed, the identity body is what the row holds.
  const fresh = await store.findBySlug(SLUG)
  expect(fresh?.body?.toString()).toBe(body)
  expect(fresh?.variants).toEqual({})

  const compressor = createCompressor({ payload: t.payload })
  expect(compressor.add({ articleId, etag: rendering.etag, body: Buffer.from(body) })).toBeNull()
  await compressor.idle()
  const compressed = await store.findBySlug(SLUG)
  expect(compressed?.body).toBeNull()
  expect(zlib.gunzipSync(compressed?.variants.gzip as Buffer).toString()).toBe(body)
  expect(zlib.brotliDecompressSync(compressed?.variants.br as Buffer).toString()).toBe(body)
  expect(uncompressSync(compressed?.variants.lz4 as Buffer).toString()).toBe(body)
  expect(compressed && identityBody(compressed).toString()).toBe(body)
  // SQLite keeps the compressed bodies as bytes, not base64 text.
  const { drizzle } = t.payload.db as unknown as {
    drizzle: { all: (s: unknown) => Promise<Record<string, string>[]> }
  }
  const { sql } = await import('@payloadcms/db-sqlite')
  expect(
    await drizzle.all(
      sql`SELECT typeof(body) AS body, typeof(body_lz4) AS lz4, typeof(body_br) AS br,
        typeof(body_gzip) AS gzip FROM published_articles WHERE slug = ${SLUG}`,
    ),
  ).toEqual([{ body: 'null', lz4: 'blob', br: 'blob', gzip: 'blob' }])
  // A lookup for one encoding reads that body and the packed one (which gives the length) only.
  const read = async (wanted: 'identity' | 'br' | 'gzip') =>
    Object.keys((await store.findBySlug(SLUG, wanted))?.variants ?? {}).sort()
  expect(await read('identity')).toEqual(['lz4'])
  expect(await read('br')).toEqual(['br', 'lz4'])
  expect(await read('gzip')).toEqual(['gzip', 'lz4'])
  expect((await store.findBySlug(SLUG, 'gzip'))?.variants.gzip).toEqual(compressed?.variants.gzip)

  // Stored with its compressed bodies at once: compressed only from the start; with brotli and
  // gzip but nothing packed, the identity body stays (a request for identity reads it as it is).
  const gzip = zlib.gzipSync(body)
  await store.save({
    articleId,
    rendered: {
      ...rendering,
      etag: '"all"',
      variants: { br: zlib.brotliCompressSync(body), gzip, lz4: compressSync(Buffer.from(body)) },
    },
  })
  expect((await store.findBySlug(SLUG))?.body).toBeNull()
  await store.save({
    articleId,
    rendered: {
      ...rendering,
      etag: '"unpacked"',
      variants: { br: zlib.brotliCompressSync(body), gzip },
    },
  })
  expect((await store.findBySlug(SLUG))?.body?.toString()).toBe(body)
  await store.saveVariants({
    articleId,
    etag: '"unpacked"',
    variants: { br: zlib.brotliCompressSync(body), gzip },
  })
  expect((await store.findBySlug(SLUG))?.body?.toString()).toBe(body)
})

it('compresses on the calling thread when asked (the render thread), never waiting for the thread pool', async () => {
  const store = snapshotStore(t.payload)
  const stored = await store.findBySlug(SLUG)
  const { articleId, etag } = stored as NonNullable<typeof stored>
  const body = identityBody(stored as NonNullable<typeof stored>)
  const pbkdf2 = promisify(crypto.pbkdf2)
  /** Every thread of libuv's pool busy with a long key derivation; the time the first is done. */
  const occupyThePool = () => {
    const threads = Number(process.env.UV_THREADPOOL_SIZE) || 4
    const freed = { at: 0 }
    const all = Promise.all(
      Array.from({ length: threads }, async () => {
        await pbkdf2('a password', 'a salt', 1_000_000, 32, 'sha512')
        freed.at ||= performance.now()
      }),
    )
    return { freed, all }
  }

  const pool = occupyThePool()
  const here = createCompressor({ payload: t.payload, onThisThread: true })
  expect(here.add({ articleId, etag, body })).toBeNull()
  await here.idle()
  expect(pool.freed.at).toBe(0)
  const compressed = await store.findBySlug(SLUG)
  expect(zlib.brotliDecompressSync(compressed?.variants.br as Buffer).equals(body)).toBe(true)
  expect(zlib.gunzipSync(compressed?.variants.gzip as Buffer).equals(body)).toBe(true)
  expect(uncompressSync(compressed?.variants.lz4 as Buffer).equals(body)).toBe(true)
  await pool.all

  // The server's compressor uses the pool, so it waits for a thread.
  const again = occupyThePool()
  const onPool = createCompressor({ payload: t.payload })
  expect(onPool.add({ articleId, etag, body })).toBeNull()
  await onPool.idle()
  expect(again.freed.at).toBeGreaterThan(0)
  await again.all
})
