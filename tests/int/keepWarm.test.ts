/**
 * Keeping the read model in the operating system's cache (src/db/readModelStore/keepWarm.ts). A
 * host may page out a file's pages that its sampling saw unread for a while, and a lookup by slug
 * then waits for the disk. The thread lists the pages of the renderings' table and its slug index
 * and reads them again: these tests take the pages out of the cache the way a kernel's reclaim
 * does (`dd iflag=nocache`, posix_fadvise's DONTNEED), and look at what is cached with `fincore`
 * and at what the thread read from the disk (Linux's /proc).
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterAll, describe, expect, it } from '@jest/globals'
import Database from 'libsql'
import type { Payload } from 'payload'

import { WARM_NAMES, keepReadModelWarm } from '@/db/readModelStore/keepWarm'
import type { KeptWarm, WarmTurn } from '@/db/readModelStore/keepWarm'
import { nextWaitMs, runsOf } from '@/db/readModelStore/warmWorker.mjs'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'signoff-keep-warm-'))
const running: KeptWarm[] = []

afterAll(async () => {
  await Promise.all(running.map((warm) => warm.stop()))
  fs.rmSync(dir, { recursive: true, force: true })
})

/**
 * A library of `articles` renderings (6 KB each: a page and an overflow page) with the versions
 * of each written between them (12 KB each), as Payload's saves interleave them in the file.
 */
const library = (name: string, articles: number): string => {
  const file = path.join(dir, `${name}.db`)
  const db = new Database(file)
  db.exec('PRAGMA journal_mode = WAL')
  db.exec(`CREATE TABLE published_articles (id integer PRIMARY KEY, slug text NOT NULL, body blob);
    CREATE UNIQUE INDEX published_articles_slug_idx ON published_articles (slug);
    CREATE TABLE versions (id integer PRIMARY KEY, body blob);`)
  const rendering = db.prepare(
    'INSERT INTO published_articles (slug, body) VALUES (?, randomblob(6000))',
  )
  const version = db.prepare('INSERT INTO versions (body) VALUES (randomblob(12000))')
  db.exec('BEGIN')
  for (let i = 0; i < articles; i += 1) {
    version.run()
    rendering.run(`article-${i}`)
  }
  db.exec('COMMIT')
  db.exec('PRAGMA wal_checkpoint(TRUNCATE)')
  db.close()
  return file
}

/** The pages SQLite's `dbstat` lists for the renderings and their slug index. */
const readModelPages = (file: string): number => {
  const db = new Database(file, { readonly: true })
  const count = db.prepare('SELECT count(*) FROM dbstat WHERE name = ?').raw(true)
  const pages = WARM_NAMES.reduce(
    (sum, name) => sum + Number((count.get(name) as unknown[] | undefined)?.[0]),
    0,
  )
  db.close()
  return pages
}

/** Takes the file's pages out of the system's cache, as a reclaim of memory would. */
const pageOut = (file: string) => {
  execFileSync('sync', [file])
  execFileSync('dd', [`if=${file}`, 'iflag=nocache', 'count=0', 'status=none'])
}

/** The file's bytes in the system's cache (util-linux's fincore). */
const cachedBytes = (file: string): number =>
  Number(execFileSync('fincore', ['--bytes', '--noheadings', '--output', 'RES', file]).toString())

/** This process's threads running 5 below its priority (Linux's /proc: `nice` is field 19). */
const loweredThreads = (): number =>
  fs
    .readdirSync('/proc/self/task')
    .map((tid) => fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8'))
    .filter((stat) => Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]) === 5).length

/** A Payload as far as the thread's start asks: its database and logger. */
const payloadOn = (file: string, warnings: string[] = []): Payload =>
  ({
    db: { name: 'sqlite', clientConfig: { url: `file:${file}` } },
    logger: { warn: (line: string) => warnings.push(line) },
  }) as unknown as Payload

