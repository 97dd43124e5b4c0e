/**
 * How the server hands the read-model queue to its render thread: its job crons skip that queue; a
 * presentation change asks the thread (and renders nothing on the server's event loop); no thread
 * runs until there is work, and one that cannot start leaves the server rendering by itself; the
 * thread's side runs the queue when asked, says when it has been idle, and closes when told. The
 * thread end to end, through `npm start`, is in tests/http/renderThread.test.ts.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { MessageChannel } from 'node:worker_threads'

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Payload } from 'payload'

import type { Article } from '@payload-types'
import { identityBody, snapshotStore } from '@/db/readModelStore'
import { onContentChange } from '@/delivery/contentEvents'
import { READ_MODEL_QUEUE, cronsRunHere, renderElsewhere } from '@/delivery/readModel/refreshJob'
import { renderOnThread, serveRenderThread } from '@/delivery/readModel/renderThread'
import type { RenderThread } from '@/delivery/readModel/renderThread'
import { startTestPayload } from '../helpers/testPayload'
import type { TestPayload } from '../helpers/testPayload'

const PASSWORD = 'render-thread-password'
const SLUG = 'causes-of-lower-back-spasms'
let t: TestPayload
let seed: Article
let editorToken: string
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'signoff-render-thread-'))

beforeAll(async () => {
  t = await startTestPayload()
  const seedId = await t.seedDemo(PASSWORD)
  seed = await t.payload.findByID({ collection: 'articles', id: seedId, depth: 0 })
  editorToken = await t.logIn('editor@example.com', PASSWORD)
})

afterAll(async () => {
  fs.rmSync(scratch, { recursive: true, force: true })
  await t?.close()
})

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** An editor retitles the seed article's disclaimer, as the admin would, with the queues on. */
const retitleDisclaimer = async (title: string) => {
  process.env.JOBS_AUTORUN = 'true'
  try {
    const res = await t.rest(`/disclaimers/${seed.disclaimer as number}`, {
      method: 'PATCH',
      token: editorToken,
      json: { title },
    })
    expect(res.status).toBe(200)
  } finally {
    process.env.JOBS_AUTORUN = 'false'
  }
}

const stored = () => snapshotStore(t.payload).findBySlug(SLUG)

const shownTitle = async () =>
  (
    JSON.parse(
      identityBody((await stored()) ?? { body: Buffer.from('{}'), variants: {} }).toString(),
    ) as Article & {
      disclaimer?: { title: string }
    }
  ).disclaimer?.title

/** Waits (at most 15 s) until the stored rendering shows the disclaimer titled `title`. */
const untilShown = async (title: string) => {
  const deadline = Date.now() + 15_000
  while ((await shownTitle()) !== title) {
    expect(Date.now()).toBeLessThan(deadline)
    await sleep(50)
  }
}

/** Waits (at most 5 s) for the server to see its thread gone for good. */
const untilEnded = async (thread: RenderThread) => {
  const deadline = Date.now() + 5_000
  while (thread.state() !== 'ended') {
    expect(Date.now()).toBeLessThan(deadline)
    await sleep(20)
  }
}

const CRONS = [
  { cron: '*/10 * * * * *', queue: 'webhooks' },
  { cron: '*/10 * * * * *', queue: READ_MODEL_QUEUE },
  { cron: '*/5 * * * *', queue: 'review-due' },
]

describe('which job crons run where', () => {
  it('a server without a render thread runs them all', () => {
    expect(cronsRunHere({ payload: {} as Payload, crons: CRONS })).toEqual(CRONS)
  })

  it('a server with a render thread skips the read-model queue', () => {
    const server = {} as Payload
    renderElsewhere({ payload: server, runSoon: () => undefined })
    expect(cronsRunHere({ payload: server, crons: CRONS }).map((c) => c.queue)).toEqual([
      'webhooks',
      'review-due',
    ])
  })
})

describe('a server whose render thread could not start', () => {
  it('starts none before there is work, then renders on its own event loop and says the thread ended', async () => {
    const entry = path.join(scratch, 'failing-thread.mjs')
    fs.writeFileSync(entry, 'process.exit(3)\n')
    const thread = renderOnThread({ payload: t.payload, entry: pathToFileURL(entry) })
    try {
      expect(thread.state()).toBe('idle')
      await retitleDisclaimer('Rendered after the thread ended')
      await untilEnded(thread)
      await untilShown('Rendered after the thread ended')
    } finally {
      await thread.stop()
    }
  })
})

