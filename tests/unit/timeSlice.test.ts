import { describe, expect, it } from '@jest/globals'

import { timeSlice } from '@/shared/timeSlice'

describe('timeSlice', () => {
  it('lets waiting callbacks run only once the slice has passed, then starts a new slice', async () => {
    // A clock the test moves: the work's steps take the time it says, whatever the machine does
    // meanwhile (on a busy machine, real steps of 2 ms were preempted past the slice).
    let clock = 1_000
    const busyFor = (ms: number) => {
      clock += ms
    }
    const yieldSometimes = timeSlice(30, () => clock)
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
    // Once that slice has passed too, the waiting callback runs.
    busyFor(29)
    await yieldSometimes()
    expect(ran).toBe(2)
  })
})