/** Starts keeping `file` warm; `turns` collects what each turn said, `until` waits for one. */
const keep = (file: string, settings: Parameters<typeof keepReadModelWarm>[0]['settings']) => {
  const warm = keepReadModelWarm({ payload: payloadOn(file), settings })
  if (!warm) {
    throw new Error('not started')
  }
  running.push(warm)
  const turns: WarmTurn[] = []
  const waiting: (() => void)[] = []
  warm.onTurn((turn) => {
    turns.push(turn)
    waiting.splice(0).forEach((wake) => wake())
  })
  /** The first turn from `from` on that `test` accepts (20 s at most). */
  const until = async (from: number, test: (turn: WarmTurn) => boolean): Promise<number> => {
    const deadline = Date.now() + 20_000
    for (;;) {
      const found = turns.findIndex((turn, i) => i >= from && test(turn))
      if (found >= 0) {
        return found
      }
      if (Date.now() > deadline) {
        throw new Error(`No such turn; the turns: ${JSON.stringify(turns)}`)
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 500)
        waiting.push(() => {
          clearTimeout(timer)
          resolve()
        })
      })
    }
  }
  return { warm, turns, until }
}

const MB = 1024 * 1024

describe('keeping the read model cached', () => {
  it('reads the renderings and their slug index back after the system took them, and only those', async () => {
    const file = library('back', 1500)
    const pages = readModelPages(file)
    const fileBytes = fs.statSync(file).size
    pageOut(file)
    expect(cachedBytes(file)).toBeLessThan(fileBytes / 20)

    const { warm, turns, until } = keep(file, {
      firstAfterMs: 0,
      shortestMs: 100,
      longestMs: 800,
      minBytes: 256 * 1024,
    })
    await until(0, (turn) => turn.pass !== undefined)
    const [first] = turns
    expect(first?.error).toBeUndefined()
    expect(first?.listed).toMatchObject({ pages, bytes: pages * 4096, fits: true })
    expect(first?.pass?.bytes).toBe(pages * 4096)
    // Brought back from the disk (by the listing, which reads each page, and the pass): what it
    // read there is (at least) the pages it keeps.
    expect((first?.listed?.readBytes ?? 0) + (first?.pass?.readBytes ?? 0)).toBeGreaterThanOrEqual(
      pages * 4096 * 0.9,
    )
    expect(cachedBytes(file)).toBeGreaterThanOrEqual(pages * 4096)
    // The versions between them stay out (the renderings are about a third of the file).
    expect(cachedBytes(file)).toBeLessThan(fileBytes * 0.6)
    expect(first?.nextMs).toBe(100)
    expect(warm.state()).toMatchObject({ state: 'warm', bytes: pages * 4096 })

    // Found cached, the passes come less often: 200, 400, then 800 ms at most.
    const calm = await until(1, (turn) => turn.nextMs === 800)
    expect(turns.slice(1, calm + 1).map((turn) => turn.nextMs)).toEqual([200, 400, 800])
    for (const turn of turns.slice(1, calm + 1)) {
      expect(turn.pass?.readBytes).toBeLessThan(256 * 1024)
    }

    // Taken again: the next pass brings them back, and the passes come often again.
    pageOut(file)
    const back = await until(calm + 1, (turn) => (turn.pass?.readBytes ?? 0) >= MB)
    expect(turns[back]?.pass?.readBytes).toBeGreaterThanOrEqual(pages * 4096 * 0.9)
    expect(turns[back]?.nextMs).toBe(100)
    expect(cachedBytes(file)).toBeGreaterThanOrEqual(pages * 4096)
  })

  it('lists the pages again once the library has grown', async () => {
    const file = library('grows', 200)
    const before = readModelPages(file)
    const { turns, until } = keep(file, {
      firstAfterMs: 0,
      shortestMs: 100,
      longestMs: 200,
      relistMs: 300,
    })
    await until(0, (turn) => turn.listed !== undefined)
    expect(turns[0]?.listed?.pages).toBe(before)

    const db = new Database(file)
    const insert = db.prepare(
      'INSERT INTO published_articles (slug, body) VALUES (?, randomblob(6000))',
    )
    for (let i = 0; i < 300; i += 1) {
      insert.run(`more-${i}`)
    }
    // Into the file: pages still in the write-ahead log are not read from the file.
    db.exec('PRAGMA wal_checkpoint(TRUNCATE)')
    db.close()
    const after = readModelPages(file)
    expect(after).toBeGreaterThan(before + 300)
    const relisted = await until(1, (turn) => turn.listed !== undefined)
    expect(turns[relisted]?.listed?.pages).toBe(after)
    expect(turns[relisted]?.pass?.bytes).toBe(after * 4096)
  })

  it('leaves a library larger than its share of the free memory to the system', async () => {
    const file = library('large', 200)
    pageOut(file)
    const { warm, turns, until } = keep(file, {
      firstAfterMs: 0,
      // A millionth of the free memory: a few KB.
      shareOfFreeMemory: 1e-6,
      shortestMs: 50,
      longestMs: 100,
      relistMs: 100,
    })
    const third = await until(2, () => true)
    for (const turn of turns.slice(0, third + 1)) {
      expect(turn.pass).toBeUndefined()
    }
    // Looked at again, as the free memory may have changed; the file too large, not listed.
    const looks = turns.filter((turn) => turn.listed)
    expect(looks.length).toBeGreaterThanOrEqual(2)
    for (const look of looks) {
      expect(look.listed).toMatchObject({ fits: false, fileBytes: fs.statSync(file).size })
      expect(look.listed?.pages).toBeUndefined()
    }
    expect(warm.state().state).toBe('too-large')
    expect(cachedBytes(file)).toBeLessThan(fs.statSync(file).size / 20)
  })

  it('is not started on MongoDB or a database in memory, and ends when stopped', async () => {
    const mongo = { db: { name: 'mongoose' }, logger: console } as unknown as Payload
    expect(keepReadModelWarm({ payload: mongo })).toBeNull()
    expect(keepReadModelWarm({ payload: payloadOn(':memory:') })).toBeNull()

    const warnings: string[] = []
    const missing = keepReadModelWarm({ payload: payloadOn(path.join(dir, 'none.db'), warnings) })
    running.push(missing as KeptWarm)
    const deadline = Date.now() + 10_000
    while (missing?.state().state !== 'ended' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    expect(missing?.state().state).toBe('ended')
    expect(warnings.join('\n')).toMatch(/stopped/)
    // What /health shows: the state, not the error (it names the file).
    expect(missing?.state()).toEqual({ state: 'ended' })

    const file = library('stops', 50)
    const lowered = loweredThreads()
    const { warm, until } = keep(file, { firstAfterMs: 0, shortestMs: 50, longestMs: 50 })
    await until(0, (turn) => turn.pass !== undefined)
    // Its thread runs 5 below the process's priority: readers first when both want a core.
    expect(loweredThreads()).toBe(lowered + 1)
    await warm.stop()
    expect(warm.state().state).toBe('ended')
    expect(loweredThreads()).toBe(lowered)
  })
})

describe('the pass and its pace', () => {
  it('reads consecutive pages in one read, up to the longest', () => {
    expect(runsOf([], 64)).toEqual([])
    expect(runsOf([3, 4, 5, 9, 11, 12], 64)).toEqual([3, 3, 9, 1, 11, 2])
    expect(runsOf([1, 2, 3, 4, 5], 2)).toEqual([1, 2, 3, 2, 5, 1])
    // A page listed twice (under two names) is read once.
    expect(runsOf([7, 7, 8], 64)).toEqual([7, 2])
  })

  it('comes back soon while passes find pages gone, and less often while they find none', () => {
    const pace = { minBytes: 1024, shortestMs: 5_000, longestMs: 60_000 }
    expect(nextWaitMs({ ...pace, lastMs: 5_000, readBytes: 0 })).toBe(10_000)
    expect(nextWaitMs({ ...pace, lastMs: 40_000, readBytes: 1023 })).toBe(60_000)
    expect(nextWaitMs({ ...pace, lastMs: 60_000, readBytes: 1024 })).toBe(5_000)
    // Where the reads cannot be known, as if it had found pages gone.
    expect(nextWaitMs({ ...pace, lastMs: 60_000, readBytes: null })).toBe(5_000)
  })
})
