/**
 * When the server counts as reading from the disk (src/db/readModelStore/diskReads.ts), which
 * decides whether article lookups go to their thread: a second with 1 MB read or more, for 30 s
 * after; always where the reads cannot be known.
 */
import { describe, expect, it } from '@jest/globals'

import {
  DISK_BYTES_PER_SECOND,
  bytesReadFromDisk,
  watchDiskReads,
} from '@/db/readModelStore/diskReads'

/** A process whose reads and clock the test moves. */
const fakeProcess = () => {
  let bytes: number | null = 0
  let now = 0
  return {
    read: () => bytes,
    now: () => now,
    pass: (ms: number, read: number | null) => {
      now += ms
      bytes = read === null ? null : (bytes ?? 0) + read
    },
  }
}

describe('watchDiskReads', () => {
  it('counts a second with 1 MB read, for 30 s after, and not a quieter one', () => {
    const fake = fakeProcess()
    const disk = watchDiskReads({ read: fake.read, now: fake.now })
    try {
      expect(disk.isReading()).toBe(false)
      // Cached pages: a few KB a second.
      fake.pass(1000, 50 * 1024)
      disk.check()
      expect(disk.isReading()).toBe(false)
      // Just under the threshold, over two seconds: still quiet.
      fake.pass(2000, 2 * DISK_BYTES_PER_SECOND - 1)
      disk.check()
      expect(disk.isReading()).toBe(false)
      fake.pass(1000, DISK_BYTES_PER_SECOND)
      disk.check()
      expect(disk.isReading()).toBe(true)
      // Quiet seconds after it: reading for 30 s from that second, then not.
      for (let second = 1; second < 30; second++) {
        fake.pass(1000, 0)
        disk.check()
        expect(disk.isReading()).toBe(true)
      }
      fake.pass(1000, 0)
      disk.check()
      expect(disk.isReading()).toBe(false)
    } finally {
      disk.stop()
    }
  })

  it('with `seconds`, counts only that many busy seconds within the hold', () => {
    const fake = fakeProcess()
    const disk = watchDiskReads({
      read: fake.read,
      now: fake.now,
      bytesPerSecond: 4 * 1024 * 1024,
      seconds: 3,
      holdMs: 10_000,
    })
    const second = (bytes: number) => {
      fake.pass(1000, bytes)
      disk.check()
      return disk.isReading()
    }
    try {
      // A burst of two busy seconds (a cached library's paged-out pages coming back): not reading.
      expect(second(5 * 1024 * 1024)).toBe(false)
      expect(second(6 * 1024 * 1024)).toBe(false)
      expect(second(1024)).toBe(false)
      // A third within ten seconds of the first: reading, until ten seconds after the oldest of
      // the last three.
      expect(second(8 * 1024 * 1024)).toBe(true)
      for (let quiet = 0; quiet < 6; quiet += 1) {
        expect(second(0)).toBe(true)
      }
      // Ten seconds after the first busy one (the oldest of the last three): quiet again.
      expect(second(0)).toBe(false)
      // Three busy seconds too far apart never count.
      for (let round = 0; round < 3; round += 1) {
        expect(second(5 * 1024 * 1024)).toBe(false)
        for (let quiet = 0; quiet < 5; quiet += 1) {
          expect(second(0)).toBe(false)
        }
      }
    } finally {
      disk.stop()
    }
  })

  it('counts as reading where the reads cannot be known', () => {
    const unknown = watchDiskReads({ read: () => null })
    try {
      expect(unknown.isReading()).toBe(true)
    } finally {
      unknown.stop()
    }
    const fake = fakeProcess()
    const lost = watchDiskReads({ read: fake.read, now: fake.now })
    try {
      fake.pass(1000, null)
      lost.check()
      expect(lost.isReading()).toBe(true)
    } finally {
      lost.stop()
    }
  })

  it("reads this process's bytes from /proc on Linux", () => {
    const bytes = bytesReadFromDisk()
    if (process.platform === 'linux') {
      expect(typeof bytes).toBe('number')
      expect(bytes).toBeGreaterThanOrEqual(0)
    } else {
      expect(bytes).toBeNull()
    }
  })
})