describe("what a render thread's runs change", () => {
  it('reaches the server as a content change, as its own would', async () => {
    const entry = path.join(scratch, 'changing-thread.mjs')
    fs.writeFileSync(
      entry,
      "import { parentPort } from 'node:worker_threads'\n" +
        "parentPort.postMessage({ changed: { collection: 'disclaimers', id: 7 } })\n" +
        "parentPort.on('message', (message) => message === 'stop' && process.exit(0))\n",
    )
    const heard: unknown[] = []
    const stopListening = onContentChange((event) => heard.push(event))
    const thread = renderOnThread({ payload: t.payload, entry: pathToFileURL(entry) })
    try {
      // Started by a change that asks it to run.
      await retitleDisclaimer('Retitled while a thread changes things')
      const deadline = Date.now() + 5_000
      while (!heard.some((event) => (event as { id?: unknown }).id === 7)) {
        expect(Date.now()).toBeLessThan(deadline)
        await sleep(20)
      }
      expect(heard).toContainEqual({ collection: 'disclaimers', id: 7 })
    } finally {
      stopListening()
      await thread.stop()
    }
  })
})

describe('a render thread that ends in the middle of a run', () => {
  it('leaves the job it was running to the server, which renders the change', async () => {
    // Takes the run, then ends (a crash) before finishing it.
    const entry = path.join(scratch, 'crashing-thread.mjs')
    fs.writeFileSync(
      entry,
      "import { parentPort } from 'node:worker_threads'\n" +
        "parentPort.once('message', () => setTimeout(() => process.exit(3), 1500))\n",
    )
    const thread = renderOnThread({ payload: t.payload, entry: pathToFileURL(entry) })
    try {
      await retitleDisclaimer('Rendered after the thread crashed')
      // As Payload marks the job the thread took.
      await t.payload.update({
        collection: 'payload-jobs',
        where: {
          and: [{ queue: { equals: READ_MODEL_QUEUE } }, { completedAt: { exists: false } }],
        },
        data: { processing: true },
        overrideAccess: true,
      })
      expect(thread.state()).not.toBe('ended')
      await untilEnded(thread)
      await untilShown('Rendered after the thread crashed')
    } finally {
      await thread.stop()
    }
  })
})

describe('a server with a render thread', () => {
  it('asks the thread once the change commits, and renders nothing itself', async () => {
    const asked: number[] = []
    renderElsewhere({ payload: t.payload, runSoon: () => asked.push(Date.now()) })
    await retitleDisclaimer('Rendered on the thread')
    const deadline = Date.now() + 5_000
    while (asked.length === 0) {
      expect(Date.now()).toBeLessThan(deadline)
      await sleep(20)
    }
    // Given time to render here, it has not: the rendering is still the old one, not even marked
    // (finding and marking the articles that show the disclaimer is the job's too).
    await sleep(500)
    expect(await stored()).toMatchObject({ isStale: false })
    expect(await shownTitle()).toBe('Rendered after the thread crashed')
    expect(asked).toHaveLength(1)
  })

  it("the thread's side runs the queue when asked, says when it is idle, then closes when told", async () => {
    const { port1: server, port2: thread } = new MessageChannel()
    const fromThread: unknown[] = []
    server.on('message', (message: unknown) => fromThread.push(message))
    let ended = false
    // Asked before its Payload is up (the server asks as it starts the thread): not lost.
    server.postMessage('run')
    const serving = serveRenderThread({
      port: thread,
      openPayload: async () => {
        await sleep(100)
        return t.payload
      },
      end: () => {
        ended = true
      },
      idleMs: 200,
    })
    const until = async (done: () => boolean) => {
      const deadline = Date.now() + 5_000
      while (!done()) {
        expect(Date.now()).toBeLessThan(deadline)
        await sleep(20)
      }
    }
    await serving
    await until(() => fromThread.includes('ready'))
    // The job the last change queued, still waiting: the thread runs it.
    await untilShown('Rendered on the thread')
    // Having marked the disclaimer's articles stale, it tells the server: its cache drops them.
    expect(fromThread).toContainEqual({
      changed: { collection: 'disclaimers', id: seed.disclaimer },
    })
    // Idle after its one run: the server may end it.
    await until(() => fromThread.some((m) => typeof m === 'object' && m !== null && 'idle' in m))
    expect(fromThread).toContainEqual({ idle: 1 })
    server.postMessage('stop')
    await until(() => ended)
    server.close()
  })
})
