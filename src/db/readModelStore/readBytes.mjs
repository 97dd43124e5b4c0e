/**
 * What Linux's /proc says has been read from storage: plain JavaScript, so the thread that keeps
 * the read model cached (warmWorker.mjs) uses it as the server does (diskReads.ts).
 */
import fs from 'node:fs'

/**
 * Bytes read from storage so far by this process (`self`) or this thread (`thread-self`), or
 * null where the system cannot say.
 * @param {'self' | 'thread-self'} who
 * @returns {number | null}
 */
export const bytesReadBy = (who) => {
  try {
    const found = /^read_bytes: (\d+)$/m.exec(fs.readFileSync(`/proc/${who}/io`, 'utf8'))
    return found ? Number(found[1]) : null
  } catch {
    return null
  }
}
