import v8 from 'node:v8'
import { Worker } from 'node:worker_threads'

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import { processSemiSpaceMb, startWithOwnYoungGeneration } from '@/shared/workerHeap'

/**
 * A worker that keeps 100,000–200,000 small objects alive while it allocates, so V8 grows its young
 * generation as far as it may, then reports how far that was (both semi-spaces, in MB).
 */
const GROWS_ITS_YOUNG_GENERATION = `
const v8 = require('node:v8')
const { parentPort } = require('node:worker_threads')
let kept = []
for (let i = 0; i < 1000000; i += 1) {
  kept.push({ i, text: 'x' + i })
  if (kept.length > 200000) kept = kept.slice(100000)
}
const young = v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')
parentPort.postMessage(young.space_size / 2 ** 20)
`

const youngGenerationMbOf = (worker: Worker): Promise<number> =>
  new Promise((resolve, reject) => {
    worker.once('message', (mb: number) => {
      resolve(mb)
      void worker.terminate()
    })
    worker.once('error', reject)
  })

const asking = (youngMb?: number) => () =>
  new Worker(GROWS_ITS_YOUNG_GENERATION, {
    eval: true,
    ...(youngMb ? { resourceLimits: { maxYoungGenerationSizeMb: youngMb } } : {}),
  })

describe('processSemiSpaceMb', () => {
  it('reads the flag from the command line, NODE_OPTIONS, or neither', () => {
    expect(processSemiSpaceMb({ execArgv: ['--max-semi-space-size=4'], nodeOptions: '' })).toBe(4)
    expect(processSemiSpaceMb({ execArgv: ['--max-semi-space-size', '6'], nodeOptions: '' })).toBe(
      6,
    )
    expect(processSemiSpaceMb({ execArgv: [], nodeOptions: '--max_semi_space_size=2' })).toBe(2)
    expect(processSemiSpaceMb({ execArgv: ['--inspect'], nodeOptions: '--no-warnings' })).toBe(0)
  })

  it('takes the command line over NODE_OPTIONS, as node does', () => {
    expect(
      processSemiSpaceMb({
        execArgv: ['--max-semi-space-size=4'],
        nodeOptions: '--max-semi-space-size=8 --no-warnings',
      }),
    ).toBe(4)
  })

  it('ignores a value that is not a size', () => {
    expect(processSemiSpaceMb({ execArgv: ['--max-semi-space-size=lots'], nodeOptions: '' })).toBe(
      0,
    )
  })
})

describe('startWithOwnYoungGeneration, in a process run with --max-semi-space-size=4', () => {
  const nodeOptions = process.env.NODE_OPTIONS
  beforeAll(() => {
    // As `npm start` runs the server: the flag given, and set in V8.
    process.env.NODE_OPTIONS = `${nodeOptions ?? ''} --max-semi-space-size=4`
    v8.setFlagsFromString('--max-semi-space-size=4')
  })
  afterAll(() => {
    v8.setFlagsFromString('--max-semi-space-size=0')
    process.env.NODE_OPTIONS = nodeOptions
  })

  it('without it, the flag overrides the young generation a worker asks for', async () => {
    // 4 MB semi-spaces: 8 MB, not the 32 (16 MB semi-spaces) that 48 MB asks for.
    expect(await youngGenerationMbOf(asking(48)())).toBe(8)
  })

  it('gives the worker the young generation it asks for', async () => {
    expect(await youngGenerationMbOf(startWithOwnYoungGeneration(asking(48)))).toBe(32)
    expect(await youngGenerationMbOf(startWithOwnYoungGeneration(asking(24)))).toBe(16)
  })

  it("puts the process's flag back once the worker is online", async () => {
    const first = startWithOwnYoungGeneration(asking(48))
    await new Promise((resolve) => first.once('online', resolve))
    // A worker started after that gets the process's 4 MB again.
    const next = youngGenerationMbOf(asking()())
    expect(await youngGenerationMbOf(first)).toBe(32)
    expect(await next).toBe(8)
  })

  it('puts it back when the worker cannot start', () => {
    expect(() =>
      startWithOwnYoungGeneration(() => {
        throw new Error('no worker')
      }),
    ).toThrow('no worker')
    return expect(youngGenerationMbOf(asking()())).resolves.toBe(8)
  })
})
