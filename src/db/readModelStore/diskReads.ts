import { bytesReadBy } from './readBytes.mjs'

/** Bytes this process has read from storage so far (Linux's /proc), or null where it cannot say. */
export const bytesReadFromDisk = (): number | null => bytesReadBy('self')

/** How often the process's reads are looked at. */
const EVERY_MS = 1000

/**
 * A second with this much read from storage counts as reading from the disk: 256 pages of 4 KB.
 * With every rendering in the operating system's cache, the server reads next to nothing
 * (0–50 KB a second under article load at 10,000 articles here); a library larger than the cache
 * keeps it reading (0.4–5 MB a second at 100,000).
 */
export const DISK_BYTES_PER_SECOND = 1024 * 1024

/** How long a second of disk reads counts for: one quiet second does not end it. */
const HOLD_MS = 30_000

export type DiskReads = {
  /**
   * Whether the process read from the disk within `holdMs` of the last look (always, where the
   * reads are unknown).
   */
  isReading: () => boolean
  /** Looks at the reads since the last look (the timer calls it; a test may). */
  check: () => void
  stop: () => void
}

/**
 * Watches how much the process reads from storage, once a second: whether it has read
 * `bytesPerSecond` in `seconds` of the looks within the last `holdMs` (one, by default). Where the
 * reads cannot be known, the answer is always yes.
 */
export const watchDiskReads = ({
  read = bytesReadFromDisk,
  bytesPerSecond = DISK_BYTES_PER_SECOND,
  everyMs = EVERY_MS,
  holdMs = HOLD_MS,
  seconds = 1,
  now = Date.now,
}: {
  read?: () => number | null
  bytesPerSecond?: number
  everyMs?: number
  holdMs?: number
  /** How many looks over `bytesPerSecond` within `holdMs` count as reading. */
  seconds?: number
  now?: () => number
} = {}): DiskReads => {
  let last = read()
  let lastAt = now()
  // When the last `seconds` looks over the rate were, oldest first.
  const busy: number[] = []
  let reading = last === null
  const check = () => {
    const bytes = read()
    const at = now()
    if (bytes !== null && last !== null && at > lastAt) {
      if (((bytes - last) * 1000) / (at - lastAt) >= bytesPerSecond) {
        busy.push(at)
        if (busy.length > seconds) {
          busy.shift()
        }
      }
    }
    last = bytes
    lastAt = at
    const oldest = busy[0]
    reading =
      bytes === null || (busy.length === seconds && oldest !== undefined && at < oldest + holdMs)
  }
  const timer = setInterval(check, everyMs)
  timer.unref()
  return { isReading: () => reading, check, stop: () => clearInterval(timer) }
}
