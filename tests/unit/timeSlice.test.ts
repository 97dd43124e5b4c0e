import { describe, expect, it } from '@jest/globals'

import { timeSlice } from '@/shared/timeSlice'

const busyFor = (ms: number) => {
  const until = performance.now() + ms
  while (performance.now() < until) {
    // Work that holds the event loop, as rendering does.
  }
}

describe('timeSlice', () => {
  it('lets waiting callbacks run only once the slice has passed, then starts a new slice', async () => {
    const yieldSometimes = timeSlice(30)
    let ran = 0
    setImmediate(() => (ran += 1))
    // Short steps within the slice: nothing else gets the loop.
    for (let step = 0; step < 5; step += 1) {
      busyFor(2)
      await yieldSometimes()
    }
    expect(ran).toBe(0)
    busyFor(30)
    await yieldSometimes()
    expect(ran).toBe(1)
    // A new slice began: the next short step keeps the loop again.
    setImmediate(() => (ran += 1))
    busyFor(2)
    await yieldSometimes()
    expect(ran).toBe(1)
  })
})
