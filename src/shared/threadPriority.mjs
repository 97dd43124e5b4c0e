/**
 * A thread's scheduling priority. Plain JavaScript, so a worker's script run from source
 * (src/db/readModelStore/warmWorker.mjs) uses it as the compiled render thread does.
 */
import fs from 'node:fs'
import os from 'node:os'

/**
 * Lowers the calling thread's scheduling priority by `steps` (as `nice`: higher is lower, 19 at
 * most) from the one it started with, its process's: on Linux a thread id given to setpriority(2)
 * names that thread alone. Returns whether it did; elsewhere (no /proc/thread-self), or if the
 * system refuses, nothing changes, which is safe.
 * @param {number} steps
 * @returns {boolean}
 */
export const lowerThisThreadPriority = (steps) => {
  if (steps <= 0) {
    return false
  }
  /** @type {number} */
  let tid
  try {
    // "<pid>/task/<tid>"
    tid = Number(fs.readlinkSync('/proc/thread-self').split('/').pop())
  } catch {
    return false
  }
  if (!Number.isInteger(tid) || tid <= 0) {
    return false
  }
  try {
    os.setPriority(tid, Math.min(19, os.getPriority(tid) + steps))
    return true
  } catch {
    return false
  }
}
