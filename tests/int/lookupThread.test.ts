/**
 * The delivery API's lookups by slug on a thread of their own (src/db/readModelStore/lookupThread.ts),
 * as `npm start` runs them on SQLite: every answer is the one the event loop gives (each encoding, a
 * missing slug, a 304, the cached path that reads every body), a write shows at once, lookups asked
 * together each get their own row, and a thread that fails or never starts leaves every lookup to
 * the event loop, answered all the same. `npm start` with the thread is in tests/http/server.test.ts.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'

import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import request from 'supertest'
import type { Express } from 'express'

import { snapshotStore } from '@/db/readModelStore'
import type { StoredSnapshot } from '@/db/readModelStore'
import { sqliteFile } from '@/config/database'
import { lookUpOnThread } from '@/db/readModelStore/lookupThread'
import type { LookupThread, LookupThreadData } from '@/db/readModelStore/lookupThread'
import { SLUG_LOOKUPS } from '@/db/readModelStore/sqlite'
import { compressLater } from '@/delivery/readModel/compressLater'
import { deliveryApp } from '../helpers/deliveryApp'
import { startTestPayload } from '../helpers/testPayload'
import type { TestPayload } from '../helpers/testPayload'

const PASSWORD = 'lookup-thread-password'
const onSqlite = !process.env.TEST_DATABASE_URI
let t: TestPayload
const slugs: string[] = []
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'signoff-lookup-thread-'))

beforeAll(async () => {
  t = await startTestPayload()
  await t.seedDemo(PASSWORD)
  const tokens = {} as Record<'writer' | 'reviewer' | 'editor', string>
  for (const who of ['editor', 'writer', 'reviewer'] as const) {
    tokens[who] = await t.logIn(`${who}@example.com`, PASSWORD)
  }
  for (const title of ['Shin splints', 'Tennis elbow', 'Frozen shoulder']) {
    await t.publishLikeSeed({ title, tokens })
  }
  const { docs } = await t.payload.find({
    collection: 'articles',
    where: { _status: { equals: 'published' } },
    depth: 0,
    limit: 10,
  })
  slugs.push(...docs.map((doc) => doc.slug as string))
  // Nothing left to store compressed: the rows stay as they are while answers are compared.
  await compressLater(t.payload).idle()
}, 120_000)

afterAll(async () => {
  fs.rmSync(scratch, { recursive: true, force: true })
  await t?.close()
})

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Asks for lookups (the first starts the thread) until the thread is in one of `states`, at most
 * 10 s.
 */
const until = async (thread: LookupThread, states: ReturnType<LookupThread['state']>[]) => {
  const deadline = Date.now() + 10_000
  while (!states.includes(thread.state())) {
    expect(Date.now()).toBeLessThan(deadline)
    await snapshotStore(t.payload).findBySlug(slugs[0] as string)
    await sleep(20)
  }
}

type Answer = { status: number; headers: Record<string, unknown>; body: string }

/** What a public site gets for each article, in each encoding, and for a slug nobody has. */
const answers = async (app: Express): Promise<Answer[]> => {
  const all: Answer[] = []
  for (const slug of [...slugs, 'no-such-article']) {
    for (const encoding of ['identity', 'br', 'gzip']) {
      const res = await request(app)
        .get(`/content/v1/articles/${slug}`)
        .set('accept-encoding', encoding)
        .buffer(true)
        .parse((raw, done) => {
          const chunks: Buffer[] = []
          raw.on('data', (chunk: Buffer) => chunks.push(chunk))
          raw.on('end', () => done(null, Buffer.concat(chunks)))
        })
      // The one header that differs from one second to the next.
      const headers = { ...(res.headers as Record<string, unknown>) }
      delete headers.date
      all.push({ status: res.status, headers, body: (res.body as Buffer).toString('base64') })
      if (res.status === 200) {
        const again = await request(app)
          .get(`/content/v1/articles/${slug}`)
          .set('accept-encoding', encoding)
          .set('if-none-match', String(res.headers.etag))
        all.push({ status: again.status, headers: { etag: again.headers.etag }, body: '' })
      }
    }
  }
  return all
}

/** A thread script written for a test: `source` is its whole text. */
const script = (name: string, source: string): URL => {
  const file = path.join(scratch, name)
  fs.writeFileSync(file, source)
  return pathToFileURL(file)
}

