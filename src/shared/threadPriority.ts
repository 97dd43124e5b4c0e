import fs from 'node:fs'
import os from 'node:os'

/**
 * Lowers the calling thread's scheduling priority to `nice` (0–19, higher is lower), alone: on
 * Linux a thread id given to setpriority(2) names that thread, not its process. Returns whether it
 * did; elsewhere (no /proc/thread-self), or if the system refuses, nothing changes, which is safe.
 */
export const lowerThisThreadPriority = (nice: number): boolean => {
  if (nice <= 0) {
    return false
  }
  let tid: number
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
    os.setPriority(tid, Math.max(os.getPriority(tid), nice))
    return true
  } catch {
    return false
  }
}
