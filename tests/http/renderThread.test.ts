/**
 * `npm start` renders articles again on a thread of its own, started when there is work and ended
 * when there is none: after a disclaimer's title changes, every live article shows the new one
 * without a reader's request waiting for it, and /health says where renderings are made. With
 * RENDER_THREAD=false the server does the same on its own event loop. The delivery API sends the
 * old rendering (stale in presentation only) until the queue has run: the new title in the answer
 * is the render queue's work, not a render on read.
 */
import fs from 'node:fs'

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import { startApp } from '../helpers/startApp'
import type { RunningApp } from '../helpers/startApp'

const SLUG = 'causes-of-lower-back-spasms'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

type Article = { disclaimer: { title: string } | null }

const health = async (app: RunningApp) =>
  (await (await fetch(`${app.url}/health`)).json()) as {
    status: string
    renderThread: string
    lookupThread: string
  }

/** Changes the seed article's disclaimer title as an editor; resolves when the article shows it. */
const retitleDisclaimer = async (app: RunningApp, title: string): Promise<string | null> => {
  const login = await fetch(`${app.url}/api/users/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'editor@example.com', password: 'signoff-demo' }),
  })
  const { token } = (await login.json()) as { token: string }
  const before = (await (await fetch(`${app.url}/content/v1/articles/${SLUG}`)).json()) as Article
  expect(before.disclaimer?.title).not.toBe(title)
  const { docs } = (await (
    await fetch(`${app.url}/api/disclaimers?depth=0&limit=1`, {
      headers: { authorization: `JWT ${token}` },
    })
  ).json()) as { docs: { id: number }[] }
  const edited = await fetch(`${app.url}/api/disclaimers/${docs[0]?.id}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', authorization: `JWT ${token}` },
    body: JSON.stringify({ title }),
  })
  expect(edited.status).toBe(200)
  const deadline = Date.now() + 60_000
  let shown: string | null = null
  while (Date.now() < deadline && shown !== title) {
    await sleep(200)
    const article = (await (
      await fetch(`${app.url}/content/v1/articles/${SLUG}`)
    ).json()) as Article
    shown = article.disclaimer?.title ?? null
  }
  return shown
}

/** Every thread of the app's processes, with its scheduling priority (`nice`), from /proc. */
const threadsOf = (group: number): { pid: number; tid: number; nice: number }[] =>
  fs
    .readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .flatMap((pid) => {
      try {
        return fs.readdirSync(`/proc/${pid}/task`).map((tid) => {
          const stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8')
          // After "pid (comm) ": state ppid pgrp … with nice the 17th of them.
          const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
          return {
            pid: Number(pid),
            tid: Number(tid),
            group: Number(fields[2]),
            nice: Number(fields[16]),
          }
        })
      } catch {
        // A process that ended meanwhile.
        return []
      }
    })
    .filter((thread) => thread.group === group)
    .map(({ pid, tid, nice }) => ({ pid, tid, nice }))

/** Server log lines at error level (the app logs JSON at warn and above). */
const errorLines = (app: RunningApp) =>
  app
    .output()
    .split('\n')
    .filter((line) => line.includes('"level":50'))

describe('npm start: the render thread', () => {
  let app: RunningApp

  beforeAll(async () => {
    // The thread that keeps the read model cached runs lowered as well (tests/int/keepWarm.test.ts):
    // off here, so the one thread lowered is the render thread.
    app = await startApp({ env: { KEEP_READ_MODEL_WARM: 'false' } })
  }, 300_000)

  afterAll(async () => {
    await app?.stop()
  })

  /** Polls /health until the thread is in `state`; every state seen on the way. */
  const untilThread = async (state: string, timeoutMs = 60_000) => {
    const seen: string[] = []
    const deadline = Date.now() + timeoutMs
    while (seen.at(-1) !== state && Date.now() < deadline) {
      const now = (await health(app)).renderThread
      if (seen.at(-1) !== now) {
        seen.push(now)
      }
      await sleep(100)
    }
    return seen
  }

  /** The app's threads, read the first time /health says the render thread runs (none if never). */
  const threadsWhileRunning = async (timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs
    while (Date.now() < deadline) {
      if ((await health(app)).renderThread === 'running') {
        return threadsOf(app.processGroup)
      }
      await sleep(50)
    }
    return []
  }

  it('runs no thread while nothing is to be rendered', async () => {
    expect((await untilThread('idle')).at(-1)).toBe('idle')
  }, 90_000)

  it('renders the live article again on a thread once a disclaimer it shows changes, and ends it after', async () => {
    const watching = untilThread('never', 15_000)
    const threads = threadsWhileRunning(15_000)
    expect(await retitleDisclaimer(app, 'Rendered on the render thread')).toBe(
      'Rendered on the render thread',
    )
    expect(await watching).toContain('running')
    // While it lives the thread yields to the server's: when both want a core, readers are
    // answered first. Nothing else in the app is lowered.
    const seen = await threads
    const lowered = seen.filter((thread) => thread.nice !== 0)
    expect(lowered).toHaveLength(1)
    expect(lowered[0]?.nice).toBe(5)
    expect(seen.find((thread) => thread.tid === lowered[0]?.pid)?.nice).toBe(0)
    // Idle for a few seconds after its work, the thread ends.
    expect((await untilThread('idle')).at(-1)).toBe('idle')
    expect(errorLines(app)).toEqual([])
  }, 120_000)

  it('starts one again for the next change', async () => {
    expect(await retitleDisclaimer(app, 'Rendered on a second thread')).toBe(
      'Rendered on a second thread',
    )
    expect(errorLines(app)).toEqual([])
  }, 120_000)

  it('stops with the server without the thread failing', async () => {
    await app.stop()
    expect(app.output()).not.toMatch(/render thread (failed|ended)/i)
  }, 60_000)
})

describe('npm start with RENDER_THREAD=false and LOOKUP_THREAD=false', () => {
  let app: RunningApp

  beforeAll(async () => {
    app = await startApp({ env: { RENDER_THREAD: 'false', LOOKUP_THREAD: 'false' } })
  }, 300_000)

  afterAll(async () => {
    await app?.stop()
  })

  it('renders on its own event loop, with the same outcome', async () => {
    expect((await health(app)).renderThread).toBe('off')
    expect(await retitleDisclaimer(app, 'Rendered on the event loop')).toBe(
      'Rendered on the event loop',
    )
    // Articles were read meanwhile, looked up on the event loop too.
    expect((await health(app)).lookupThread).toBe('off')
    expect(errorLines(app)).toEqual([])
  }, 120_000)
})