const lookUpEverySlug = () =>
  Promise.all(
    [...slugs, 'no-such-article'].map((slug) => snapshotStore(t.payload).findBySlug(slug)),
  )

;(onSqlite ? describe : describe.skip)('lookups by slug on the lookup thread (SQLite)', () => {
  it('answers every request as the event loop does, through the router and before it', async () => {
    // Without a cache the fast path reads the body asked for; with one, every body, to keep.
    const apps = [
      deliveryApp({ payload: t.payload }),
      deliveryApp({ payload: t.payload, delivery: { cacheTtlMs: 60_000 } }),
    ]
    const here = await Promise.all(apps.map(answers))
    expect(here[0]?.filter((answer) => answer.status === 200)).toHaveLength(slugs.length * 3)
    expect(here[0]?.filter((answer) => answer.status === 304)).toHaveLength(slugs.length * 3)
    const thread = lookUpOnThread({ payload: t.payload, use: 'always' })
    expect(thread?.state()).toBe('idle')
    try {
      await until(thread as LookupThread, ['running'])
      const onThread = await Promise.all(
        [
          deliveryApp({ payload: t.payload }),
          deliveryApp({ payload: t.payload, delivery: { cacheTtlMs: 60_000 } }),
        ].map(answers),
      )
      expect(onThread).toEqual(here)
      expect(thread?.state()).toBe('running')
    } finally {
      await thread?.stop()
    }
    expect(thread?.state()).toBe('ended')
  })

  it('gives lookups asked together each its own row, and shows a write at once', async () => {
    const here = await lookUpEverySlug()
    const thread = lookUpOnThread({ payload: t.payload, use: 'always' }) as LookupThread
    try {
      await until(thread, ['running'])
      // Asked in one turn of the event loop: one message to the thread, answered in order.
      const together = await Promise.all([
        lookUpEverySlug(),
        lookUpEverySlug(),
        Promise.all(
          [...slugs].reverse().map((slug) => snapshotStore(t.payload).findBySlug(slug, 'br')),
        ),
      ])
      expect(together[0]).toEqual(here)
      expect(together[1]).toEqual(here)
      expect(together[2].map((found) => found?.articleId)).toEqual(
        [...here]
          .slice(0, slugs.length)
          .reverse()
          .map((found) => found?.articleId),
      )
      const first = here[0] as StoredSnapshot
      await snapshotStore(t.payload).markStale({ articleIds: [first.articleId as number] })
      expect((await snapshotStore(t.payload).findBySlug(slugs[0] as string))?.isStale).toBe(true)
      expect(thread.state()).toBe('running')
    } finally {
      await thread.stop()
    }
  })

  it('sends lookups to the thread only while it is wanted (by default, while the disk is read)', async () => {
    const here = await lookUpEverySlug()
    let isWanted = false
    const thread = lookUpOnThread({ payload: t.payload, use: () => isWanted }) as LookupThread
    try {
      // Not wanted: no thread is started, and lookups are answered all the same.
      expect(await lookUpEverySlug()).toEqual(here)
      expect(thread.state()).toBe('idle')
      isWanted = true
      await until(thread, ['running'])
      expect(await lookUpEverySlug()).toEqual(here)
      isWanted = false
      expect(thread.state()).toBe('standby')
      expect(await lookUpEverySlug()).toEqual(here)
      isWanted = true
      expect(thread.state()).toBe('running')
      expect(await lookUpEverySlug()).toEqual(here)
    } finally {
      await thread.stop()
    }
  })

  /** The snapshot with its bytes copied out of wherever the store lent them. */
  const owned = (snapshot: StoredSnapshot | null) =>
    snapshot && {
      ...snapshot,
      body: snapshot.body && Buffer.from(snapshot.body),
      variants: Object.fromEntries(
        Object.entries(snapshot.variants).map(([encoding, bytes]) => [
          encoding,
          Buffer.from(bytes),
        ]),
      ),
    }

  /** Whether any of the snapshot's bytes are memory shared with the thread. */
  const isShared = (snapshot: StoredSnapshot | null) =>
    Object.values(snapshot?.variants ?? {}).some(
      (bytes) => bytes.buffer instanceof SharedArrayBuffer,
    )

  /**
   * `count` loans at once (of each slug in turn, `wanted` bodies), all held until every one has
   * been handed over: what each lent, copied, and whether it was shared memory.
   */
  const lendAtOnce = async (count: number, wanted: 'all' | 'br' = 'all') => {
    const store = snapshotStore(t.payload)
    const seen: { slug: string; copy: ReturnType<typeof owned>; shared: boolean }[] = []
    let open = () => {}
    const allLent = new Promise<void>((resolve) => {
      open = resolve
    })
    await Promise.all(
      Array.from({ length: count }, (_, i) => {
        const slug = slugs[i % slugs.length] as string
        return store.lendBySlug(slug, wanted, async (snapshot) => {
          seen.push({ slug, copy: owned(snapshot), shared: isShared(snapshot) })
          if (seen.length === count) {
            open()
          }
          await allLent
        })
      }),
    )
    return seen
  }

  it('lends rows in memory shared with the thread, a slot each, given back once used', async () => {
    const store = snapshotStore(t.payload)
    const here = new Map(
      await Promise.all(slugs.map(async (slug) => [slug, await store.findBySlug(slug)] as const)),
    )
    const slots = 8
    const thread = lookUpOnThread({
      payload: t.payload,
      use: 'always',
      lent: { slots, slotBytes: 32 * 1024 },
    }) as LookupThread
    try {
      await until(thread, ['running'])
      // A lookup that does not borrow gets bytes of its own.
      expect(isShared(await store.findBySlug(slugs[0] as string))).toBe(false)
      // More loans at once than slots: the first eight are shared, the rest copies; all right.
      const first = await lendAtOnce(slots + 5)
      expect(first.filter((loan) => loan.shared)).toHaveLength(slots)
      for (const { slug, copy } of first) {
        expect(copy).toEqual(here.get(slug))
      }
      // Every slot came back when its loan ended: eight shared again, each its own row.
      const second = await lendAtOnce(slots)
      expect(second.every((loan) => loan.shared)).toBe(true)
      for (const { slug, copy } of second) {
        expect(copy).toEqual(here.get(slug))
      }
      // A slug nobody has lends nothing, and keeps no slot.
      await store.lendBySlug('no-such-article', 'all', async (snapshot) => {
        expect(snapshot).toBeNull()
      })
      expect((await lendAtOnce(slots, 'br')).every((loan) => loan.shared)).toBe(true)
    } finally {
      await thread.stop()
    }
  })

  it('copies a row too large for its slot, and lends the next one all the same', async () => {
    const store = snapshotStore(t.payload)
    const here = await store.findBySlug(slugs[0] as string)
    const packed = here?.variants.lz4?.length ?? 0
    expect(packed).toBeGreaterThan(100)
    // Room for the packed body alone: a lookup of every body does not fit, one of brotli's might.
    const thread = lookUpOnThread({
      payload: t.payload,
      use: 'always',
      lent: { slots: 2, slotBytes: packed + 10 },
    }) as LookupThread
    try {
      await until(thread, ['running'])
      const [whole] = await lendAtOnce(1)
      expect(whole?.shared).toBe(false)
      expect(whole?.copy).toEqual(here)
      await store.lendBySlug(slugs[0] as string, 'identity', async (snapshot) => {
        expect(isShared(snapshot)).toBe(true)
        expect(owned(snapshot)?.variants.lz4).toEqual(here?.variants.lz4)
      })
    } finally {
      await thread.stop()
    }
  })

  it('answers many requests at once from lent rows, each its own article in its encoding', async () => {
    const app = deliveryApp({ payload: t.payload })
    const expected = new Map<string, string>()
    for (const slug of slugs) {
      const res = await request(app)
        .get(`/content/v1/articles/${slug}`)
        .set('accept-encoding', 'br')
      expected.set(slug, String(res.headers.etag))
    }
    const thread = lookUpOnThread({
      payload: t.payload,
      use: 'always',
      lent: { slots: 4, slotBytes: 32 * 1024 },
    }) as LookupThread
    try {
      await until(thread, ['running'])
      // Many more requests than slots, in both encodings, each answered while others are lent.
      const asked = Array.from({ length: 60 }, (_, i) => ({
        slug: slugs[i % slugs.length] as string,
        encoding: i % 3 === 0 ? 'identity' : 'br',
      }))
      const answered = await Promise.all(
        asked.map(({ slug, encoding }) =>
          request(app).get(`/content/v1/articles/${slug}`).set('accept-encoding', encoding),
        ),
      )
      answered.forEach((res, i) => {
        const { slug, encoding } = asked[i] as { slug: string; encoding: string }
        expect(res.status).toBe(200)
        // supertest decodes brotli: either way, the body is this article's JSON.
        expect((res.body as { slug: string }).slug).toBe(slug)
        if (encoding === 'br') {
          expect(res.headers['content-encoding']).toBe('br')
          expect(res.headers.etag).toBe(expected.get(slug))
        }
      })
    } finally {
      await thread.stop()
    }
  })

  it('starts more threads while the disk is read hard, shares batches, and ends them after', async () => {
    const here = await lookUpEverySlug()
    let reading = true
    const disk = { isReading: () => reading, check: () => {}, stop: () => {} }
    const thread = lookUpOnThread({
      payload: t.payload,
      use: 'always',
      threads: 3,
      disk,
    }) as LookupThread
    try {
      await until(thread, ['running'])
      expect(thread.threads()).toBe(1)
      // Batches asked while the first is busy start the others; every lookup gets its own row.
      const deadline = Date.now() + 10_000
      while (thread.threads() < 3) {
        expect(Date.now()).toBeLessThan(deadline)
        // One batch a turn, each sent before the last is answered.
        const asked: ReturnType<typeof lookUpEverySlug>[] = []
        for (let turn = 0; turn < 20; turn += 1) {
          asked.push(lookUpEverySlug())
          await new Promise((resolve) => setImmediate(resolve))
        }
        for (const rows of await Promise.all(asked)) {
          expect(rows).toEqual(here)
        }
      }
      // Once they are all ready, a large batch is shared out and still answered in order.
      await sleep(500)
      const many = await Promise.all(Array.from({ length: 10 }, lookUpEverySlug))
      for (const rows of many) {
        expect(rows).toEqual(here)
      }
      reading = false
      // The next batch ends the threads past the first; answers stay the same.
      expect(await lookUpEverySlug()).toEqual(here)
      expect(thread.threads()).toBe(1)
      expect(thread.state()).toBe('running')
      expect(await lookUpEverySlug()).toEqual(here)
    } finally {
      await thread.stop()
    }
  })

  it('answers a batch that takes it a while in pieces, in order, each lookup its own row', async () => {
    // The thread's own script with the server's statements: a batch of 6,000 lookups takes it
    // far longer than a piece (half a millisecond).
    const worker = new Worker(
      new URL('../../src/db/readModelStore/lookupWorker.mjs', import.meta.url),
      {
        workerData: {
          file: sqliteFile(
            (t.payload.db as unknown as { clientConfig: { url: string } }).clientConfig.url,
          ) as string,
          cacheKib: 2048,
          queries: Object.values(SLUG_LOOKUPS),
          lent: { memory: new SharedArrayBuffer(1024), slotBytes: 1024 },
        } satisfies LookupThreadData,
      },
    )
    try {
      const messages: unknown[] = []
      const done = new Promise<void>((resolve, reject) => {
        worker.on('message', (message: unknown) => {
          if (message === 'ready') {
            return
          }
          messages.push(message)
          if (Array.isArray(message)) {
            resolve()
          }
        })
        worker.on('error', reject)
      })
      const asked = [...slugs, 'no-such-article']
      const identity = Object.keys(SLUG_LOOKUPS).indexOf('identity')
      const batch = Array.from({ length: 6_000 }, (_, i) => asked[i % asked.length] as string)
      worker.postMessage(batch.flatMap((slug) => [identity, slug, -1]))
      await done
      // Pieces first, each marked, then the last as a plain array.
      expect(messages.length).toBeGreaterThan(1)
      const pieces = messages.slice(0, -1) as { more: unknown[] }[]
      for (const piece of pieces) {
        expect(Array.isArray(piece.more) && piece.more.length > 0).toBe(true)
      }
      const answers = [...pieces.flatMap((piece) => piece.more), ...(messages.at(-1) as unknown[])]
      expect(answers).toHaveLength(batch.length)
      // Each answer is its own slug's row (the article's id first), in the order asked.
      const here = await lookUpEverySlug()
      answers.forEach((row, i) => {
        const expected = here[i % asked.length]
        expect(row === null ? null : (row as unknown[])[0]).toBe(
          expected ? expected.articleId : null,
        )
      })
    } finally {
      await worker.terminate()
    }
  })

  it('takes a batch answered in pieces as one answer: every lookup gets its own', async () => {
    // A thread that finds nothing, one lookup a piece: the server must wait for the last piece,
    // and no lookup may fall back to the event loop (which would find the article).
    const entry = script(
      'pieces.mjs',
      `import { parentPort } from 'node:worker_threads'
parentPort.on('message', (batch) => {
  const count = batch.length / 3
  for (let i = 0; i < count - 1; i += 1) parentPort.postMessage({ more: [null] })
  parentPort.postMessage([null])
})
parentPort.postMessage('ready')
`,
    )
    const thread = lookUpOnThread({ payload: t.payload, entry, use: 'always' }) as LookupThread
    try {
      const deadline = Date.now() + 10_000
      while (thread.state() !== 'running') {
        expect(Date.now()).toBeLessThan(deadline)
        await lookUpEverySlug()
        await sleep(20)
      }
      const found = await Promise.all(Array.from({ length: 5 }, lookUpEverySlug))
      for (const rows of found) {
        expect(rows).toEqual(rows.map(() => null))
      }
      expect(thread.state()).toBe('running')
    } finally {
      await thread.stop()
    }
  })

  /**
   * A thread running `source` fails: every lookup, before it fails, as it fails (the batch it
   * was sent) and after, gets the row the event loop gives, and the failure is logged.
   */
  const failing = async (name: string, source: string, logLine: string) => {
    const here = await lookUpEverySlug()
    const logged = jest.spyOn(t.payload.logger, 'error').mockImplementation(() => undefined)
    const entry = script(name, source)
    const thread = lookUpOnThread({ payload: t.payload, entry, use: 'always' }) as LookupThread
    try {
      // Lookups start it; until it is ready (if ever), they are answered on the event loop.
      await until(thread, ['running', 'ended'])
      // Its first batch (unless it has failed already): the same rows.
      expect(await lookUpEverySlug()).toEqual(here)
      await until(thread, ['ended'])
      expect(await lookUpEverySlug()).toEqual(here)
      expect(logged).toHaveBeenCalledWith(
        expect.objectContaining({ msg: expect.stringContaining(logLine) }),
      )
    } finally {
      logged.mockRestore()
      await thread.stop()
    }
  }

  it('leaves a lookup under way, and every later one, to the event loop when the thread dies', () =>
    // Ready, then gone at its first batch: the lookups in that batch never get an answer from it.
    failing(
      'dying.mjs',
      `import { parentPort } from 'node:worker_threads'
parentPort.on('message', () => process.exit(3))
parentPort.postMessage('ready')
`,
      'The lookup thread ended (exit code 3)',
    ))

  it('leaves lookups to the event loop when the thread answers what it was not asked', () =>
    // One answer, whatever the batch: a row for every lookup would be a miss for all but one.
    failing(
      'confused.mjs',
      `import { parentPort } from 'node:worker_threads'
parentPort.on('message', () => parentPort.postMessage([null]))
parentPort.postMessage('ready')
`,
      "The lookup thread's answer could not be read",
    ))

  it('answers on the event loop when the thread cannot start', () =>
    failing('broken.mjs', `throw new Error('no database here')\n`, 'The lookup thread failed'))
})

;(onSqlite ? describe : describe.skip)('the lookup thread and the database connection', () => {
  it('ends when Payload is destroyed, or its database connection closes', async () => {
    for (const ending of ['destroy', 'close'] as const) {
      const other = await startTestPayload()
      const thread = lookUpOnThread({ payload: other.payload, use: 'always' }) as LookupThread
      const store = snapshotStore(other.payload)
      const deadline = Date.now() + 10_000
      while (thread.state() !== 'running') {
        expect(Date.now()).toBeLessThan(deadline)
        expect(await store.findBySlug('no-such-article')).toBeNull()
        await sleep(20)
      }
      if (ending === 'close') {
        ;(other.payload.db as unknown as { client: { close: () => void } }).client.close()
        expect(thread.state()).toBe('ended')
        await expect(store.findBySlug('no-such-article')).rejects.toThrow(
          'The database connection is closed.',
        )
      }
      await other.close()
      expect(thread.state()).toBe('ended')
    }
  })
})

;(onSqlite ? describe.skip : describe)('the lookup thread on MongoDB', () => {
  it('is not started: MongoDB answers lookups without holding the event loop', () => {
    expect(lookUpOnThread({ payload: t.payload, use: 'always' })).toBeNull()
  })
})
